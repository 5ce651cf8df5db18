/**
 * The report printed at the end of `job start` and by `job report`: the status, how long the job
 * ran, every failed item with its error, and in a dry run the planned writes per item.
 */
import type { JobRow, JobsStore } from '../store/jobs-store.ts';
import type { JobItemReport, JobReport, JobStatus } from '../types.ts';
import { itemReportOf } from './status.ts';

const PAGE = 1_000;

/**
 * @example
 * const report = await reportOf(store, status, (await store.getJob(jobId))!);
 */
export async function reportOf(
  store: JobsStore,
  status: JobStatus,
  row: JobRow,
): Promise<JobReport> {
  const failures = await everyItem(store, row.id, 'failed');
  const report: JobReport = { status, durationMs: row.active_ms, failures };
  if (!status.dryRun) return report;
  const planned = (await everyItem(store, row.id))
    .filter((item) => item.writes?.some((write) => write.status === 'planned'))
    .map((item) => ({
      key: item.key,
      writes: (item.writes ?? []).filter((write) => write.status === 'planned'),
    }));
  return { ...report, planned };
}

/** Every item of the job (in one state), page by page. */
export async function everyItem(
  store: JobsStore,
  jobId: string,
  state?: JobItemReport['state'],
): Promise<JobItemReport[]> {
  const all: JobItemReport[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const rows = await store.items(jobId, { offset, limit: PAGE, ...(state ? { state } : {}) });
    all.push(...rows.map(itemReportOf));
    if (rows.length < PAGE) return all;
  }
}
