/**
 * The jobs layer as the composition root (src/workbench.ts) builds it: the SQLite store in the
 * data dir and the service over the workbench's sandbox and sessions.
 */
import type { Sandbox } from '../../sandbox/types.ts';
import { OPERATIONS } from '../confluence/operations/index.ts';
import type { RunSession, SessionMode } from '../confluence/types.ts';
import { openRunsDatabase } from '../runs/store/database.ts';
import { callDescriber } from './engine/describe-call.ts';
import { createJobService } from './engine/job-service.ts';
import { createSqliteJobsStore } from './store/sqlite-jobs-store.ts';
import type { JobsStore } from './store/jobs-store.ts';
import type { JobService } from './types.ts';

export interface JobsOfOptions {
  /** A file (created with its folder) or `:memory:`. */
  database: string;
  /** What runs items; without it the service only reads and requests (`job status`, `job pause`). */
  execution?: { sandbox: Pick<Sandbox, 'run'>; createSession: (mode: SessionMode) => RunSession };
  maxItemTimeoutMs: number;
  now?: () => number;
}

/**
 * @example
 * const jobs = createJobsOf({ database: 'jobs.sqlite', execution: { sandbox, createSession }, maxItemTimeoutMs: 120_000 });
 * await jobs.service.start({ code, items }); await jobs.service.close(); jobs.close();
 */
export function createJobsOf(options: JobsOfOptions): {
  service: JobService;
  store: JobsStore;
  close(): void;
} {
  const store = createSqliteJobsStore(openRunsDatabase(options.database));
  const service = createJobService({
    store,
    ...(options.execution ? { execution: options.execution } : {}),
    describe: callDescriber(OPERATIONS),
    maxItemTimeoutMs: options.maxItemTimeoutMs,
    ...(options.now ? { now: options.now } : {}),
  });
  return { service, store, close: () => store.close() };
}
