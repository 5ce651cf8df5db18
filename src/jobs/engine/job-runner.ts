/**
 * One job run in this process, from takeover to a paused or terminal state: the snapshot (when
 * not made yet), then items at the job's concurrency (p-queue), each with its retries (p-retry),
 * held back while a rate limit says so, stopped by a pause, a cancel or --max-failures. The
 * runner keeps the job's heartbeat and notices through the store what another process asked.
 */
import PQueue from 'p-queue';
import pRetry, { AbortError } from 'p-retry';
import type { CallSummary } from '../../confluence/types.ts';
import type { ItemClaim } from '../store/jobs-store.ts';
import type { JobEvent, JobState } from '../types.ts';
import { enumerateItems } from './enumerate.ts';
import { type AttemptContext, type AttemptOutcome, runAttempt } from './run-item.ts';
import { itemReportOf } from './status.ts';

/** How often the owner proves it is alive and looks for requests from other processes. */
export const HEARTBEAT_MS = 1_000;
/** First pause before retrying a failed item (doubles, jittered). */
export const RETRY_MIN_TIMEOUT_MS = 250;
/** Progress events at most this often. */
export const PROGRESS_INTERVAL_MS = 250;
const PENDING_BATCH = 256;

export interface RunnerContext extends AttemptContext {
  owner: string;
  emit: (event: JobEvent) => void;
  /** The job's status document, computed from the store (progress events). */
  progress: () => JobEvent;
}

export interface JobRun {
  readonly jobId: string;
  /** Epoch ms when this run started (items/s). */
  readonly runningSince: number;
  /** Settles when the run stops (paused, terminal, or lost its ownership). */
  readonly done: Promise<void>;
  /** Starts no more items; those in flight finish. A second call stops them at once. */
  pause(): void;
  /** Stops items in flight; pending items become skipped. */
  cancel(): void;
}

class RetryableFailure extends Error {
  readonly outcome: AttemptOutcome;
  constructor(outcome: AttemptOutcome) {
    super('retryable item failure');
    this.outcome = outcome;
  }
}

/**
 * @example
 * const run = startJobRun(context); await run.done;
 */
