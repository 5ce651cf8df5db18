/**
 * One {@link SiteLimiter} per (site, credential) in the process, so that every client, run and
 * job calling the same site as the same account draws on one budget and sees one pause, as
 * Atlassian asks ("Coordinate across threads and nodes", notes/jobs-triggers-scale.md §1c), while
 * another credential (another account, another app) keeps a budget of its own.
 *
 * The key holds a keyed hash of the credential (HMAC-SHA-256 under a random per-process key),
 * never the secret: nothing that can be listed, logged or dumped from the registry gives it back.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { ConfluenceAuth } from '../../config.ts';
import { createSiteLimiter, type SiteLimiter, type SiteLimiterOptions } from './site-limiter.ts';
import { normalizeBaseUrl } from './urls.ts';

export interface SiteLimiterRegistry {
  /**
   * The limiter of this site and credential, made with `limits` (else the registry's defaults)
   * the first time it is asked for; later callers share it as it is.
   */
  limiterFor(
    baseUrl: string,
    auth: ConfluenceAuth | undefined,
    limits?: SiteLimiterOptions,
  ): SiteLimiter;
  /** How many (site, credential) limiters exist. */
  readonly size: number;
  /** Releases what the registry holds (timers, its row in a shared database), when it holds any. */
  close?(): Promise<void>;
}

export interface SiteLimiterRegistryOptions {
  /** Limits of each limiter the registry makes (default: the site limiter's defaults). */
  limits?: SiteLimiterOptions;
  /** The limiters' clock (default `Date.now`). */
  now?: () => number;
}

const PROCESS_KEY = randomBytes(32);

/**
 * A short, stable identity for a credential that reveals nothing about it: an HMAC under `key`
 * (default: a random per-process key; instances sharing a database pass the key kept there, so
 * they agree on it).
 * @example credentialIdentity({ kind: 'bearer', accessToken: 't0ken' }) // '5f0c…' (32 hex digits)
 */
export function credentialIdentity(
  auth: ConfluenceAuth | undefined,
  key: Uint8Array = PROCESS_KEY,
): string {
  if (auth === undefined) return 'anonymous';
  const material =
    auth.kind === 'basic'
      ? `basic\n${auth.email}\n${auth.apiToken}`
      : `bearer\n${auth.accessToken}`;
  return createHmac('sha256', key).update(material).digest('hex').slice(0, 32);
}

/**
 * @example
 * const registry = createSiteLimiterRegistry({ limits: { requestsPerInterval: 10 } });
 * const a = registry.limiterFor('https://acme.atlassian.net', auth);
 * a === registry.limiterFor('https://acme.atlassian.net/wiki', auth); // true: one budget
 */
export function createSiteLimiterRegistry(
  options: SiteLimiterRegistryOptions = {},
): SiteLimiterRegistry {
  const limiters = new Map<string, SiteLimiter>();
  return {
    limiterFor(baseUrl, auth, limits) {
      const key = `${normalizeBaseUrl(baseUrl)}\n${credentialIdentity(auth)}`;
      let limiter = limiters.get(key);
      if (!limiter) {
        limiter = createSiteLimiter(limits ?? options.limits, options.now);
        limiters.set(key, limiter);
      }
      return limiter;
    },
    get size() {
      return limiters.size;
    },
  };
}

/** The process's registry: what createConfluenceClient uses unless told otherwise. */
export const siteLimiters: SiteLimiterRegistry = createSiteLimiterRegistry();

/**
 * The process-wide limiter of a site and credential.
 * @example const limiter = siteLimiterFor(config.confluence.baseUrl, config.confluence.auth);
 */
export function siteLimiterFor(
  baseUrl: string,
  auth: ConfluenceAuth | undefined,
  limits?: SiteLimiterOptions,
): SiteLimiter {
  return siteLimiters.limiterFor(baseUrl, auth, limits);
}
