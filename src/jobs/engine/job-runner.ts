/**
 * One process's share of one job, from its start to a paused or terminal state. Items are
 * claimed in batches under leases (as many as the job's concurrency leaves free slots, p-queue),
 * each run with its retries (p-retry), held back while a rate limit says so, stopped by a pause,
 * a cancel or --max-failures. The heartbeat extends this process's leases and reads what other
 * processes asked (pause, cancel, the quota pause) from the store.
 *
 * A run is the job's `owner` (it made the snapshot, and it writes the job's end: done, paused,
 * failed, cancelled) or a `worker` that joined a job another process owns (several instances on
 * one database). A worker whose owner died takes the ownership over. Either way, any process may
 * claim items whose lease expired, and takes back at once those of a process of this host that
 * is gone (a SIGKILL).
 *
 * A lease is only as good as the process's knowledge of it: a process that stalls (a long GC
 * pause, SIGSTOP, a database away) may wake after another took its items over. So the run keeps,
 * for each item it holds, the attempt and until when the store last confirmed the lease (the
 * claim, then each heartbeat's renewal, which names the items it still holds), and an attempt
 * sends no write once that end is less than {@link LEASE_SEND_MARGIN_MS} away (`leaseGuard`).
 */
import PQueue from 'p-queue';
import pRetry, { AbortError } from 'p-retry';
import type { CallSummary } from '../../confluence/types.ts';
import type { HeldLease, ItemClaim, JobRow } from '../store/jobs-store.ts';
import { type JobEvent, type JobState, TERMINAL_JOB_STATES } from '../types.ts';
import { enumerateItems } from './enumerate.ts';
import { LeaseLapsed } from './item-session.ts';
import { type AttemptContext, type AttemptOutcome, runAttempt } from './run-item.ts';
import { itemReportOf } from './status.ts';

/** How often a process proves it is alive, extends its leases and reads other processes' requests. */
export const HEARTBEAT_MS = 1_000;
/** How long a claim holds an item without a heartbeat: after it, another process may take it. */
export const LEASE_MS = 15_000;
/**
 * No write goes on the wire when the item's lease, as last confirmed, ends within this: time for
 * the request to reach Confluence, and for two hosts' clocks to differ, before another process
 * may claim the item. With a heartbeat a second, a lease is normally 14 s from its end.
 */
export const LEASE_SEND_MARGIN_MS = 5_000;
/** How often a process that has nothing to claim looks again while other processes hold items. */
export const CLAIM_POLL_MS = 500;
/** First pause before retrying a failed item (doubles, jittered). */
export const RETRY_MIN_TIMEOUT_MS = 250;
/** Progress events at most this often. */
export const PROGRESS_INTERVAL_MS = 250;

export type RunRole = 'owner' | 'worker';

export interface RunnerContext extends AttemptContext {
  /** This process's name (`host:pid:nonce`): the job's owner, and the holder of its leases. */
  owner: string;
  role: RunRole;
  /** True when the process of that name is known to be gone: its leases are taken back at once. */
  isDead: (name: string) => boolean;
  /** True while the job row's owner is alive (a worker takes over a dead owner's job). */
  ownerAlive: (row: JobRow) => boolean;
  emit: (event: JobEvent) => void;
  /** The job's status document, computed from the store (progress events). */
  progress: () => Promise<JobEvent>;
}

export interface JobRun {
  readonly jobId: string;
  /** Epoch ms when this run started (items/s). */
  readonly runningSince: number;
  /** `owner` or `worker`; a worker becomes the owner when the owner died. */
  role(): RunRole;
  /** Settles when the run stops (paused, terminal, or lost its ownership). */
  readonly done: Promise<void>;
  /** Starts no more items; those in flight finish. A second call stops them at once. */
  pause(): void;
  /** Stops items in flight; pending items become skipped. */
  cancel(): void;
  /**
   * Starts no more items and lets those in flight finish, leaving the job running for the other
   * instances on a shared store (this one shuts down): its ownership is released at the end.
   */
  leave(): void;
}

type StopMode = 'pause' | 'cancel' | 'failed' | 'lost' | 'leave';

class RetryableFailure extends Error {
  readonly outcome: AttemptOutcome;
  constructor(outcome: AttemptOutcome) {
    super('retryable item failure');
    this.outcome = outcome;
  }
}

/**
 * @example
 * const run = startJobRun({ ...context, role: 'owner' }); await run.done;
 */
