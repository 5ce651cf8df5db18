/**
 * One item attempt's view of the SDK: the run session's host functions, wrapped so that every
 * call lands in the job's durable ledger. A write's intent is recorded before it is sent and its
 * outcome after; reads are recorded once answered. When an earlier attempt of the item left a
 * ledger (a crash, a retry), its calls are answered from it, in order, up to the first one it did
 * not complete, as recorded replay does for runs; a write it sent without recording the outcome
 * is reconciled against Confluence first (./reconcile.ts). Every ledger write is fenced by the
 * attempt number: an attempt that is no longer current cannot record, so it cannot send. And
 * right before a write goes on the wire (after any rate-limit wait) the attempt asks its runner
 * whether the item's lease still holds (`leaseGuard`): a process that stalled past its lease (a
 * long GC pause, a SIGSTOP, a database away) while another took the item over does not send what
 * it had recorded the intent of; the intent stays, and the current attempt reconciles it.
 *
 * Only a write's intent must be durable before anything else happens (before the write is sent).
 * The other rows (a read's answer, a write's outcome, a replayed row) are kept and written in the
 * same transaction as the next intent, or with the attempt's end (`unrecorded()` goes to the
 * store's finishItem; `flush()` otherwise): one or two transactions per item instead of one per
 * row. A crash loses only rows a later attempt can do again: a read is read again, and a write
 * whose outcome was lost is found as an intent and reconciled, as when the crash came mid-call.
 */
import { isDeepStrictEqual } from 'node:util';
import type { HostCallContext, HostFunction } from '../../../sandbox/types.ts';
import type { CallRecord, CallSummary, RunSession, WriteRecord } from '../../confluence/types.ts';
import type { CallRow, JobsStore } from '../store/jobs-store.ts';
import {
  REMOVALS,
  expectationOf,
  reconcileWrite,
  updateWasOurs,
  type SessionCall,
  type WriteExpectation,
} from './reconcile.ts';

export interface ItemSessionOptions {
  store: JobsStore;
  jobId: string;
  position: number;
  key: string;
  attempt: number;
  /** The run session of this attempt (live or dry-run). */
  inner: RunSession;
  /** Writes are planned, not sent: nothing to record as intent, nothing to reconcile. */
  dryRun: boolean;
  /** What the registry says of a call: read or write, and its target in words. */
  describe: (operation: string, args: unknown) => { kind: 'read' | 'write'; target?: string };
  now: () => number;
  /**
   * Throws when this attempt's lease on the item may have ended (./job-runner.ts): called right
   * before each request of a write goes on the wire. The attempt is stale from then on.
   */
  leaseGuard?: () => void;
}

/** A call of this attempt that failed: enough to tell a 429 from a script's own failure. */
export interface FailedCall {
  operation: string;
  code: string;
  message: string;
  status?: number;
  /** Epoch ms: when Confluence said to come back (`RATE_LIMITED`). */
  retryAt?: number;
}

export interface ItemSession {
  host: Record<string, HostFunction>;
  /** Calls sent to Confluence by this attempt (replayed calls excluded). */
  summary(): CallSummary;
  /** Every write of the item: replayed from earlier attempts, then this attempt's. */
  writes(): WriteRecord[];
  /** Calls answered from the ledger. */
  replayed(): number;
  /** Every call this attempt made that failed, as recorded (to tell a 429 from a script error). */
  failedCalls(): FailedCall[];
  /** True once the attempt's fence fell (another attempt is current). */
  stale(): boolean;
  /** Wall time, in ms, during which at least one of the attempt's calls was waiting on the site. */
  siteMs(): number;
  /** Takes the rows kept since the last intent, for the store's finishItem to write. */
  unrecorded(): CallRow[];
  /** Writes the rows kept since the last intent now; false when the attempt is stale. */
  flush(): Promise<boolean>;
}

/**
 * Thrown into the attempt when its lease on the item may have ended before a write went on the
 * wire: the write was not sent.
 */
export class LeaseLapsed extends Error {
  readonly code = 'LEASE_LAPSED';
  readonly phase = 'runtime';
  constructor(key: string, attempt: number, why: string) {
    super(`item ${key}: attempt ${attempt} stops before sending a write: ${why}`);
  }
}

/** Thrown into the attempt when its fence fell: another attempt of the item is current. */
export class StaleAttempt extends Error {
  readonly code = 'STALE_ATTEMPT';
  readonly phase = 'runtime';
  constructor(key: string, attempt: number) {
    super(`item ${key}: attempt ${attempt} is no longer current; it stops without recording`);
  }
}

