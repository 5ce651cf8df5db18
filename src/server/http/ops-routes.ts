/**
 * Operational endpoints: /healthz (open, for load balancers and orchestrators) and /metrics
 * (Prometheus text; behind the same Host/Origin guard and keys as the API, since run metrics name
 * what the service is doing).
 */
import { Hono } from 'hono';
import type { ClientDirectory } from '../../clients/directory.ts';
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
}

/**
 * @example
 * app.route('/', createOpsRoutes({ limiter, metrics, allow, clients, version, confluence: 'emulator' }));
 */
export function createOpsRoutes(options: OpsRoutesOptions): Hono<AppEnv> {
  const { limiter, metrics } = options;
  const routes = new Hono<AppEnv>();
  routes.get('/healthz', (c) =>
    c.json({
      status: 'ok',
      version: options.version,
      confluence: options.confluence,
      runs: {
        running: limiter.running,
        queued: limiter.queued,
        maxConcurrent: limiter.maxConcurrent,
      },
    }),
  );
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
