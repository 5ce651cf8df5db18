/**
 * `GET /v1/jobs/:id/events`: a job's progress as server-sent events (Hono's `streamSSE`).
 * Events: `progress` (the JobStatus, at most one per {@link DEFAULT_PROGRESS_INTERVAL_MS}: an
 * engine may report every item, a dashboard needs a few a second), `item-failed` and `state`,
 * each `data` being the JobEvent as JSON. The stream opens with the current status and ends
 * after the `state` event of a terminal state; a comment line every
 * {@link DEFAULT_HEARTBEAT_MS} keeps proxies from closing a quiet stream (a paused job's).
 */
import type { Context } from 'hono';
import { streamSSE, type SSEStreamingApi } from 'hono/streaming';
import {
  TERMINAL_JOB_STATES,
  type JobEvent,
  type JobService,
  type JobStatus,
} from '../../jobs/types.ts';
import type { AppEnv } from '../http/app-env.ts';
import { translateJobErrors } from './job-errors.ts';

export const DEFAULT_PROGRESS_INTERVAL_MS = 250;
export const DEFAULT_HEARTBEAT_MS = 15_000;

export interface JobEventsOptions {
  /** Least time between two `progress` events (default {@link DEFAULT_PROGRESS_INTERVAL_MS}). */
  progressIntervalMs?: number;
  /** Time between heartbeat comments (default {@link DEFAULT_HEARTBEAT_MS}). */
  heartbeatMs?: number;
  /** Aborted when the service shuts down: every open stream ends. */
  shutdown?: AbortSignal;
}

/**
 * Answers 404 for an unknown job before any byte is streamed; then streams until the job ends,
 * the client goes away or the service shuts down.
 *
 * @example
 * routes.get('/:id/events', (c) => streamJobEvents(c, jobs, c.req.param('id')));
 */
export async function streamJobEvents(
  c: Context<AppEnv>,
  jobs: JobService,
  jobId: string,
  options: JobEventsOptions = {},
): Promise<Response> {
  await translateJobErrors(() => jobs.status(jobId));
  return streamSSE(c, (stream) => pump(stream, jobs, jobId, c.req.raw.signal, options));
}

async function pump(
  stream: SSEStreamingApi,
  jobs: JobService,
  jobId: string,
  requestSignal: AbortSignal,
  options: JobEventsOptions,
): Promise<void> {
  const interval = options.progressIntervalMs ?? DEFAULT_PROGRESS_INTERVAL_MS;
  let sequence = 0;
  let writing = Promise.resolve();
  const send = (event: JobEvent): Promise<void> => {
    const id = String(++sequence);
    writing = writing
      .then(() => stream.writeSSE({ event: event.type, id, data: JSON.stringify(event) }))
      .catch(() => finish());
    return writing;
  };

  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  let lastProgressAt = 0;
  let pending: JobStatus | undefined;
  let flushTimer: NodeJS.Timeout | undefined;
  const flushProgress = (): void => {
    flushTimer = undefined;
    if (!pending) return;
    lastProgressAt = Date.now();
    void send({ type: 'progress', status: pending });
    pending = undefined;
  };
  let ended = false;
  const ending = async (event: Extract<JobEvent, { type: 'state' }>): Promise<void> => {
    if (ended) return;
    ended = true;
    clearTimeout(flushTimer);
    pending = undefined;
    // The last progress event carries the final counts, whatever the engine emitted last.
    const final = await jobs.status(jobId).catch(() => undefined);
    if (final) void send({ type: 'progress', status: final });
    await send(event);
    finish();
  };

  const unsubscribe = jobs.subscribe(jobId, (event) => {
    if (event.type === 'progress') {
      pending = event.status;
      const wait = lastProgressAt + interval - Date.now();
      if (wait <= 0) flushProgress();
      else flushTimer ??= setTimeout(flushProgress, wait);
    } else if (event.type === 'state' && TERMINAL_JOB_STATES.includes(event.state)) {
      void ending(event);
    } else {
      void send(event);
    }
  });
  const heartbeat = setInterval(
    () => void stream.write(': heartbeat\n\n').catch(() => finish()),
    options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS,
  );
  stream.onAbort(() => finish());
  requestSignal.addEventListener('abort', () => finish(), { once: true });
  options.shutdown?.addEventListener('abort', () => finish(), { once: true });
  try {
    // Subscribed first, read second: a state change between the two is not lost.
    const current = await jobs.status(jobId);
    if (TERMINAL_JOB_STATES.includes(current.state)) {
      await ending({ type: 'state', jobId, state: current.state, ...reasonOf(current) });
    } else if (!ended) {
      lastProgressAt = Date.now();
      await send({ type: 'progress', status: current });
    }
    if (options.shutdown?.aborted) finish();
    await finished;
    await writing;
  } finally {
    unsubscribe();
    clearInterval(heartbeat);
    clearTimeout(flushTimer);
  }
}

function reasonOf(status: JobStatus): { reason?: string } {
  return status.reason === undefined ? {} : { reason: status.reason };
}
