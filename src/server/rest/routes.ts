/**
 * The REST API, `/v1`: the same runs as MCP for developers and scripts. A finished run answers 200
 * with its envelope whether the script succeeded or not (`status` says which); the HTTP status
 * is about the request: 400/415 bad input, 404 unknown id, 413 too large, 429/503 busy.
 */
import { Hono, type Context } from 'hono';
import type { SessionMode } from '../../confluence/types.ts';
import type { ClientDirectory } from '../../clients/directory.ts';
import { RunsError, isNotFound } from '../../runs/errors.ts';
import type { RunEnvelope, RunService } from '../../runs/types.ts';
import type { JobService } from '../../jobs/types.ts';
import type { AppEnv } from '../http/app-env.ts';
import { bearerAuth } from '../http/bearer-auth.ts';
import { errorBody, HttpError } from '../http/http-error.ts';
import { requestGuard, type AllowLists } from '../http/request-guard.ts';
import type { GatewayRunOptions, RunGateway } from '../run-gateway.ts';
import { BusyError } from '../run-limiter.ts';
import type { JobEventsOptions } from './job-events.ts';
import { createJobRoutes } from './jobs-routes.ts';
import {
  listRunsQuerySchema,
  readResultQuerySchema,
  replayBodySchema,
  runInputSchema,
} from './schemas.ts';
import { parseJsonBody, parseQuery } from './validation.ts';
import { limitRequestSize } from '../http/request-size.ts';

export interface RestRoutesOptions {
  runs: RunService;
  gateway: RunGateway;
  allow: AllowLists;
  clients: ClientDirectory;
  maxRequestBytes: number;
  /** Batch jobs at /v1/jobs (absent: no such routes). */
  jobs?: JobService;
  jobEvents?: JobEventsOptions;
}

/**
 * @example
 * app.route('/v1', createRestRoutes({ runs, gateway, allow, clients, maxRequestBytes: 1 << 20 }));
 */
export function createRestRoutes(options: RestRoutesOptions): Hono<AppEnv> {
  const { runs, gateway } = options;
  const routes = new Hono<AppEnv>();
  routes.use(
    '*',
    requestGuard(options.allow, 'rest'),
    bearerAuth({ clients: options.clients, format: 'rest' }),
    limitRequestSize(options.maxRequestBytes, (c) =>
      c.json(
        errorBody('PAYLOAD_TOO_LARGE', `the body must not exceed ${options.maxRequestBytes} bytes`),
        413,
      ),
    ),
  );

  routes.post('/runs', async (c) => {
    const input = await parseJsonBody(c, runInputSchema);
    return c.json(
      await admitted(() => gateway.execute({ ...input, source: 'rest' }, runOptions(c))),
    );
  });

  routes.get('/runs', async (c) => {
    const query = parseQuery(c, listRunsQuerySchema);
    const requester = c.get('client').tenant;
    const list = await translateNotFound(
      () => runs.listRuns({ ...query, requester }),
      'could not list runs',
    );
    return c.json({ runs: list });
  });

  routes.get('/runs/:id', async (c) => {
    const runId = c.req.param('id');
    const requester = c.get('client').tenant;
    return c.json(
      await translateNotFound(() => runs.getRun(runId, { requester }), `no run with id "${runId}"`),
    );
  });

  routes.post('/runs/:id/replay', async (c) => {
    const runId = c.req.param('id');
    const { mode } = await parseJsonBody(c, replayBodySchema);
    const envelope = await translateNotFound(
      () => admitted(() => gateway.replay(runId, mode as SessionMode, runOptions(c))),
      `no run with id "${runId}" to replay`,
    );
    return c.json(envelope);
  });

  routes.get('/results/:ref', async (c) => {
    const resultRef = c.req.param('ref');
    const query = parseQuery(c, readResultQuerySchema);
    const slice = await translateNotFound(
      () => runs.readResult(resultRef, { ...query, requester: c.get('client').tenant }),
      `no stored result "${resultRef}"`,
    );
    return c.json(slice);
  });

  if (options.jobs) {
    routes.route('/jobs', createJobRoutes({ jobs: options.jobs, events: options.jobEvents }));
  }
  return routes;
}

function runOptions(c: Context<AppEnv>): GatewayRunOptions {
  return {
    source: 'rest',
    // Node aborts the request's signal when the client goes away: the run is cancelled with it.
    signal: c.req.raw.signal,
    requestId: c.get('requestId'),
    clientId: c.get('client').clientId,
    client: c.get('client').tenant,
    onFinished: (runId) => c.get('runIds')?.push(runId),
  };
}

/** BusyError → 429 (queue full: retry soon) or 503 (waited too long, or shutting down). */
async function admitted(start: () => Promise<RunEnvelope>): Promise<RunEnvelope> {
  try {
    return await start();
  } catch (error) {
    if (!(error instanceof BusyError)) throw error;
    const status = error.code === 'QUEUE_FULL' ? 429 : 503;
    throw new HttpError(
      status,
      error.code,
      `${error.message}; nothing was run, retry after ${error.retryAfterSeconds} s`,
      {
        headers: { 'Retry-After': String(error.retryAfterSeconds) },
      },
    );
  }
}

/**
 * The runs layer's typed errors, translated once: `*_NOT_FOUND` → 404, STORE_UNAVAILABLE → 503
 * (the shared database is away; retry shortly), the rest → 400.
 */
async function translateNotFound<T>(read: () => Promise<T>, message: string): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof RunsError)) throw error;
    if (isNotFound(error)) throw new HttpError(404, error.code, `${message}: ${error.message}`);
    if (error.code === 'STORE_UNAVAILABLE') {
      throw new HttpError(503, error.code, error.message, { headers: { 'Retry-After': '5' } });
    }
    throw new HttpError(400, error.code, error.message);
  }
}
