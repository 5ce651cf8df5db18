/**
 * The live progress of `job start` and `job resume` on stderr: a bar (cli-progress: well kept,
 * ETA and rendering handled) with done, failed, items/s and ETA on a terminal, plain lines every
 * two seconds when stderr is a file or a pipe.
 */
import type { Writable } from 'node:stream';
import { SingleBar } from 'cli-progress';
import type { JobEvent, JobService, JobStatus } from '../jobs/types.ts';
import { writeLine } from './io.ts';

const FORMAT =
  'job {jobId} [{bar}] {value}/{total} | {failed} failed | {rate} items/s | ETA {eta_formatted}{note}';

export interface JobProgress {
  stop(): void;
}

/**
 * @example
 * const progress = showJobProgress(jobs, jobId, io.stderr); await jobs.wait(jobId); progress.stop();
 */
export function showJobProgress(
  jobs: JobService,
  status: JobStatus,
  stream: Writable,
): JobProgress {
  const bar = new SingleBar({
    format: FORMAT,
    stream,
    noTTYOutput: true,
    notTTYSchedule: 2_000,
    etaBuffer: 50,
    hideCursor: false,
    clearOnComplete: false,
  });
  let last = status;
  bar.start(status.counts.total, finishedOf(status), payloadOf(status));
  const unsubscribe = jobs.subscribe(status.jobId, (event: JobEvent) => {
    if (event.type === 'progress') {
      last = event.status;
      bar.setTotal(event.status.counts.total);
      bar.update(finishedOf(event.status), payloadOf(event.status));
    } else if (event.type === 'item-failed') {
      const error = event.item.error;
      const where = error?.line === undefined ? '' : ` (line ${error.line})`;
      bar.stop();
      writeLine(stream, `  item ${event.item.key} failed${where}: ${error?.message ?? 'unknown'}`);
      bar.start(last.counts.total, finishedOf(last), payloadOf(last));
    }
  });
  return {
    stop() {
      unsubscribe();
      bar.stop();
    },
  };
}

function finishedOf(status: JobStatus): number {
  return status.counts.done + status.counts.failed + status.counts.skipped;
}

function payloadOf(status: JobStatus) {
  const note = status.rateLimited
    ? ` | rate limited until ${status.rateLimited.until}`
    : status.state === 'pausing'
      ? ' | pausing (items in flight finish)'
      : '';
  return {
    jobId: status.jobId,
    failed: status.counts.failed,
    rate: status.itemsPerSecond.toFixed(1),
    note,
  };
}
