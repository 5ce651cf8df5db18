/** Store rows into the contract's documents: {@link JobStatus} and {@link JobItemReport}. */
import type { CallSummary, WriteRecord } from '../../confluence/types.ts';
import type { ItemRow, JobRow } from '../store/jobs-store.ts';
import type { JobCounts, JobItemReport, JobStatus } from '../types.ts';
import type { ResolvedJobOptions } from './options.ts';

/**
 * @param runningSince epoch ms when this process started running the job (for items/s), if it does.
 * @example
 * statusOf(store.getJob(id)!, store.counts(id), Date.now());
 */
export function statusOf(
  row: JobRow,
  counts: JobCounts,
  now: number,
  runningSince?: number,
): JobStatus {
  const options = JSON.parse(row.options) as ResolvedJobOptions;
  const activeMs = row.active_ms + (runningSince === undefined ? 0 : now - runningSince);
  const finished = counts.done + counts.failed;
  const itemsPerSecond = activeMs > 0 ? round((finished * 1_000) / activeMs) : 0;
  const remaining = counts.pending + counts.running;
  const running = row.state === 'running' || row.state === 'pausing';
  const etaSeconds =
    running && itemsPerSecond > 0
      ? Math.ceil(remaining / itemsPerSecond)
      : remaining === 0 && running
        ? 0
        : null;
  return {
    jobId: row.id,
    state: row.state,
    counts: { ...counts, total: Math.max(counts.total, row.total) },
    calls: callsOf(row),
    startedAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    itemsPerSecond,
    etaSeconds,
    ...(options.dryRun ? { dryRun: true } : {}),
    ...(row.rate_limited_until !== null && row.rate_limited_until > now
      ? {
          rateLimited: {
            until: new Date(row.rate_limited_until).toISOString(),
            reason: row.rate_limited_reason ?? 'rate limited',
          },
        }
      : {}),
    ...(row.reason ? { reason: row.reason } : {}),
    ...(row.client ? { client: row.client } : {}),
    ...(row.file ? { file: row.file } : {}),
  };
}

export function callsOf(row: JobRow): CallSummary {
  return {
    total: row.calls_total,
    reads: row.calls_reads,
    writes: row.calls_writes,
    retries: row.calls_retries,
    failed: row.calls_failed,
  };
}

/**
 * @example
 * store.items(jobId, { offset: 0, limit: 100 }).map(itemReportOf);
 */
export function itemReportOf(row: ItemRow): JobItemReport {
  return {
    key: row.key,
    position: row.position,
    state: row.state,
    attempts: row.attempt,
    item: JSON.parse(row.item) as unknown,
    ...(row.output === null ? {} : { output: JSON.parse(row.output) as unknown }),
    ...(row.error === null ? {} : { error: JSON.parse(row.error) as JobItemReport['error'] }),
    ...(row.writes === null ? {} : { writes: JSON.parse(row.writes) as WriteRecord[] }),
    ...(row.calls === null ? {} : { calls: JSON.parse(row.calls) as CallSummary }),
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
