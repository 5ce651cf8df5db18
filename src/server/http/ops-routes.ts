/**
 * Operational endpoints: /healthz (open, for load balancers and orchestrators) and /metrics
 * (Prometheus text; behind the same Host/Origin guard and keys as the API, since run metrics name
 * what the service is doing).
 *
 * With a shared database, /healthz asks it (`SELECT 1`, at most 2 s) and reports it: ok with the
 * latency, or not ok with the reason, and the URL without its password. The status code stays 200
 * while the process serves: the instance keeps running scripts and answering reads of its own
 * runs through a short database outage (src/runs/store/outage-buffer.ts), and taking every
 * instance out of rotation at once would turn that outage into a full one. `status` says
 * `degraded` so that monitoring can alert on it.
 */
import { Hono } from 'hono';
import type { ClientDirectory } from '../../clients/directory.ts';
import type { DatabaseHealth } from '../../storage/shared-database.ts';
import type { ServerMetrics } from '../metrics.ts';
import type { RunLimiter } from '../run-limiter.ts';
import type { AppEnv } from './app-env.ts';
import { bearerAuth } from './bearer-auth.ts';
import { errorBody } from './http-error.ts';
import { requestGuard, type AllowLists } from './request-guard.ts';

export interface OpsRoutesOptions {
  limiter: RunLimiter;
  metrics: ServerMetrics;
  allow: AllowLists;
  clients: ClientDirectory;
  version: string;
  /** `site` or `emulator`: which Confluence the runs reach. */
  confluence: 'site' | 'emulator';
  /** The shared PostgreSQL (absent: SQLite files, nothing to ask). */
  database?: DatabaseProbe;
  /** Runs finished here while the database was away, waiting to be saved. */
  pendingRuns?: () => number;
}

/** What /healthz asks of the shared database (src/storage/shared-database.ts fits). */
export interface DatabaseProbe {
  health(timeoutMs?: number): Promise<DatabaseHealth>;
}

/**
 * @example
 * app.route('/', createOpsRoutes({ limiter, metrics, allow, clients, version, confluence: 'emulator' }));
 */
export function createOpsRoutes(options: OpsRoutesOptions): Hono<AppEnv> {
  const { limiter, metrics } = options;
  const routes = new Hono<AppEnv>();
  routes.get('/healthz', async (c) => {
    const database = options.database ? await options.database.health() : undefined;
    return c.json({
      status: database && !database.ok ? 'degraded' : 'ok',
      version: options.version,
      confluence: options.confluence,
      runs: {
        running: limiter.running,
        queued: limiter.queued,
        maxConcurrent: limiter.maxConcurrent,
        ...(options.pendingRuns ? { unsaved: options.pendingRuns() } : {}),
      },
      ...(database ? { database } : {}),
    });
  });
  routes.get(
    '/metrics',
    requestGuard(options.allow, 'rest'),
    bearerAuth({ clients: options.clients, format: 'rest' }),
    async (c) => {
      // The metrics count every client's runs by name: a tenant of role user may not read them.
      if (c.get('client').tenant.role !== 'admin') {
        return c.json(errorBody('FORBIDDEN', 'the metrics are for clients of role admin'), 403);
      }
      return c.text(await metrics.registry.metrics(), 200, {
        'Content-Type': metrics.registry.contentType,
      });
    },
  );
  return routes;
}