/** HTTP statuses and client codes after which a write may or may not have been applied. */
function uncertain(error: CallRecord['error'] | undefined): boolean {
  if (!error) return true;
  if (error.status !== undefined) return error.status >= 500;
  return ['NETWORK_ERROR', 'TIMEOUT', 'ABORTED', 'INVALID_RESPONSE', 'INTERNAL_ERROR'].includes(
    error.code,
  );
}

/**
 * @example
 * const session = await createItemSession({ store, jobId, position, key, attempt, inner, dryRun: false, now });
 * await sandbox.run({ code, host: session.host, entry: { name: 'default', args: [item, params] } });
 */
export async function createItemSession(options: ItemSessionOptions): Promise<ItemSession> {
  const { store, jobId, position, key, attempt, inner, now } = options;
  const previous = new Map((await store.itemCalls(jobId, position)).map((row) => [row.idx, row]));
  // Every write of the item by call index: replayed, sent, found on Confluence, or failed.
  const itemWrites = new Map<number, WriteRecord>();
  const failures: FailedCall[] = [];
  let replaying = previous.size > 0;
  let replayedCount = 0;
  let stale = false;
  const marker = `wb-job ${jobId} item ${key}`;

  // Rows kept since the last intent, in call order (see the header).
  let kept: CallRow[] = [];
  const take = () => {
    const rows = kept;
    kept = [];
    return rows;
  };
  const flush = async () => {
    if (stale) return false;
    if (kept.length > 0 && !(await store.recordCalls(take()))) stale = true;
    return !stale;
  };
  type NewRow = Omit<CallRow, 'job_id' | 'position' | 'attempt' | 'created_at'>;
  const keep = (row: NewRow) => {
    kept.push({ ...row, job_id: jobId, position, attempt, created_at: now() });
  };
  /** Makes `row` (an intent) durable now, with the rows kept before it. */
  const record = async (row: NewRow) => {
    keep(row);
    if (!(await flush())) throw new StaleAttempt(key, attempt);
  };
  const call =
    (context: HostCallContext): SessionCall =>
    (operation, args) => {
      const fn = inner.host[operation];
      if (!fn) throw new Error(`unknown operation ${operation}`);
      return fn(args, context);
    };
  /** A write's calls (and the reads that reconcile it) go on the wire only while the lease holds. */
  const guarded = (context: HostCallContext): HostCallContext => ({
    ...context,
    beforeSend: () => {
      if (stale) throw new StaleAttempt(key, attempt);
      try {
        options.leaseGuard?.();
      } catch (error) {
        stale = true;
        throw error;
      }
    },
  });

  async function live(
    operation: string,
    kind: 'read' | 'write',
    args: unknown,
    context: HostCallContext,
    reconcile?: WriteExpectation,
  ): Promise<unknown> {
    const idx = context.callIndex;
    const writes = kind === 'write' && !options.dryRun;
    const planned = writes ? expectationOf(operation, args, marker) : { args, expected: {} };
    const sent = planned.args;
    const expected = reconcile ?? planned.expected;
    const base = {
      idx,
      operation,
      kind,
      args: JSON.stringify(args) ?? null,
      target: kind === 'write' ? (options.describe(operation, sent).target ?? null) : null,
      expected: writes ? JSON.stringify(expected) : null,
    };
    if (writes) await record({ ...base, status: 'intent', record: null, settled_at: null });
    const onWire = writes ? guarded(context) : context;
    try {
      let answer: unknown;
      const found = reconcile
        ? await reconcileWrite(operation, sent, expected, call(onWire))
        : { found: false as const };
      if (found.found) answer = found.answer;
      else answer = await sendUpdate(operation, sent, expected, onWire, reconcile !== undefined);
      const status = kind === 'write' && options.dryRun ? 'planned' : 'ok';
      keep({ ...base, status, record: JSON.stringify({ response: answer }), settled_at: now() });
      if (kind === 'write') {
        const applied = status === 'ok' ? 'applied' : 'planned';
        itemWrites.set(idx, { operation, target: base.target ?? operation, status: applied });
      }
      return answer;
    } catch (error) {
      // Stale (fenced, or its lease lapsed): nothing more is recorded; the current attempt
      // reconciles the intent.
      if (error instanceof StaleAttempt || stale) throw error;
      const shape = errorShape(error);
      failures.push(failedCall(operation, error, shape, now));
      if (kind === 'write') {
        itemWrites.set(idx, { operation, target: base.target ?? operation, status: 'failed' });
      }
      keep({
        ...base,
        status: 'error',
        record: JSON.stringify({ error: shape }),
        settled_at: now(),
      });
      throw error;
    }
  }

  /** Sends the write; a re-sent update that meets 409 is checked: was the version ours? */
  async function sendUpdate(
    operation: string,
    args: unknown,
    expected: WriteExpectation,
    context: HostCallContext,
    resent: boolean,
  ): Promise<unknown> {
    try {
      return await call(context)(operation, args);
    } catch (error) {
      // A removal sent again after it was applied finds nothing left to remove.
      if (resent && REMOVALS.has(operation) && (error as { status?: number }).status === 404)
        return undefined;
      if ((error as { status?: number }).status !== 409 || expected.version === undefined)
        throw error;
      const ours = await updateWasOurs(operation, args, expected, call(context));
      if (ours.found) return ours.answer;
      throw error;
    }
  }

  function replay(row: CallRow | undefined, operation: string, args: unknown) {
    if (!replaying) return undefined;
    if (!row || row.operation !== operation || !sameArgs(row.args, args)) {
      replaying = false;
      return undefined;
    }
    return row;
  }

  // Time with a call in flight: the site's (or its rate limit's), not the script's.
  let inFlight = 0;
  let busySince = 0;
  let siteMs = 0;
  const timed =
    (fn: HostFunction): HostFunction =>
    async (args, context) => {
      if (inFlight++ === 0) busySince = now();
      try {
        return await fn(args, context);
      } finally {
        if (--inFlight === 0) siteMs += now() - busySince;
      }
    };

  const host: Record<string, HostFunction> = {};
  for (const operation of Object.keys(inner.host)) {
    host[operation] = timed(async (args, context) => {
      const row = replay(previous.get(context.callIndex), operation, args);
      const kind = row?.kind ?? options.describe(operation, args).kind;
      if (!row) {
        replaying = false;
        return live(operation, kind, args, context);
      }
      const settled = row.record
        ? (JSON.parse(row.record) as { response?: unknown; error?: CallRecord['error'] })
        : {};
      if (row.status === 'ok' || row.status === 'planned') {
        // Answered before: the same answer, recorded again under this attempt.
        keep({ ...row, settled_at: row.settled_at });
        replayedCount += 1;
        if (row.kind === 'write') {
          itemWrites.set(row.idx, {
            operation,
            target: row.target ?? operation,
            status: row.status === 'ok' ? 'applied' : 'planned',
          });
        }
        return settled.response;
      }
      replaying = false;
      const expected = row.expected ? (JSON.parse(row.expected) as WriteExpectation) : {};
      // A write sent without a known outcome: check Confluence before sending it again.
      if (
        row.kind === 'write' &&
        !options.dryRun &&
        (row.status === 'intent' || uncertain(settled.error))
      ) {
        return live(operation, 'write', args, context, expected);
      }
      return live(operation, kind, args, context);
    });
  }

  return {
    host,
    summary: () => inner.summary(),
    writes: () => [...itemWrites.entries()].sort(([a], [b]) => a - b).map(([, write]) => write),
    replayed: () => replayedCount,
    failedCalls: () => [...failures],
    stale: () => stale,
    siteMs: () => siteMs + (inFlight > 0 ? now() - busySince : 0),
    unrecorded: take,
    flush,
  };
}