export function startJobRun(context: RunnerContext): JobRun {
  const { store, jobId, options, now, owner } = context;
  const runningSince = now();
  let role = context.role;
  const stopNow = new AbortController();
  // Wakes the loop (a rate-limit wait, a claim poll) on any stop, a graceful pause included.
  const halt = new AbortController();
  let stopping: StopMode | undefined;
  let reason: string | undefined;
  let lastProgress = 0;
  // Job writes a stop makes at once (the `pausing` state): the end waits for them.
  let written: Promise<unknown> = Promise.resolve();
  // Until when a 429 seen by this run holds items back: an item claimed before it was seen does
  // not start either (it goes back to pending, and the loop waits for the store's hold).
  let heldUntil = 0;
  // The items this run holds: the attempt, when the claim came back, and the lease's end as the
  // store last confirmed it (see the header).
  const leases = new Map<number, { attempt: number; claimedAt: number; until: number }>();

  const setState = async (state: JobState, why?: string) => {
    await store.updateJob(jobId, { state, ...(why ? { reason: why } : {}) }, now());
    context.emit({ type: 'state', jobId, state, ...(why ? { reason: why } : {}) });
  };
  const progress = async (force = false) => {
    if (!force && now() - lastProgress < PROGRESS_INTERVAL_MS) return;
    lastProgress = now();
    context.emit(await context.progress());
  };
  const stop = (mode: StopMode, now_ = false) => {
    if (stopping === 'pause' && mode === 'pause') now_ = true;
    if (!stopping || mode !== 'pause') stopping = mode;
    halt.abort();
    if (mode === 'pause' && !now_ && role === 'owner') {
      written = written.then(() => setState('pausing')).catch(() => undefined);
    }
    if (now_ || (mode !== 'pause' && mode !== 'leave')) stopNow.abort();
  };

  /** Items leased by processes of this host that are gone go back to pending at once. */
  async function takeBackDead(): Promise<void> {
    for (const name of await store.leaseOwners(jobId)) {
      if (name !== owner && context.isDead(name)) await store.requeueRunning(jobId, name);
    }
  }

  /** One heartbeat: ownership, leases, and what the job's row says now. */
  async function beat(): Promise<void> {
    const at = now();
    if (role === 'owner' && !(await store.heartbeat(jobId, owner, at))) return stop('lost');
    confirmLeases(at, await store.renewLeases(jobId, { owner, until: at + LEASE_MS }));
    await takeBackDead();
    const row = await store.getJob(jobId);
    if (!row) return stop('lost');
    if (row.requested && stopping !== row.requested) return stop(row.requested);
    if (row.state === 'failed' && !stopping) {
      // Another process reached --max-failures.
      reason = row.reason ?? undefined;
      return stop('failed');
    }
    if (role === 'owner') return;
    if (row.state === 'pausing' || row.state === 'paused') {
      if (!stopping) stop('pause');
    } else if (TERMINAL_JOB_STATES.includes(row.state)) {
      if (stopping !== 'cancel') stop('cancel');
    } else if (
      row.owner !== owner &&
      !context.ownerAlive(row) &&
      (await store.takeOwnership(jobId, owner, row.owner, at))
    ) {
      role = 'owner';
    }
  }
  /** A renewal begun at `at` extended `renewed`; an item held since before `at` and not among them is lost. */
  function confirmLeases(at: number, renewed: HeldLease[]): void {
    const attempts = new Map(renewed.map((lease) => [lease.position, lease.attempt]));
    for (const [position, lease] of leases) {
      const renewedAttempt = attempts.get(position);
      if (renewedAttempt === lease.attempt) lease.until = at + LEASE_MS;
      // Claimed (or retried) while the renewal ran: the next one tells.
      else if (renewedAttempt === undefined && lease.claimedAt < at) lease.until = -Infinity;
    }
  }

  /** Throws {@link LeaseLapsed} unless this run still holds `position` for `attempt`, with time to spare. */
  function checkLease(key: string, position: number, attempt: number): void {
    const lease = leases.get(position);
    if (lease?.attempt !== attempt)
      throw new LeaseLapsed(key, attempt, 'another attempt holds the item now');
    if (lease.until === -Infinity)
      throw new LeaseLapsed(key, attempt, 'the lease went to another process');
    const left = lease.until - now();
    if (left < LEASE_SEND_MARGIN_MS) {
      throw new LeaseLapsed(
        key,
        attempt,
        `the lease, last renewed ${Math.round((now() - (lease.until - LEASE_MS)) / 1000)} s ago, ` +
          'may end before the write reaches Confluence (the process stalled, or the database was away)',
      );
    }
  }

  let beating = false;
  const heartbeat = setInterval(() => {
    if (beating) return;
    beating = true;
    beat()
      .catch(() => undefined) // the database is away: the next beat tries again
      .finally(() => (beating = false));
  }, HEARTBEAT_MS);

  async function waitForRateLimit(): Promise<void> {
    const until = (await store.getJob(jobId))?.rate_limited_until ?? null;
    if (until === null) return;
    if (until > now()) {
      await sleep(until - now(), halt.signal);
      if (stopping) return;
    }
    await store.updateJob(jobId, { rate_limited_until: null, rate_limited_reason: null }, now());
    await progress(true);
  }

  async function runItem(claim: ItemClaim): Promise<void> {
    if (stopping || heldUntil > now()) {
      // Claimed as the job stopped (back to pending, for the resume), or before a 429 was seen.
      await stored(() => store.releaseItem(jobId, claim.position, claim.attempt));
      if (leases.get(claim.position)?.attempt === claim.attempt) leases.delete(claim.position);
      return;
    }
    let attempt = claim.attempt;
    const calls: CallSummary = { total: 0, reads: 0, writes: 0, retries: 0, failed: 0 };
    const outcome = await pRetry(
      async () => {
        const result = await runAttempt(context, claim, attempt, stopNow.signal, () =>
          checkLease(claim.key, claim.position, attempt),
        );
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
        onFailedAttempt: async ({ error, retriesLeft }) => {
          if (stopping) throw new AbortError('the job is stopping');
          if (retriesLeft === 0) return;
          const next = await store.retryItem(jobId, claim.position, attempt);
          if (next === undefined || !(error instanceof RetryableFailure))
            throw new AbortError(error);
          const lease = leases.get(claim.position);
          if (lease?.attempt === attempt) lease.attempt = next;
          attempt = next;
        },
      },
    ).catch((error: unknown): AttemptOutcome => {
      // A pause or cancel ends the retries: the item goes back to pending, for the resume.
      if (stopping || !(error instanceof RetryableFailure)) return { kind: 'stopped', calls };
      return error.outcome;
    });
    await stored(() => settle(claim, attempt, outcome, calls));
    if (leases.get(claim.position)?.attempt === attempt) leases.delete(claim.position);
  }

  /**
   * Store writes at an item's end, retried while the database is away. Nothing awaits an item's
   * run, so this must not reject; one that never lands leaves the item running in this process's
   * name, and it is taken back and reconciled from the ledger like any interrupted item (when
   * nothing of ours is in flight, or when the lease ends), so nothing is lost.
   */
  async function stored(write: () => Promise<unknown>): Promise<void> {
    await pRetry(write, { retries: 8, minTimeout: 250, maxTimeout: 5_000, factor: 2 }).catch(
      () => undefined,
    );
  }

  async function settle(
    claim: ItemClaim,
    attempt: number,
    outcome: AttemptOutcome,
    calls: CallSummary,
  ): Promise<void> {
    const at = now();
    if (outcome.kind === 'stopped' || outcome.kind === 'rate-limited') {
      // Back to pending: the next claim (of any process) runs it again.
      const released = await store.releaseItem(jobId, claim.position, attempt);
      if (released && outcome.kind === 'rate-limited') {
        heldUntil = Math.max(heldUntil, outcome.until);
        const current = (await store.getJob(jobId))?.rate_limited_until ?? 0;
        if (outcome.until > current) {
          await store.updateJob(
            jobId,
            { rate_limited_until: outcome.until, rate_limited_reason: outcome.reason },
            at,
          );
        }
        await progress(true);
      }
      return;
    }
    const finished = await store.finishItem(jobId, claim.position, attempt, {
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
    if (outcome.kind === 'failed') await failedItem(claim.position);
    await progress();
  }

  /** An item failed: tell, and stop the job once --max-failures items failed (in any process). */
  async function failedItem(position: number): Promise<void> {
    const item = (await store.items(jobId, { offset: position, limit: 1 }))[0];
    if (item) context.emit({ type: 'item-failed', jobId, item: itemReportOf(item) });
    const failed = (await store.counts(jobId)).failed;
    if (options.maxFailures === null || failed < options.maxFailures || stopping) return;
    reason = `max failures reached: ${failed} of ${options.maxFailures}`;
    // A worker marks the job failed; its owner ends it at its next heartbeat.
    if (role === 'worker') {
      await store.transitionJob(jobId, ['running', 'pausing'], { state: 'failed', reason }, now());
    }
    stop('failed');
  }

  async function loop(): Promise<void> {
    const queue = new PQueue({ concurrency: options.concurrency });
    while (!stopping) {
      await waitForRateLimit();
      if (stopping) break;
      const busy = queue.size + queue.pending;
      const free = options.concurrency - busy;
      const until = now() + LEASE_MS;
      const claims = free > 0 ? await store.claimItems(jobId, { owner, until }, free, now()) : [];
      const claimedAt = now();
      for (const claim of claims) {
        leases.set(claim.position, { attempt: claim.attempt, claimedAt, until });
        void queue.add(() => runItem(claim));
      }
      if (claims.length > 0 && claims.length < free) continue;
      if (claims.length === 0 && busy === 0) {
        // Nothing to claim and nothing of ours in flight: a worker is done; the owner waits for
        // items other processes hold (they finish them, or their leases run out).
        if (role === 'worker') break;
        const counts = await store.counts(jobId);
        if (counts.pending + counts.running === 0) break;
        // Nothing of ours is in flight: an item still running in our name was left behind (its
        // attempt ended without settling); the heartbeat would renew its lease for ever.
        if (counts.running > 0) await store.requeueRunning(jobId, owner);
      }
      // Full: wait for a slot. Else nothing was claimable: look again after a while.
      await nextSlot(queue, free > 0 ? CLAIM_POLL_MS : undefined, halt.signal);
    }
    await queue.onIdle();
  }

  async function run(): Promise<void> {
    const row = await store.getJob(jobId);
    if (!row) return;
    if (role === 'owner' && !row.enumerated) {
      await setState('enumerating');
      const failure = await enumerateItems(context, stopNow.signal);
      if (failure && !stopping) {
        stopping = 'failed';
        reason = failure;
      }
    }
    if (!stopping) {
      if (role === 'owner') await setState('running');
      await progress(true);
      await loop();
    }
    await finish();
  }

  async function finish(): Promise<void> {
    await written;
    if (stopping === 'lost' || role === 'worker') return;
    const at = now();
    const active = ((await store.getJob(jobId))?.active_ms ?? 0) + (at - runningSince);
    if (stopping === 'leave') return store.updateJob(jobId, { active_ms: active }, at);
    await store.updateJob(jobId, { active_ms: active, requested: null }, at);
    if (stopping === 'pause') return setState('paused');
    if (stopping === 'cancel' || stopping === 'failed') {
      await store.requeueRunning(jobId);
      await store.skipPending(jobId, at);
      await store.updateJob(jobId, { finished_at: at }, at);
      await setState(stopping === 'cancel' ? 'cancelled' : 'failed', reason ?? 'cancelled');
    } else {
      await store.updateJob(jobId, { finished_at: at }, at);
      await setState('done');
    }
    await progress(true);
  }

  const done = run()
    .catch(async (error: unknown) => {
      const message = (error as Error).message;
      context.emit({ type: 'state', jobId, state: 'paused', reason: message });
      if (role === 'worker') return;
      // A store or sandbox failure of the engine itself: the job stays resumable.
      await store
        .updateJob(jobId, { state: 'paused', reason: `the runner failed: ${message}` }, now())
        .catch(() => undefined);
    })
    .finally(() => clearInterval(heartbeat));
  return {
    jobId,
    runningSince,
    role: () => role,
    done,
    pause: () => stop('pause'),
    cancel: () => stop('cancel'),
    leave: () => stop('leave'),
  };
}

function addCalls(total: CallSummary, more: CallSummary): void {
  total.total += more.total;
  total.reads += more.reads;
  total.writes += more.writes;
  total.retries += more.retries;
  total.failed += more.failed;
}

/** Resolves when an item of the queue settles, after `pollMs` when given, or on `signal`. */
function nextSlot(queue: PQueue, pollMs: number | undefined, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = pollMs === undefined ? undefined : setTimeout(done, pollMs);
    queue.addEventListener('next', done, { once: true });
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      queue.removeEventListener('next', done);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
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
