/**
 * The jobs contract: what the CLI (`job ...`), REST (`/v1/jobs`) and MCP (`start_job`,
 * `job_status`, `cancel_job`) call, and the documents they return. Shapes and names follow
 * ../shared/DESIGN.md, "Jobs: the contract"; extend them, never rename.
 *
 * The engine (src/jobs/engine/) and the store (src/jobs/store/) implement {@link JobService};
 * the surfaces (src/cli/commands/job.ts, src/server/rest/jobs-routes.ts, src/server/mcp/job-tools.ts)
 * only call it.
 */
import type { CallSummary, WriteRecord } from '../confluence/types.ts';

/** A job's lifecycle state (DESIGN.md: `job status --json`). */
export type JobState =
  'enumerating' | 'running' | 'pausing' | 'paused' | 'done' | 'failed' | 'cancelled';

/** Terminal states: nothing runs again. */
export const TERMINAL_JOB_STATES: readonly JobState[] = ['done', 'failed', 'cancelled'];

/** An item's state; `done`, `failed` and `skipped` are terminal and reached exactly once. */
export type JobItemState = 'pending' | 'running' | 'done' | 'failed' | 'skipped';

export interface JobCounts {
  total: number;
  pending: number;
  running: number;
  done: number;
  failed: number;
  skipped: number;
}

/** What a caller may set when starting a job. */
export interface JobOptions {
  /** Items run at once (default 4, at most 64). */
  concurrency?: number;
  /** Retries per item after a retryable failure (default 5); a 429 never counts as one. */
  retries?: number;
  /** The job stops (state `failed`) once this many items have failed (default: never). */
  maxFailures?: number;
  /** Every item runs with writes planned, not sent. */
  dryRun?: boolean;
  /** Wall-clock limit per item attempt in ms (clamped to the server's maximum). */
  itemTimeoutMs?: number;
}

export interface StartJobInput {
  /** The job script: `export default async function (item, params)`, optionally `export async function* items(params)`. */
  code: string;
  /** Items given up front (a JSON array over REST/MCP, JSONL on the CLI); else `items()` makes them. */
  items?: unknown[];
  params?: unknown;
  options?: JobOptions;
  /** A job id the caller chooses (`job start --id`); starting an existing id is refused. */
  id?: string;
  /** Where the job came from: `cli`, `rest`, `mcp`. */
  source?: string;
  /** The file the code came from, for reports (`relabel.job.ts`). */
  file?: string;
}

/** When a 429 with an hourly-quota `Retry-After` holds the job: until when, and why. */
export interface JobRateLimitPause {
  /** ISO 8601: when the job resumes by itself. */
  until: string;
  reason: string;
}

/** `job status --json`, `GET /v1/jobs/:id`, MCP `job_status`. */
export interface JobStatus {
  jobId: string;
  state: JobState;
  counts: JobCounts;
  calls: CallSummary;
  /** ISO 8601. */
  startedAt: string;
  /** ISO 8601. */
  updatedAt: string;
  itemsPerSecond: number;
  /** `null` when unknown (nothing finished yet, or the job is not running). */
  etaSeconds: number | null;
  dryRun?: boolean;
  /** Present while a quota 429 holds the job. */
  rateLimited?: JobRateLimitPause;
  /** Why the job ended `failed` or `cancelled` (e.g. "max failures reached: 10 of 10"). */
  reason?: string;
  /** The client that started it (tenants: DESIGN.md "Clients and tenants"). */
  client?: string;
  file?: string;
}

/** One item in `job report --jsonl` and `GET /v1/jobs/:id/items`. */
export interface JobItemReport {
  /** The item's `id` when it has one, else its position (as a string). */
  key: string;
  /** 0-based position in the item snapshot. */
  position: number;
  state: JobItemState;
  attempts: number;
  item: unknown;
  /** The item function's return value, summarized. */
  output?: unknown;
  error?: { code: string; message: string; phase?: string; line?: number; column?: number };
  /** The item's writes: applied, or planned in a dry run. */
  writes?: WriteRecord[];
  calls?: CallSummary;
}

/** The report printed at the end of `job start` / `job resume` and by `job report`. */
export interface JobReport {
  status: JobStatus;
  durationMs: number;
  /** Every failed item with its error. */
  failures: JobItemReport[];
  /** In a dry run: the planned writes per item. */
  planned?: { key: string; writes: WriteRecord[] }[];
}

/** Server-sent events on `GET /v1/jobs/:id/events` and progress on the CLI. */
export type JobEvent =
  | { type: 'progress'; status: JobStatus }
  | { type: 'item-failed'; jobId: string; item: JobItemReport }
  | { type: 'state'; jobId: string; state: JobState; reason?: string };

export interface JobListOptions {
  limit?: number;
  state?: JobState;
  /** Only this client's jobs (undefined: all, for an admin or a single-tenant service). */
  client?: string;
}

export interface JobService {
  /**
   * Creates the job, snapshots its items (running `items()` when no input is given), and starts
   * it unless `start: false`. Resolves once the job exists (its id is known), not when it ends.
   * @throws JobsError `JOB_EXISTS`, `INVALID_JOB` (bad script form, bad options, bad items).
   */
  start(input: StartJobInput, options?: { start?: boolean; client?: string }): Promise<JobStatus>;
  /** Resumes a paused (or interrupted) job; reconciles items that were in flight. @throws JobsError `JOB_NOT_FOUND`, `JOB_FINISHED`. */
  resume(jobId: string): Promise<JobStatus>;
  /** Stops starting items; items in flight finish; state `pausing` then `paused`. */
  pause(jobId: string): Promise<JobStatus>;
  /** Stops the job for good: items in flight are stopped, pending ones become `skipped`. */
  cancel(jobId: string): Promise<JobStatus>;
  status(jobId: string): Promise<JobStatus>;
  list(options?: JobListOptions): Promise<JobStatus[]>;
  items(
    jobId: string,
    options?: { state?: JobItemState; offset?: number; limit?: number },
  ): Promise<JobItemReport[]>;
  report(jobId: string): Promise<JobReport>;
  /** Resolves when the job reaches a terminal state or `paused`. */
  wait(jobId: string, signal?: AbortSignal): Promise<JobStatus>;
  /** Subscribes to a job's events (all jobs when `jobId` is undefined); returns the unsubscribe. */
  subscribe(jobId: string | undefined, listener: (event: JobEvent) => void): () => void;
  /** Resumes every job this process should run that was running when it stopped (service start). */
  resumeInterrupted(): Promise<string[]>;
  /** Pauses every running job cleanly (SIGTERM, Ctrl-C) and resolves when items in flight settle. */
  close(): Promise<void>;
}
