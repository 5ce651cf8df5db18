/**
 * The `results` table: each run's full return value by its `resultRef`, for `readResult`. Rows
 * go with their run (ON DELETE CASCADE), so retention of runs bounds results too.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';

export const RESULTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS results (
  ref TEXT PRIMARY KEY,
  run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  chars INTEGER NOT NULL,
  value TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS results_run_id ON results (run_id);
`;

export interface ResultRow {
  ref: string;
  run_id: string;
  created_at: number; // ms since epoch
  chars: number; // length of value
  value: string; // the full result as JSON text
}

export interface ResultStatements {
  insert: StatementSync;
  get: StatementSync;
  /** The value only if its run was made by `:client` (or `:client` is NULL: anyone's). */
  getOwned: StatementSync;
}

/**
 * @example
 * const row = resultStatements(db).get.get(ref) as ResultRow | undefined;
 */
export function resultStatements(db: DatabaseSync): ResultStatements {
  return {
    insert: db.prepare(
      'INSERT INTO results (ref, run_id, created_at, chars, value) VALUES (:ref, :run_id, :created_at, :chars, :value)',
    ),
    get: db.prepare('SELECT * FROM results WHERE ref = ?'),
    getOwned: db.prepare(
      `SELECT results.value FROM results JOIN runs ON runs.id = results.run_id
       WHERE results.ref = :ref AND (:client IS NULL OR runs.client = :client)`,
    ),
  };
}
