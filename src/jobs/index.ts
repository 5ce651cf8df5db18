/**
 * Durable batch jobs: the service the CLI, REST and MCP surfaces call, and the store behind it.
 *
 * @example
 * const jobs = createJobService({ store: createSqliteJobsStore(openRunsDatabase(file)), sandbox, createSession, describe, maxItemTimeoutMs });
 */
export { createJobService, type JobServiceOptions } from './engine/job-service.ts';
export { everyItem } from './engine/report.ts';
export { JobsError, type JobsErrorCode } from './errors.ts';
export type { JobsStore } from './store/jobs-store.ts';
export { createPostgresJobsStore } from './store/postgres-jobs-store.ts';
export { createSqliteJobsStore, JOBS_DATABASE_FILE } from './store/sqlite-jobs-store.ts';
export type * from './types.ts';
export { TERMINAL_JOB_STATES } from './types.ts';
