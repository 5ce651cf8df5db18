/**
 * The jobs layer as the composition root (src/workbench.ts) and the CLI build it: the store (the
 * shared PostgreSQL when there is one, else the SQLite file in the data dir) and the service over
 * the workbench's sandbox and sessions.
 */
import type { Sandbox } from '../../sandbox/types.ts';
import { OPERATIONS } from '../confluence/operations/index.ts';
import type { RunSession, SessionMode } from '../confluence/types.ts';
import { openRunsDatabase } from '../runs/store/database.ts';
import type { SharedDatabase } from '../storage/shared-database.ts';
import { callDescriber } from './engine/describe-call.ts';
import { createJobService } from './engine/job-service.ts';
import { createPostgresJobsStore } from './store/postgres-jobs-store.ts';
import { createSqliteJobsStore } from './store/sqlite-jobs-store.ts';
import type { JobsStore } from './store/jobs-store.ts';
import type { JobService } from './types.ts';

export interface JobsOfOptions {
  /** The SQLite file (created with its folder) or `:memory:`; unused with `shared`. */
  database: string;
  /** The database instances share (WORKBENCH_DATABASE_URL): jobs live there, worked by all. */
  shared?: SharedDatabase | null | undefined;
  /** What runs items; without it the service only reads and requests (`job status`, `job pause`). */
  execution?: { sandbox: Pick<Sandbox, 'run'>; createSession: (mode: SessionMode) => RunSession };
  maxItemTimeoutMs: number;
  now?: () => number;
}

/**
 * @example
 * const jobs = await createJobsOf({ database: 'jobs.sqlite', execution: { sandbox, createSession }, maxItemTimeoutMs: 120_000 });
 * await jobs.service.start({ code, items }); await jobs.service.close(); await jobs.close();
 */
export async function createJobsOf(options: JobsOfOptions): Promise<{
  service: JobService;
  store: JobsStore;
  close(): Promise<void>;
}> {
  const store = options.shared
    ? await createPostgresJobsStore(options.shared.pool)
    : createSqliteJobsStore(openRunsDatabase(options.database));
  const service = createJobService({
    store,
    shared: Boolean(options.shared),
    ...(options.execution ? { execution: options.execution } : {}),
    describe: callDescriber(OPERATIONS),
    maxItemTimeoutMs: options.maxItemTimeoutMs,
    ...(options.now ? { now: options.now } : {}),
  });
  return { service, store, close: () => store.close() };
}
