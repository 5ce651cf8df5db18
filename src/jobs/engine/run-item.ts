/**
 * One attempt at one item: a fresh session and a fresh isolate, the item's ledger around the
 * session, `default(item, params)` in the sandbox, and what came of it in the engine's terms:
 * done, failed (retryable or not), held back by a rate limit, or stopped.
 */
import type { RunError, RunResult, Sandbox } from '../../../sandbox/types.ts';
import type { CallSummary, RunSession, SessionMode, WriteRecord } from '../../confluence/types.ts';
import { serializeResult, summarizeSafely } from '../../runs/outcome.ts';
import type { CallRow, ItemClaim, JobsStore } from '../store/jobs-store.ts';
import type { JobItemReport } from '../types.ts';
import { createItemSession, type FailedCall, type ItemSession } from './item-session.ts';
import type { ResolvedJobOptions } from './options.ts';

/** Characters of an item's output kept in the store (summarized past it, shape kept). */
export const ITEM_OUTPUT_BUDGET_CHARS = 2_000;
/** How long a 429 that said nothing of when to come back holds the job. */
export const DEFAULT_RATE_LIMIT_PAUSE_MS = 5_000;

export interface AttemptContext {
  sandbox: Pick<Sandbox, 'run'>;
  createSession: (mode: SessionMode) => RunSession;
  store: JobsStore;
  jobId: string;
  code: string;
  params: unknown;
  options: ResolvedJobOptions;
  describe: (operation: string, args: unknown) => { kind: 'read' | 'write'; target?: string };
  now: () => number;
}

/**
 * What came of an attempt. A final one (done, or failed for good) carries the ledger rows its
 * session still keeps, for the store to write with the item's finish in one transaction.
 */
export type AttemptOutcome =
  | { kind: 'done'; output: unknown; writes: WriteRecord[]; calls: CallSummary; ledger?: CallRow[] }
  | {
      kind: 'failed';
      error: NonNullable<JobItemReport['error']>;
      retryable: boolean;
      writes: WriteRecord[];
      calls: CallSummary;
      ledger?: CallRow[];
    }
  | { kind: 'rate-limited'; until: number; reason: string; calls: CallSummary }
  | { kind: 'stopped'; calls: CallSummary };

/**
 * @example
 * const outcome = await runAttempt(context, claim, attempt, signal, () => checkLease(claim.key, claim.position, attempt));
 */
export async function runAttempt(
  context: AttemptContext,
  claim: ItemClaim,
  attempt: number,
  signal: AbortSignal,
  leaseGuard?: () => void,
): Promise<AttemptOutcome> {
  const inner = context.createSession(context.options.dryRun ? 'dry-run' : 'live');
  const session = await createItemSession({
    store: context.store,
    jobId: context.jobId,
    position: claim.position,
    key: claim.key,
    attempt,
    inner,
    dryRun: context.options.dryRun,
    describe: context.describe,
    now: context.now,
    ...(leaseGuard ? { leaseGuard } : {}),
  });
  const result = await context.sandbox.run({
    code: context.code,
    params: context.params,
    host: session.host,
    entry: { name: 'default', args: [JSON.parse(claim.item) as unknown, context.params] },
    // Checked once when the job started (./script.ts).
    skipTypecheck: true,
    limits: { wallTimeMs: context.options.itemTimeoutMs },
    signal,
  });
  const outcome = outcomeOf(result, session, signal, context.now());
  if (outcome.kind === 'done' || (outcome.kind === 'failed' && !outcome.retryable)) {
    return { ...outcome, ledger: session.unrecorded() };
  }
  // A retry, a release or a stop follows: the next attempt replays what this one recorded.
  await session.flush();
  return outcome;
}

function outcomeOf(
  result: RunResult,
  session: ItemSession,
  signal: AbortSignal,
  now: number,
): AttemptOutcome {
  const calls = session.summary();
  const writes = session.writes();
  // A stale attempt (fenced, or its lease lapsed) records no end, even if the script caught the
  // error and returned: the item goes to its current attempt.
  if (session.stale()) return { kind: 'stopped', calls };
  if (result.ok) {
    const serialized = serializeResult(result.value);
    const output = serialized
      ? summarizeSafely(serialized.value, ITEM_OUTPUT_BUDGET_CHARS).value
      : undefined;
    return { kind: 'done', output, writes, calls };
  }
  const failed = session.failedCalls();
  if (signal.aborted) return { kind: 'stopped', calls };
  const limited = failed.find(isRateLimit);
  if (limited) {
    return {
      kind: 'rate-limited',
      until: limited.retryAt ?? now + DEFAULT_RATE_LIMIT_PAUSE_MS,
      reason: `${limited.operation}: ${limited.message}`,
      calls,
    };
  }
  const error = result.error ?? { phase: 'runtime', code: 'INTERNAL_ERROR', message: 'failed' };
  return {
    kind: 'failed',
    error: itemError(error),
    retryable: retryable(error, failed, calls, session.siteMs()),
    writes,
    calls,
  };
}

function isRateLimit(call: FailedCall): boolean {
  return call.status === 429 || call.code === 'RATE_LIMITED';
}

/**
 * 5xx, network errors and timeouts of Confluence, and a crashed worker: worth another attempt. So
 * is an attempt that ran out of wall-clock time while Confluence made it wait (its calls were
 * retried, 429s or 5xx, or its calls were waiting on the site, or on the site's rate limit, for at
 * least half of its time): the time went to the site, not the script, and the next attempt answers
 * the calls this one completed from the ledger, so it gets further (a 429 must never fail an
 * item, not even one that only waited behind other items' 429s).
 */
function retryable(
  error: RunError,
  failed: FailedCall[],
  calls: CallSummary,
  siteMs: number,
): boolean {
  if (error.code === 'WORKER_CRASHED') return true;
  if (error.code === 'WALL_TIME_LIMIT') {
    if (calls.retries > 0) return true;
    if (error.limit !== undefined && siteMs * 2 >= error.limit.limit) return true;
  }
  if (error.phase !== 'confluence') return false;
  if (error.status !== undefined) return error.status >= 500;
  const code = error.hostCode ?? error.code;
  return ['NETWORK_ERROR', 'TIMEOUT', 'INVALID_RESPONSE'].includes(code) || failed.length === 0;
}

function itemError(error: RunError): NonNullable<JobItemReport['error']> {
  return {
    code: error.hostCode ?? error.code,
    message: error.message,
    phase: error.phase,
    ...(error.line === undefined ? {} : { line: error.line }),
    ...(error.column === undefined ? {} : { column: error.column }),
  };
}
