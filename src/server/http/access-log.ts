/**
 * One log line and one metric observation per HTTP request. Never logs headers or bodies: the
 * Authorization header and scripts stay out of the log.
 */
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Logger } from 'pino';
import type { ServerMetrics } from '../metrics.ts';
import type { AppEnv } from './app-env.ts';

/**
 * @example
 * app.use('*', accessLog(logger, metrics));
 */
export function accessLog(logger: Logger, metrics: ServerMetrics): MiddlewareHandler<AppEnv> {
  return async function logRequest(c, next) {
    const started = performance.now();
    const runIds: string[] = [];
    c.set('runIds', runIds);
    await next();
    const seconds = (performance.now() - started) / 1000;
    const route = routePath(c, -1) || c.req.path;
    metrics.observeHttp(c.req.method, route, c.res.status, seconds);
    const level =
      c.res.status >= 500
        ? 'error'
        : c.req.path === '/healthz' || c.req.path === '/metrics'
          ? 'debug'
          : 'info';
    logger[level](
      {
        requestId: c.get('requestId'),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        durationMs: Math.round(seconds * 1000),
        clientId: c.get('client')?.clientId,
        client: c.get('client')?.tenant.name,
        ...(runIds.length === 1 ? { runId: runIds[0] } : runIds.length > 1 ? { runIds } : {}),
      },
      'http request',
    );
  };
}
