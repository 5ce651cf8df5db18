/**
 * The runs layer's public surface: the run service and its store, the summarizer and the slicer
 * behind `read_result`, the typed errors. The contract types are in ./types.ts.
 *
 * @example
 * import { createRunService, createSqliteRunsStore, openRunsDatabase } from './runs/index.ts';
 * const runs = createRunService({ sandbox, createSession, store: createSqliteRunsStore(openRunsDatabase(':memory:')) });
 */
export { createRunService, MAX_LIST_LIMIT } from './run-service.ts';
export type {
  ReplayableSession,
  RunServiceOptions,
  RunsLogger,
  SessionFactory,
} from './run-service.ts';
export { RunsError, isNotFound, type RunsErrorCode } from './errors.ts';
export * from './limits.ts';
export { summarizeJson, truncateString, type Summary } from './summarize.ts';
export { sliceJson, type SliceOptions } from './result-slice.ts';
export { formatJsonPath, parseJsonPath, resolveJsonPath, type PathSegment } from './json-path.ts';
export { capLogs, renderLogLine, type LogCapOptions } from './logs.ts';
export { IN_MEMORY, RUNS_DATABASE_FILE, openRunsDatabase } from './store/database.ts';
export { createSqliteRunsStore } from './store/sqlite-runs-store.ts';
export { createPostgresRunsStore, RUNS_MIGRATIONS } from './store/postgres-runs-store.ts';
export {
  DEFAULT_MAX_RUN_AGE_MS,
  DEFAULT_MAX_STORE_CHARS,
  DEFAULT_MAX_STORED_RUNS,
  DEFAULT_MAX_TRACE_CHARS,
  type NewRun,
  type RetentionOptions,
  type RunsStore,
  type RunsStoreOptions,
} from './store/runs-store.ts';
export type * from './types.ts';
