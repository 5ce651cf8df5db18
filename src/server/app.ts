/**
 * The service as a Hono app, built from its dependencies (nothing is read from the environment
 * or imported from other layers' internals): /mcp, /v1, /healthz, /metrics and, when the embedded
 * emulator stands in for Confluence, /emulator. Tests call `app.request(...)` or serve it on
 * loopback; `startServer` serves it for real.
 */
import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import type { Logger } from 'pino';
import {
  DEFAULT_MAX_CONCURRENT_RUNS,
  DEFAULT_MAX_QUEUE_WAIT_MS,
  DEFAULT_MAX_QUEUED_RUNS,
  DEFAULT_MAX_REQUEST_BYTES,
  type ServiceConfig,
  type WorkbenchConfig,
} from '../config.ts';
import { createClientDirectory } from '../clients/directory.ts';
import type { JobService } from '../jobs/types.ts';
import type { RunService } from '../runs/types.ts';
import { accessLog } from './http/access-log.ts';
import type { AppEnv } from './http/app-env.ts';
import { emulatorGuard } from './http/emulator-guard.ts';
import { errorBody, httpErrorHandler } from './http/http-error.ts';
import { createOpsRoutes, type DatabaseProbe } from './http/ops-routes.ts';
import { methodsOf } from './http/method-not-allowed.ts';
import { resolveAllowLists } from './http/request-guard.ts';
import { createMcpEndpoint } from './mcp/http-endpoint.ts';
import { SERVER_VERSION } from './mcp/server-factory.ts';
import type { DescribeSdk } from './mcp/tool-context.ts';
import { createServerMetrics, type ServerMetrics } from './metrics.ts';
import type { JobEventsOptions } from './rest/job-events.ts';
import { createRestRoutes } from './rest/routes.ts';
import { createRunGateway, type RunGateway } from './run-gateway.ts';
import { RunLimiter } from './run-limiter.ts';

/**
 * A Hono app to serve under a prefix: the emulator's. Routed (not `mount`ed) so that it sees its
 * full path and writes `/emulator/...` into its `_links`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any Hono app, whatever its env
export type FetchApp = Hono<any, any, any>;

export interface AppOptions {
  runs: RunService;
  describeSdk: DescribeSdk;
  /** The SDK's compact operation index, carried by `run_code`'s description. */
  sdkIndex: string;
  /** The embedded emulator, mounted at /emulator when no Confluence site is configured. */
  emulatorApp?: FetchApp;
  /** With API keys set, the `Authorization` the emulator gets after a key was checked. */
  emulatorAuthorization?: string;
  config: WorkbenchConfig;
  logger: Logger;
  metrics?: ServerMetrics;
  /** Also expose every SDK operation as its own MCP tool (`serve --direct-tools`). */
  directTools?: boolean;
  /** Batch jobs: /v1/jobs and the MCP job tools (absent: neither). */
  jobs?: JobService;
  /** Pacing of /v1/jobs/:id/events (tests shorten the heartbeat). */
  jobEvents?: Omit<JobEventsOptions, 'shutdown'>;
  /** The shared PostgreSQL (WORKBENCH_DATABASE_URL), reported by /healthz. */
  database?: DatabaseProbe;
  /** Runs finished here while the database was away and not yet saved (/healthz). */
  pendingRuns?: () => number;
}

export interface WorkbenchApp {
  app: Hono<AppEnv>;
  gateway: RunGateway;
  metrics: ServerMetrics;
  /** Refuses new runs, aborts MCP exchanges in flight and ends job event streams. */
  close(): Promise<void>;
}

export const DEFAULT_SERVICE_CONFIG: ServiceConfig = {
  maxConcurrentRuns: DEFAULT_MAX_CONCURRENT_RUNS,
  maxQueuedRuns: DEFAULT_MAX_QUEUED_RUNS,
  maxQueueWaitMs: DEFAULT_MAX_QUEUE_WAIT_MS,
  maxRequestBytes: DEFAULT_MAX_REQUEST_BYTES,
  allowedHosts: [],
  allowedOrigins: [],
};

/**
 * @example
 * const { app } = createApp({ runs, describeSdk, sdkIndex, config, logger });
 * const response = await app.request('/healthz');
 */
export function createApp(options: AppOptions): WorkbenchApp {
  const { runs, config, logger } = options;
  const service = { ...DEFAULT_SERVICE_CONFIG, ...config.service };
  const metrics = options.metrics ?? createServerMetrics();
  const limiter = new RunLimiter({
    maxConcurrent: service.maxConcurrentRuns,
    maxQueued: service.maxQueuedRuns,
    maxQueueWaitMs: service.maxQueueWaitMs,
  });
  metrics.trackLimiter(() => ({ running: limiter.running, queued: limiter.queued }));
  const gateway = createRunGateway({ runs, limiter, metrics, logger });
  const allow = resolveAllowLists({
    host: config.host,
    allowedHosts: service.allowedHosts,
    allowedOrigins: service.allowedOrigins,
  });
  // Every request's key resolves to its client here, once (src/clients): /mcp, /v1 and /metrics.
  const clients = createClientDirectory(config);
  const mcp = createMcpEndpoint({
    tool: {
      gateway,
      runs,
      describeSdk: options.describeSdk,
      sdkIndex: options.sdkIndex,
      logger,
      directTools: options.directTools,
      ...(options.jobs ? { jobs: options.jobs } : {}),
    },
    allow,
    clients,
    maxRequestBytes: service.maxRequestBytes,
    logger,
  });

  const app = new Hono<AppEnv>();
  app.use('*', requestId());
  app.use('*', accessLog(logger, metrics));
  const confluence = config.confluence ? 'site' : 'emulator';
  app.route(
    '/',
    createOpsRoutes({
      limiter,
      metrics,
      allow,
      clients,
      version: SERVER_VERSION,
      confluence,
      ...(options.database ? { database: options.database } : {}),
      ...(options.pendingRuns ? { pendingRuns: options.pendingRuns } : {}),
    }),
  );
  // Job event streams stay open while a job runs; shutdown ends them instead of waiting.
  const shutdown = new AbortController();
  app.route(
    '/v1',
    createRestRoutes({
      runs,
      gateway,
      allow,
      clients,
      maxRequestBytes: service.maxRequestBytes,
      ...(options.jobs ? { jobs: options.jobs } : {}),
      jobEvents: { ...options.jobEvents, shutdown: shutdown.signal },
    }),
  );
  app.route('/mcp', mcp.routes);
  if (options.emulatorApp) {
    const guards = emulatorGuard({
      allow,
      clients,
      emulatorAuthorization: options.emulatorAuthorization,
    });
    app.use('/emulator', ...guards);
    app.use('/emulator/*', ...guards);
    app.route('/emulator', options.emulatorApp);
  }
  const allowedMethods = methodsOf(app);
  app.notFound((c) => {
    // The emulator answers as Confluence does: its unknown paths stay plain 404s.
    const allowed = c.req.path.startsWith('/emulator') ? [] : allowedMethods(c.req.path);
    if (allowed.length === 0)
      return c.json(errorBody('NOT_FOUND', `no route ${c.req.method} ${c.req.path}`), 404);
    const message = `${c.req.method} is not allowed on ${c.req.path}; it answers ${allowed.join(', ')}`;
    return c.json(errorBody('METHOD_NOT_ALLOWED', message), 405, { Allow: allowed.join(', ') });
  });
  app.onError(httpErrorHandler(logger));

  return {
    app,
    gateway,
    metrics,
    async close() {
      shutdown.abort();
      limiter.close();
      await mcp.close();
    },
  };
}
