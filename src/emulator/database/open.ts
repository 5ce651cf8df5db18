/**
 * Opens the emulator's SQLite database through Node's built-in `node:sqlite` and gives the stores
 * two shared helpers: nested transactions and a prepared-statement cache.
 */
import { DatabaseSync, type StatementSync } from 'node:sqlite';

/** `:memory:` keeps everything in the process; any other value is a file path. */
export const IN_MEMORY = ':memory:';

/**
 * @example const db = openDatabase(':memory:');
 */
export function openDatabase(location: string = IN_MEMORY): DatabaseSync {
  const db = new DatabaseSync(location);
  // WAL lets a reader (e.g. a second CLI process) look at a file database while the emulator writes.
  if (location !== IN_MEMORY) db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON');
  return db;
}

const savepointDepth = new WeakMap<DatabaseSync, number>();

/**
 * Runs `work` atomically. Nested calls become savepoints, so a store may call another store's
 * transactional method from inside its own transaction.
 * @example transaction(db, () => { insertPage(); insertVersion(); });
 */
export function transaction<T>(db: DatabaseSync, work: () => T): T {
  const depth = savepointDepth.get(db) ?? 0;
  const name = `emulator_${depth}`;
  db.exec(`SAVEPOINT ${name}`);
  savepointDepth.set(db, depth + 1);
  try {
    const result = work();
    db.exec(`RELEASE ${name}`);
    return result;
  } catch (error) {
    db.exec(`ROLLBACK TO ${name}; RELEASE ${name}`);
    throw error;
  } finally {
    savepointDepth.set(db, depth);
  }
}

/** A cache of prepared statements keyed by their SQL, for the few queries built from filters. */
export type StatementCache = (sql: string) => StatementSync;

/**
 * @example const prepare = statementCache(db); prepare('SELECT 1').get();
 */
export function statementCache(db: DatabaseSync): StatementCache {
  const cache = new Map<string, StatementSync>();
  return function prepare(sql: string): StatementSync {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
}
