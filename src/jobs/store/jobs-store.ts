/**
 * The jobs store: everything a job needs to survive a crash, behind one small asynchronous
 * interface with two implementations: SQLite (./sqlite-jobs-store.ts, the embedded default) and
 * PostgreSQL (./postgres-jobs-store.ts, shared by several instances). Both run the same SQL
 * (./jobs-sql.ts). Rows carry JSON as text; the engine, not the store, gives them meaning.
 *
 * Items are worked under leases: a claim takes up to n claimable items (pending, or running under
 * a lease that has expired) for one owner until a time, and bumps each one's attempt number. The
 * owner's heartbeat extends its leases. Every write that belongs to an item attempt (its ledger
 * rows, its end) is fenced by the attempt number: once another owner has claimed the item, the
 * stale attempt changes nothing.
 */
import type { CallSummary } from '../../confluence/types.ts';
import type { JobCounts, JobItemState, JobState } from '../types.ts';

export interface JobRow {
  id: string;
  client: string | null; // the tenant that started it; NULL when single-tenant
  source: string | null; // cli | rest | mcp
  file: string | null; // the script's file name, for reports
  code: string; // the TypeScript module as submitted
  params: string | null; // JSON; NULL when none
  options: string; // JSON ResolvedJobOptions
  state: JobState;
  requested: 'pause' | 'cancel' | null; // asked by another process, acted on by the owner
  reason: string | null; // why the job ended failed or cancelled
  total: number; // items in the snapshot (0 until enumerated)
  enumerated: number; // 1 once the item snapshot is durable
  calls_total: number;
  calls_reads: number;
  calls_writes: number;
  calls_retries: number;
  calls_failed: number;
  created_at: number; // ms since epoch
  updated_at: number; // ms since epoch
  finished_at: number | null; // ms since epoch, once terminal
  active_ms: number; // ms spent running, over every session that ran it (items/s)
  owner: string | null; // `host:pid:nonce` of the process running it; NULL when none does
  heartbeat_at: number | null; // ms since epoch, the owner's last sign of life
  rate_limited_until: number | null; // ms since epoch: no item starts before
  rate_limited_reason: string | null;
}

export interface ItemRow {
  job_id: string;
  position: number; // 0-based place in the snapshot
  key: string; // the item's id, else its position
  item: string; // JSON
  state: JobItemState;
  attempt: number; // the current attempt's number (the fence); 0 before the first
  failures: number; // failed attempts counted against --retries (429s and crashes are not)
  error: string | null; // JSON JobItemReport['error']
  output: string | null; // JSON, summarized
  writes: string | null; // JSON WriteRecord[]
  calls: string | null; // JSON CallSummary
  started_at: number | null; // ms since epoch, the first attempt
  finished_at: number | null; // ms since epoch
  lease_owner: string | null; // who works the item while it is running
  lease_until: number | null; // ms since epoch: the lease's end, unless renewed
}

/** One call of an item, as the ledger keeps it (its latest attempt at this index). */
export interface CallRow {
  job_id: string;
  position: number;
  idx: number; // the call's index within the attempt
  attempt: number; // the attempt that wrote this row
  operation: string;
  kind: 'read' | 'write';
  args: string | null; // JSON
  target: string | null;
  expected: string | null; // JSON { version?, marker? }: what reconciliation checks
  status: 'intent' | 'ok' | 'error' | 'planned' | 'refused';
  record: string | null; // JSON CallRecord (with the response) once settled
  created_at: number; // ms since epoch, when the intent or the call was recorded
  settled_at: number | null; // ms since epoch
}

export interface NewJob {
  id: string;
  client?: string | undefined;
  source?: string | undefined;
  file?: string | undefined;
  code: string;
  params?: string | undefined;
  options: string;
  state: JobState;
  now: number;
}

export interface NewItem {
  key: string;
  item: string;
}

export interface ItemClaim {
  position: number;
  key: string;
  item: string;
  attempt: number;
  failures: number;
}

/** An item a lease still holds, at the attempt it holds it for. */
export interface HeldLease {
  position: number;
  attempt: number;
}

export interface ItemOutcome {
  state: 'done' | 'failed';
  error?: string | undefined;
  output?: string | undefined;
  writes: string;
  calls: CallSummary;
  now: number;
  /** Ledger rows of the attempt not yet recorded (its last reads, a write's outcome): written
   * in the same transaction as the finish, fenced alike. */
  ledger?: CallRow[] | undefined;
}

