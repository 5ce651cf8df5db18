/**
 * The site limiter registry of an instance that shares its PostgreSQL database with others
 * (WORKBENCH_DATABASE_URL): one limiter per (site, credential) in the process, as in
 * limiter-registry.ts, each also drawing on the shared bucket and pause of its (site, credential)
 * row (shared-site-limiter.ts), so that the configured rate holds for all instances together.
 *
 * A credential's identity must agree across instances yet reveal nothing: it is an HMAC under the
 * key the `limiter` migration made once in the database (`limiter_key`), never the secret itself.
 * The instance heartbeats its row in `limiter_instances` every few seconds; how many are alive
 * sets the share it paces itself at when the database is out of reach.
 */
import { randomUUID } from 'node:crypto';
import { migrate } from '../../../storage/postgres/migrations.ts';
import type { PostgresPool } from '../../../storage/postgres/pool.ts';
import { credentialIdentity, type SiteLimiterRegistry } from '../limiter-registry.ts';
import {
  createSiteLimiter,
  DEFAULT_SITE_INTERVAL_MS,
  DEFAULT_SITE_REQUESTS_PER_INTERVAL,
  type SiteLimiter,
  type SiteLimiterOptions,
} from '../site-limiter.ts';
import { normalizeBaseUrl } from '../urls.ts';
import { createBucketStore } from './bucket-store.ts';
import { createDatabaseLink, type DatabaseLinkOptions } from './database-link.ts';
import { LIMITER_MIGRATIONS } from './migrations.ts';
import { createSharedSiteLimiter } from './shared-site-limiter.ts';

/** How often an instance says it is alive. */
export const HEARTBEAT_INTERVAL_MS = 5_000;

export interface PostgresSiteLimiterRegistryOptions extends DatabaseLinkOptions {
  pool: PostgresPool;
  /** Limits of each limiter the registry makes (default: the site limiter's defaults). */
  limits?: SiteLimiterOptions;
  now?: () => number;
  heartbeatIntervalMs?: number;
}

/**
 * Migrates the `limiter` tables, reads the identity key and joins the live instances.
 *
 * @example
 * const limiters = await createPostgresSiteLimiterRegistry({ pool: workbench.database.pool });
 * const client = createConfluenceClient({ baseUrl, auth, limiters }); // one budget across instances
 * await limiters.close();
 */
export async function createPostgresSiteLimiterRegistry(
  options: PostgresSiteLimiterRegistryOptions,
): Promise<SiteLimiterRegistry & { close(): Promise<void> }> {
  const { pool } = options;
  const now = options.now ?? Date.now;
  await migrate(pool, 'limiter', LIMITER_MIGRATIONS);
  const store = createBucketStore(pool);
  const identityKey = await store.identityKey();
  const link = createDatabaseLink(pool, options);
  const instance = randomUUID();
  const pace = describePace(options.limits ?? {});
  // Instances that pace the site differently break the shared limit (each bucket refill uses the
  // caller's rate): said once per disagreement, and again if a new one appears.
  let disagreement = '';
  const beat = async () => {
    const { live, otherPaces } = await store.heartbeat(instance, pace);
    liveInstances = live;
    const others = otherPaces.filter((other) => other !== pace).sort();
    const seen = others.join('; ');
    if (seen !== '' && seen !== disagreement) {
      options.logger?.warn(
        { pace, otherPaces: others },
        `site rate limit: this instance paces the site at ${pace}, other instances on this database at ${others.join(', ')}; ` +
          'set the same CONFLUENCE_MAX_REQUESTS_PER_SECOND on every instance, or the shared limit does not hold',
      );
    }
    disagreement = seen;
  };
  let liveInstances = 1;
  await beat();
  const heartbeat = setInterval(() => {
    link.run(beat).catch(() => undefined);
  }, options.heartbeatIntervalMs ?? HEARTBEAT_INTERVAL_MS);
  heartbeat.unref();
  const limiters = new Map<string, SiteLimiter>();
  return {
    limiterFor(baseUrl, auth, limits) {
      const key = {
        site: normalizeBaseUrl(baseUrl),
        credential: credentialIdentity(auth, identityKey),
      };
      const mapKey = `${key.site}\n${key.credential}`;
      let limiter = limiters.get(mapKey);
      if (!limiter) {
        const chosen = limits ?? options.limits ?? {};
        limiter = createSharedSiteLimiter({
          local: createSiteLimiter(chosen, now),
          key,
          requestsPerInterval: chosen.requestsPerInterval ?? DEFAULT_SITE_REQUESTS_PER_INTERVAL,
          intervalMs: chosen.intervalMs ?? DEFAULT_SITE_INTERVAL_MS,
          store,
          link,
          liveInstances: () => liveInstances,
          now,
        });
        limiters.set(mapKey, limiter);
      }
      return limiter;
    },
    get size() {
      return limiters.size;
    },
    async close() {
      clearInterval(heartbeat);
      link.close();
      await store.forget(instance).catch(() => undefined);
    },
  };
}

/**
 * The pace an instance is configured with, as the other instances see it.
 *
 * @example
 * describePace({ requestsPerInterval: 40, intervalMs: 1_000 }); // '40 requests per 1000 ms'
 */
export function describePace(limits: SiteLimiterOptions): string {
  const requests = limits.requestsPerInterval ?? DEFAULT_SITE_REQUESTS_PER_INTERVAL;
  if (!Number.isFinite(requests)) return 'no limit';
  return `${requests} requests per ${limits.intervalMs ?? DEFAULT_SITE_INTERVAL_MS} ms`;
}
