/**
 * Operational endpoints: /healthz (open, for load balancers and orchestrators) and /metrics
 * (Prometheus text; behind the same Host/Origin guard and keys as the API, since run metrics name
 * what the service is doing).
 */
import { Hono } from 'hono';
import type { ServerMetrics } from '../metrics.ts';
import type { RunLimiter } from '../run-limiter.ts';
import type { AppEnv } from './app-env.ts';
import { bearerAuth } from './bearer-auth.ts';
import { requestGuard, type AllowLists } from './request-guard.ts';

export interface OpsRoutesOptions {
  limiter: RunLimiter;
  metrics: ServerMetrics;
  allow: AllowLists;
  apiKeys: readonly string[];
  version: string;
  /** `site` or `emulator`: which Confluence the runs reach. */
  confluence: 'site' | 'emulator';
}

/**
 * @example
 * app.route('/', createOpsRoutes({ limiter, metrics, allow, apiKeys, version, confluence: 'emulator' }));
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
    bearerAuth({ apiKeys: options.apiKeys, format: 'rest' }),
    async (c) =>
      c.text(await metrics.registry.metrics(), 200, {
        'Content-Type': metrics.registry.contentType,
      }),
  );
  return routes;
}
