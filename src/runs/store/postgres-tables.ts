/**
 * The runs store's tables in PostgreSQL: the same columns as the SQLite ones (./run-table.ts,
 * ./result-table.ts), so one row mapping (./run-rows.ts) serves both, and the statements the
 * PostgreSQL store runs. JSON stays TEXT, as in SQLite: size retention counts characters, and a
 * value reads back byte for byte as it was saved.
 *
 * Migrations only grow (src/storage/postgres/migrations.ts): add a version, never edit one.
 */
import type { Migration } from '../../storage/postgres/migrations.ts';

export const RUNS_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'runs and results',
    sql: `
CREATE TABLE runs (
  seq BIGSERIAL PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  source TEXT,
  mode TEXT NOT NULL,
  status TEXT NOT NULL,
  error_phase TEXT,
  duration_ms BIGINT NOT NULL,
  replay_of TEXT,
  code TEXT NOT NULL,
  params TEXT,
  options TEXT NOT NULL,
  envelope TEXT NOT NULL,
  call_summary TEXT NOT NULL,
  logs TEXT NOT NULL,
  calls TEXT NOT NULL,
  calls_complete SMALLINT NOT NULL,
  bytes BIGINT NOT NULL,
  client TEXT
);
CREATE INDEX runs_created_at ON runs (created_at);
CREATE INDEX runs_status ON runs (status, seq);
CREATE INDEX runs_client ON runs (client, seq);
CREATE TABLE results (
  ref TEXT PRIMARY KEY,
  run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  chars BIGINT NOT NULL,
  value TEXT NOT NULL
);
CREATE INDEX results_run_id ON results (run_id);
`,
  },
];

const RUN_COLUMNS = [
  'id',
  'created_at',
  'source',
  'mode',
  'status',
  'error_phase',
  'duration_ms',
  'replay_of',
  'code',
  'params',
  'options',
  'envelope',
  'call_summary',
  'logs',
  'calls',
  'calls_complete',
  'bytes',
  'client',
] as const;

const SUMMARY_COLUMNS =
  'id, created_at, source, mode, status, error_phase, duration_ms, replay_of, call_summary, client';

/** Parameterized SQL of the PostgreSQL runs store; `$n` in the order the comment gives. */
export const RUNS_SQL = {
  /** The run's columns, in RUN_COLUMNS order. */
  insertRun: `INSERT INTO runs (${RUN_COLUMNS.join(', ')})
    VALUES (${RUN_COLUMNS.map((_, index) => `$${index + 1}`).join(', ')})`,
  /** $1 ref, $2 run_id, $3 created_at, $4 chars, $5 value. */
  insertResult:
    'INSERT INTO results (ref, run_id, created_at, chars, value) VALUES ($1, $2, $3, $4, $5)',
  /** $1 run id. */
  getRun: 'SELECT * FROM runs WHERE id = $1',
  /** $1 status or NULL, $2 client or NULL (NULL: any), $3 limit. */
  list: `SELECT ${SUMMARY_COLUMNS} FROM runs
    WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR client = $2)
    ORDER BY seq DESC LIMIT $3`,
  /** $1 ref, $2 client or NULL (NULL: anyone's). */
  getOwnedResult: `SELECT results.value FROM results JOIN runs ON runs.id = results.run_id
    WHERE results.ref = $1 AND ($2::text IS NULL OR runs.client = $2)`,
  /** $1 epoch ms: runs created before it go. */
  deleteOlderThan: 'DELETE FROM runs WHERE created_at < $1',
  /** $1 how many of the newest runs stay. */
  deleteBeyondCount:
    'DELETE FROM runs WHERE seq IN (SELECT seq FROM runs ORDER BY seq DESC OFFSET $1)',
  // As in SQLite: the newest runs are kept while their running total of bytes stays within $1; the
  // newest of all is always kept, so a run's resultRef is valid when its envelope goes out.
  deleteBeyondBytes: `DELETE FROM runs WHERE seq IN (
    SELECT seq FROM (SELECT seq, SUM(bytes) OVER (ORDER BY seq DESC) AS running FROM runs) AS ranked
    WHERE running > $1 AND seq <> (SELECT MAX(seq) FROM runs))`,
};

/** The insert's parameters for one row. */
export function runParameters(row: Record<(typeof RUN_COLUMNS)[number], unknown>): unknown[] {
  return RUN_COLUMNS.map((column) => row[column]);
}