function failedCall(
  operation: string,
  error: unknown,
  shape: NonNullable<CallRecord['error']>,
  now: () => number,
): FailedCall {
  // RATE_LIMITED carries `retryAt` (epoch ms); a plain 429 may carry `retryAfterMs`.
  const details = (error as { details?: { retryAt?: unknown; retryAfterMs?: unknown } }).details;
  const retryAt =
    typeof details?.retryAt === 'number'
      ? details.retryAt
      : typeof details?.retryAfterMs === 'number'
        ? now() + details.retryAfterMs
        : undefined;
  return { operation, ...shape, ...(retryAt === undefined ? {} : { retryAt }) };
}

function sameArgs(recorded: string | null, args: unknown): boolean {
  const actual = JSON.stringify(args) ?? null;
  if (recorded === actual) return true;
  return isDeepStrictEqual(
    recorded === null ? undefined : JSON.parse(recorded),
    actual === null ? undefined : JSON.parse(actual),
  );
}

function errorShape(error: unknown): NonNullable<CallRecord['error']> {
  const shape = error as { code?: unknown; message?: unknown; status?: unknown; details?: unknown };
  return {
    code: typeof shape.code === 'string' ? shape.code : 'INTERNAL_ERROR',
    message: typeof shape.message === 'string' ? shape.message : String(error),
    ...(typeof shape.status === 'number' ? { status: shape.status } : {}),
  };
}
