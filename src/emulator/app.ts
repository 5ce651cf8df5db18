/**
 * Assembles the emulator's Hono app: fault control outside `/wiki`, then for every `/wiki` request
 * the request log (with the fault routes) → fault injection → authentication → audit of writes, then each module's routes, with one error
 * translation (`handleEmulatorError`) and a Confluence-shaped 404 for unknown paths.
 */
import { Hono } from 'hono';
import { recordWrites } from './audit/middleware.ts';
import type { EmulatorContext } from './context.ts';
import type { FaultController } from './faults/controller.ts';
import { faultInjection } from './faults/middleware.ts';
import { type RequestLog, logRequests } from './faults/request-log.ts';
import { requestLogRoutes } from './faults/request-routes.ts';
import { faultRoutes } from './faults/routes.ts';
import { authenticate } from './http/auth.ts';
import type { EmulatorEnv } from './http/env.ts';
import { handleEmulatorError } from './http/error-handler.ts';
import { EmulatorError } from './http/errors.ts';
import type { EmulatorModule } from './module.ts';

/** Where v2 and v1 routes are mounted. */
export const V2_PREFIX = '/wiki/api/v2';
export const V1_PREFIX = '/wiki/rest/api';
/** Where module site routes (downloads, …) are mounted. */
export const SITE_PREFIX = '/wiki';
/** The emulator's own control routes (not part of Confluence's API). */
export const CONTROL_PREFIX = '/__emulator';

export interface EmulatorAppOptions {
  context: EmulatorContext;
  faults: FaultController;
  modules: readonly EmulatorModule[];
  /** Serve the fault-injection switch at `/__emulator/faults` (off unless asked for). */
  faultRoutes?: boolean;
  /** Log every `/wiki` request here, and serve the log at `/__emulator/requests` with the faults. */
  requestLog?: RequestLog | null;
}

export function createEmulatorApp({
  context,
  faults,
  modules,
  faultRoutes: serveFaultRoutes = false,
  requestLog = null,
}: EmulatorAppOptions): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();
  app.onError(handleEmulatorError);
  app.notFound((c) =>
    handleEmulatorError(
      new EmulatorError('NOT_FOUND', `No such resource: ${c.req.method} ${c.req.path}`),
      c,
    ),
  );
  if (context.basePath !== undefined) {
    const basePath = context.basePath;
    app.use('*', async function setBasePath(c, next) {
      c.set('basePath', basePath);
      await next();
    });
  }
  if (serveFaultRoutes) app.route(`${CONTROL_PREFIX}/faults`, faultRoutes(faults));
  if (serveFaultRoutes && requestLog) {
    app.route(`${CONTROL_PREFIX}/requests`, requestLogRoutes(requestLog));
  }
  // First, so it sees each request's arrival before injected latency and its answer after all.
  if (requestLog) app.use('/wiki/*', logRequests(requestLog, context.now));
  app.use(
    '/wiki/*',
    faultInjection(faults),
    authenticate(context.users),
    recordWrites(context.audit, context.now),
  );
  for (const module of modules) {
    if (module.v2) app.route(V2_PREFIX, module.v2(context));
    if (module.v1) app.route(V1_PREFIX, module.v1(context));
    if (module.site) app.route(SITE_PREFIX, module.site(context));
  }
  return app;
}