export type JobUpdate = Partial<
  Pick<
    JobRow,
    | 'state'
    | 'requested'
    | 'reason'
    | 'finished_at'
    | 'active_ms'
    | 'rate_limited_until'
    | 'rate_limited_reason'
  >
>;

/** Who holds a claim on items, and until when (epoch ms) unless the heartbeat extends it. */
export interface Lease {
  owner: string;
  until: number;
}

export interface JobsStore {
  /** @throws JobsError `JOB_EXISTS` */
  createJob(job: NewJob, items?: NewItem[]): Promise<void>;
  /**
   * The item snapshot, made durable at once; refused if the job already has one. `calls`: what
   * `items()` spent on Confluence, added to the job's call figures in the same transaction.
   */
  saveItems(jobId: string, items: NewItem[], now: number, calls?: CallSummary): Promise<void>;
  getJob(jobId: string): Promise<JobRow | undefined>;
  listJobs(options: { limit: number; state?: JobState; client?: string }): Promise<JobRow[]>;
  /** Jobs that may have work: enumerating, running or pausing, oldest first. */
  activeJobs(limit: number): Promise<JobRow[]>;
  updateJob(jobId: string, update: JobUpdate, now: number): Promise<void>;
  /** Compare-and-set of the job's state: applies `update` only while the state is one of `from`. */
  transitionJob(
    jobId: string,
    from: readonly JobState[],
    update: JobUpdate,
    now: number,
  ): Promise<boolean>;
  /** Compare-and-set of the owner: succeeds when the owner is `expected` (NULL for none). */
  takeOwnership(
    jobId: string,
    owner: string,
    expected: string | null,
    now: number,
  ): Promise<boolean>;
  /** Marks the owner alive; false when this process no longer owns the job. */
  heartbeat(jobId: string, owner: string, now: number): Promise<boolean>;
  releaseOwnership(jobId: string, owner: string, now: number): Promise<void>;
  counts(jobId: string): Promise<JobCounts>;
  /**
   * Running items go back to `pending` (their next claim fences them): those of `owner` (a
   * process known dead), or every one (a cancel, a takeover of a store no one else shares).
   */
  requeueRunning(jobId: string, owner?: string): Promise<number>;
  /** The owners holding leases on the job's running items (expired or not). */
  leaseOwners(jobId: string): Promise<string[]>;
  /**
   * Claims up to `limit` items in snapshot order: pending ones, and running ones whose lease
   * expired before `now` (their owner is gone). Each becomes `running` under `lease` with the next
   * attempt number. Two claimers never get the same item (PostgreSQL: `FOR UPDATE SKIP LOCKED`;
   * SQLite: one writer at a time).
   */
  claimItems(jobId: string, lease: Lease, limit: number, now: number): Promise<ItemClaim[]>;
  /**
   * The heartbeat: extends the leases `lease.owner` holds on the job's running items, and says
   * which (an item another process took since is not among them: its attempt may not send).
   */
  renewLeases(jobId: string, lease: Lease): Promise<HeldLease[]>;
  /** A retry of a failed attempt: the next attempt number, or `undefined` when fenced. */
  retryItem(jobId: string, position: number, attempt: number): Promise<number | undefined>;
  /** The attempt's end and its last ledger rows, in one transaction (fenced); the job's call
   * figures grow by the item's. */
  finishItem(
    jobId: string,
    position: number,
    attempt: number,
    outcome: ItemOutcome,
  ): Promise<boolean>;
  /** Back to `pending` without counting a failure (a 429, a pause). Fenced. */
  releaseItem(jobId: string, position: number, attempt: number): Promise<boolean>;
  /** Every pending item becomes `skipped` (cancel). */
  skipPending(jobId: string, now: number): Promise<number>;
  items(
    jobId: string,
    options: { state?: JobItemState; offset: number; limit: number },
  ): Promise<ItemRow[]>;
  itemCalls(jobId: string, position: number): Promise<CallRow[]>;
  /**
   * Writes ledger rows of one item attempt (reads answered, a write's outcome, then the next
   * write's intent) in one transaction, fenced by the item's attempt: all or none, and false
   * when the attempt is no longer current.
   */
  recordCalls(rows: CallRow[]): Promise<boolean>;
  close(): Promise<void>;
}
