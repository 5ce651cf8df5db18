/** Row helpers both jobs stores share: item counts by state, the ledger row's parameters. */
import type { CallSummary } from '../../confluence/types.ts';
import type { JobCounts, JobItemState } from '../types.ts';
import type { CallRow, ItemOutcome, NewJob } from './jobs-store.ts';

/**
 * @example
 * countsOf([{ state: 'done', n: 2 }, { state: 'pending', n: 1 }]); // { total: 3, done: 2, pending: 1, … }
 */
export function countsOf(rows: { state: JobItemState; n: number | string }[]): JobCounts {
  const counts: JobCounts = { total: 0, pending: 0, running: 0, done: 0, failed: 0, skipped: 0 };
  for (const row of rows) {
    counts[row.state] = Number(row.n);
    counts.total += Number(row.n);
  }
  return counts;
}

/** The parameters of `insertJob` (./jobs-sql.ts): created and updated at `job.now`. */
export function insertJobParams(job: NewJob) {
  return [
    job.id,
    job.client ?? null,
    job.source ?? null,
    job.file ?? null,
    job.code,
    job.params ?? null,
    job.options,
    job.state,
    job.now,
    job.now,
  ];
}

/** The parameters of `finishItem` (./jobs-sql.ts), fenced by the item's attempt. */
export function finishItemParams(
  jobId: string,
  position: number,
  attempt: number,
  outcome: ItemOutcome,
) {
  return [
    outcome.state,
    outcome.error ?? null,
    outcome.output ?? null,
    outcome.writes,
    JSON.stringify(outcome.calls),
    outcome.now,
    jobId,
    position,
    attempt,
  ];
}

/** The parameters of `recordCall` (./jobs-sql.ts). */
export function recordCallParams(row: CallRow) {
  return [
    row.job_id,
    row.position,
    row.idx,
    row.attempt,
    row.operation,
    row.kind,
    row.args,
    row.target,
    row.expected,
    row.status,
    row.record,
    row.created_at,
    row.settled_at,
  ];
}

/** The parameters of `addCalls` (./jobs-sql.ts): the job's call figures grow by `calls`. */
export function addCallsParams(jobId: string, calls: CallSummary, now: number) {
  return [calls.total, calls.reads, calls.writes, calls.retries, calls.failed, now, jobId];
}

/**
 * The one item attempt a batch of ledger rows belongs to (its fence).
 *
 * @throws Error when the rows belong to more than one item attempt.
 */
export function attemptOf(rows: CallRow[]): Pick<CallRow, 'job_id' | 'position' | 'attempt'> {
  const { job_id, position, attempt } = rows[0]!;
  if (
    rows.some(
      (row) => row.job_id !== job_id || row.position !== position || row.attempt !== attempt,
    )
  ) {
    throw new TypeError('recordCalls: every row must belong to one item attempt');
  }
  return { job_id, position, attempt };
}