export function startJobRun(context: RunnerContext): JobRun {
  const { store, jobId, options, now } = context;
  const runningSince = now();
  const stopNow = new AbortController();
  // Wakes the loop (a rate-limit wait) on any stop, a graceful pause included.
  const halt = new AbortController();
  let stopping: 'pause' | 'cancel' | 'failed' | 'lost' | undefined;
  let reason: string | undefined;
  let failed = store.counts(jobId).failed;
  let lastProgress = 0;
  const requeued: number[] = [];
  // Until when a 429 seen by this run holds items back: an item queued before it was seen does
  // not start either (it goes back to the queue, and the loop waits for the store's hold).
  let heldUntil = 0;

  const setState = (state: JobState, why?: string) => {
    store.updateJob(jobId, { state, ...(why ? { reason: why } : {}) }, now());
    context.emit({ type: 'state', jobId, state, ...(why ? { reason: why } : {}) });
  };
  const progress = (force = false) => {
    if (!force && now() - lastProgress < PROGRESS_INTERVAL_MS) return;
    lastProgress = now();
    context.emit(context.progress());
  };
  const stop = (mode: 'pause' | 'cancel' | 'failed' | 'lost', now_ = false) => {
    if (stopping === 'pause' && mode === 'pause') now_ = true;
    if (!stopping || mode !== 'pause') stopping = mode;
    halt.abort();
    if (mode === 'pause' && !now_) setState('pausing');
    if (now_ || mode !== 'pause') stopNow.abort();
  };

  const heartbeat = setInterval(() => {
    if (!store.heartbeat(jobId, context.owner, now())) return stop('lost');
    const row = store.getJob(jobId);
    if (row?.requested) {
      store.updateJob(jobId, { requested: null }, now());
      stop(row.requested);
    }
  }, HEARTBEAT_MS);

  async function waitForRateLimit(): Promise<void> {
    const until = store.getJob(jobId)?.rate_limited_until ?? null;
    if (until === null) return;
    if (until > now()) {
      await sleep(until - now(), halt.signal);
      if (stopping) return;
    }
    store.updateJob(jobId, { rate_limited_until: null, rate_limited_reason: null }, now());
    progress(true);
  }

  async function runItem(position: number): Promise<void> {
    if (heldUntil > now()) {
      requeued.push(position);
      return;
    }
    const claim = store.claimItem(jobId, position, now());
    if (!claim) return;
    let attempt = claim.attempt;
    const calls: CallSummary = { total: 0, reads: 0, writes: 0, retries: 0, failed: 0 };
    const outcome = await pRetry(
      async () => {
        const result = await runAttempt(context, claim, attempt, stopNow.signal);
        addCalls(calls, result.calls);
        if (result.kind === 'failed' && result.retryable) throw new RetryableFailure(result);
        return result;
      },
      {
        retries: Math.max(0, options.retries - claim.failures),
        minTimeout: RETRY_MIN_TIMEOUT_MS,
        factor: 2,
        randomize: true,
        signal: stopNow.signal,
        onFailedAttempt: ({ error, retriesLeft }) => {
          if (stopping) throw new AbortError('the job is stopping');
          if (retriesLeft === 0) return;
          const next = store.retryItem(jobId, position, attempt);
          if (next === undefined || !(error instanceof RetryableFailure))
            throw new AbortError(error);
          attempt = next;
        },
      },
    ).catch((error: unknown): AttemptOutcome => {
      // A pause or cancel ends the retries: the item goes back to pending, for the resume.
      if (stopping || !(error instanceof RetryableFailure)) return { kind: 'stopped', calls };
      return error.outcome;
    });
    settle(claim, attempt, outcome, calls);
  }

  function settle(claim: ItemClaim, attempt: number, outcome: AttemptOutcome, calls: CallSummary) {
    const at = now();
    if (outcome.kind === 'stopped' || outcome.kind === 'rate-limited') {
      const released = store.releaseItem(jobId, claim.position, attempt);
      // Stopped while the job goes on (a worker died under it): run it again in this session.
      if (released && outcome.kind === 'stopped' && !stopping) requeued.push(claim.position);
      if (released && outcome.kind === 'rate-limited') {
        heldUntil = Math.max(heldUntil, outcome.until);
        const current = store.getJob(jobId)?.rate_limited_until ?? 0;
        if (outcome.until > current) {
          store.updateJob(
            jobId,
            { rate_limited_until: outcome.until, rate_limited_reason: outcome.reason },
            at,
          );
        }
        requeued.push(claim.position);
        progress(true);
      }
      return;
    }
    const finished = store.finishItem(jobId, claim.position, attempt, {
      state: outcome.kind,
      output:
        outcome.kind === 'done' && outcome.output !== undefined
          ? JSON.stringify(outcome.output)
          : undefined,
      error: outcome.kind === 'failed' ? JSON.stringify(outcome.error) : undefined,
      writes: JSON.stringify(outcome.writes),
      calls,
      now: at,
      ledger: outcome.ledger,
    });
    if (!finished) return;
    if (outcome.kind === 'failed') {
      failed += 1;
      const item = store.items(jobId, { offset: claim.position, limit: 1 })[0];
      if (item) context.emit({ type: 'item-failed', jobId, item: itemReportOf(item) });
      if (options.maxFailures !== null && failed >= options.maxFailures && !stopping) {
        reason = `max failures reached: ${failed} of ${options.maxFailures}`;
        stop('failed');
      }
    }
    progress();
  }

  async function loop(): Promise<void> {
    const queue = new PQueue({ concurrency: options.concurrency });
    let cursor = -1;
    let batch: number[] = [];
    const next = (): number | undefined => {
      if (requeued.length > 0) return requeued.shift();
      if (batch.length === 0) {
        batch = store.pendingPositions(jobId, cursor, PENDING_BATCH);
        if (batch.length > 0) cursor = batch[batch.length - 1]!;
      }
      return batch.shift();
    };
    while (!stopping) {
      await waitForRateLimit();
      if (stopping) break;
      const position = next();
      if (position === undefined) {
        if (queue.size === 0 && queue.pending === 0) break;
        await Promise.race([
          queue.onIdle(),
          new Promise((resolve) => queue.addEventListener('next', resolve, { once: true })),
        ]);
        continue;
      }
      void queue.add(() => runItem(position));
      await queue.onSizeLessThan(1);
    }
    await queue.onIdle();
  }

  async function run(): Promise<void> {
    const row = store.getJob(jobId);
    if (!row) return;
    if (!row.enumerated) {
      setState('enumerating');
      const failure = await enumerateItems(context, stopNow.signal);
      if (failure && !stopping) {
        stopping = 'failed';
        reason = failure;
      }
    }
    if (!stopping) {
      setState('running');
      progress(true);
      await loop();
    }
    finish();
  }

  function finish() {
    const at = now();
    if (stopping === 'lost') return;
    const active = (store.getJob(jobId)?.active_ms ?? 0) + (at - runningSince);
    store.updateJob(jobId, { active_ms: active }, at);
    if (stopping === 'pause') return setState('paused');
    if (stopping === 'cancel' || stopping === 'failed') {
      store.requeueRunning(jobId);
      store.skipPending(jobId, at);
      store.updateJob(jobId, { finished_at: at }, at);
      setState(stopping === 'cancel' ? 'cancelled' : 'failed', reason ?? 'cancelled');
    } else {
      store.updateJob(jobId, { finished_at: at }, at);
      setState('done');
    }
    progress(true);
  }

  const done = run()
    .catch((error: unknown) => {
      // A store or sandbox failure of the engine itself: the job stays resumable.
      store.updateJob(
        jobId,
        { state: 'paused', reason: `the runner failed: ${(error as Error).message}` },
        now(),
      );
      context.emit({ type: 'state', jobId, state: 'paused', reason: (error as Error).message });
    })
    .finally(() => clearInterval(heartbeat));
  return {
    jobId,
    runningSince,
    done,
    pause: () => stop('pause'),
    cancel: () => stop('cancel'),
  };
}

function addCalls(total: CallSummary, more: CallSummary): void {
  total.total += more.total;
  total.reads += more.reads;
  total.writes += more.writes;
  total.retries += more.retries;
  total.failed += more.failed;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
