/** The readable forms of a job: its report, its status line, the list of jobs. */
import type { JobReport, JobStatus } from '../jobs/types.ts';
import { textTable } from './text-table.ts';

/**
 * @example
 * for (const line of renderJobReport(report)) writeLine(io.stdout, line);
 */
export function renderJobReport(report: JobReport): string[] {
  const { status } = report;
  const { counts, calls } = status;
  const lines = [
    `job ${status.jobId} ${status.state}${status.reason ? ` (${status.reason})` : ''}${status.dryRun ? ' [dry run]' : ''}`,
    `  items: ${counts.total} total, ${counts.done} done, ${counts.failed} failed, ${counts.skipped} skipped, ${counts.pending + counts.running} left`,
    `  duration: ${(report.durationMs / 1_000).toFixed(1)} s, ${status.itemsPerSecond} items/s`,
    `  confluence calls: ${calls.total} (${calls.reads} reads, ${calls.writes} writes), ${calls.retries} retries, ${calls.failed} failed`,
  ];
  if (status.rateLimited) {
    lines.push(`  rate limited until ${status.rateLimited.until}: ${status.rateLimited.reason}`);
  }
  if (report.failures.length > 0) lines.push(`  failed items:`);
  for (const item of report.failures) {
    const error = item.error;
    const where = error?.line === undefined ? '' : ` line ${error.line}:${error.column ?? 1}`;
    lines.push(
      `    ${item.key} (${item.attempts} attempt${item.attempts === 1 ? '' : 's'}) ${error?.phase ?? ''}${where} ${error?.code ?? ''}: ${error?.message ?? ''}`,
    );
  }
  if (report.planned && report.planned.length > 0) {
    lines.push(`  planned writes:`);
    for (const entry of report.planned) {
      lines.push(
        `    ${entry.key}: ${entry.writes.map((write) => `${write.operation} ${write.target}`).join('; ')}`,
      );
    }
  }
  return lines;
}

/**
 * @example
 * renderJobList(await jobs.list()); // ['JOB  STATE  DONE  FAILED  STARTED  FILE', 'relabel-q3  done  3/3  0  …']
 */
export function renderJobList(jobs: JobStatus[]): string[] {
  if (jobs.length === 0) {
    return ['no jobs yet (start one with `confluence-workbench job start <file>`)'];
  }
  const rows = jobs.map((job) => {
    const { counts } = job;
    return [
      job.jobId,
      job.state,
      `${counts.done + counts.failed + counts.skipped}/${counts.total}`,
      String(counts.failed),
      job.startedAt,
      job.file ?? '',
    ];
  });
  return textTable(['JOB', 'STATE', 'DONE', 'FAILED', 'STARTED', 'FILE'], rows);
}
