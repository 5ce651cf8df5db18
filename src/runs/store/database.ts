/**
 * Opens the runs database through Node's built-in `node:sqlite`. A file lives in the data dir
 * (WAL, so `runs list` in one process can read while `serve` writes in another); `:memory:` is
 * for tests. Data access stays behind the store modules beside this file, so that a shared
 * PostgreSQL can take their place (DESIGN.md, "Storage").
 */
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { ensureDirectory } from '../../data-dir.ts';

export const IN_MEMORY = ':memory:';
/** The runs database's file name inside WORKBENCH_DATA_DIR. */
export const RUNS_DATABASE_FILE = 'runs.sqlite';
/** How long a writer waits for another process's lock before failing. */
export const BUSY_TIMEOUT_MS = 5_000;

/**
 * @example
 * const db = openRunsDatabase(path.join(config.dataDir, RUNS_DATABASE_FILE));
 */
export function openRunsDatabase(location: string): DatabaseSync {
  if (location !== IN_MEMORY) ensureDirectory(path.dirname(location));
  const db = new DatabaseSync(location);
  if (location !== IN_MEMORY) db.exec('PRAGMA journal_mode = WAL');
  db.exec(
    `PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}; PRAGMA foreign_keys = ON`,
  );
  return db;
}

/**
 * Runs `work` in one transaction (IMMEDIATE: the write lock is taken up front, so two processes
 * saving runs at once wait on busy_timeout instead of failing on lock upgrade).
 *
 * @example
 * transaction(db, () => { runs.insert(row); results.insert(result); });
 */
export function transaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}
