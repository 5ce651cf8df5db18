/**
 * The `runs` table: one row per finished run, with everything needed to show it, page its
 * result and replay it (code, params, envelope, full logs and the call ledger with responses).
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';

export const RUNS_SCHEMA = `
CREATE TABLE IF NOT EXISTS runs (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  source TEXT,
  mode TEXT NOT NULL,
  status TEXT NOT NULL,
  error_phase TEXT,
  duration_ms INTEGER NOT NULL,
  replay_of TEXT,
  code TEXT NOT NULL,
  params TEXT,
  options TEXT NOT NULL,
  envelope TEXT NOT NULL,
  call_summary TEXT NOT NULL,
  logs TEXT NOT NULL,
  calls TEXT NOT NULL,
  calls_complete INTEGER NOT NULL,
  bytes INTEGER NOT NULL,
  client TEXT
);
CREATE INDEX IF NOT EXISTS runs_created_at ON runs (created_at);
CREATE INDEX IF NOT EXISTS runs_status ON runs (status, seq);
`;

export interface RunRow {
  seq?: number;
  id: string;
  created_at: number; // ms since epoch, when the run started
  source: string | null; // mcp, mcp-stdio, rest, cli, replay
  mode: string; // live | dry-run | recorded
  status: string; // ok | error
  error_phase: string | null;
  duration_ms: number;
  replay_of: string | null; // the run this one replays
  code: string; // the TypeScript as submitted
  params: string | null; // JSON; NULL when the run had none
  options: string; // JSON RunOptions (timeoutMs, resultBudget, cpuTimeMs, maxHostCalls) as asked, for replays
  envelope: string; // JSON RunEnvelope, as returned
  call_summary: string; // JSON CallSummary (the envelope's calls), for listings
  logs: string; // JSON LogEntry[], the whole console output the sandbox kept
  calls: string; // JSON CallRecord[], the session ledger with responses
  calls_complete: number; // 1, or 0 when responses past the trace cap were dropped
  bytes: number; // characters stored for this run and its result (retention by size)
  client: string | null; // the client (tenant) that made it; NULL: the CLI, or before tenants
}

/** The columns of a listing (everything but the large ones). */
export type RunSummaryRow = Pick<
  RunRow,
  | 'id'
  | 'created_at'
  | 'source'
  | 'mode'
  | 'status'
  | 'error_phase'
  | 'duration_ms'
  | 'replay_of'
  | 'call_summary'
  | 'client'
>;

const SUMMARY_COLUMNS =
  'id, created_at, source, mode, status, error_phase, duration_ms, replay_of, call_summary, client';

export interface RunStatements {
  insert: StatementSync;
  get: StatementSync;
  list: StatementSync;
  deleteOlderThan: StatementSync;
  deleteBeyondCount: StatementSync;
  deleteBeyondBytes: StatementSync;
}

/**
 * @example
 * const statements = runStatements(db);
 * statements.get.get(runId) as RunRow | undefined;
 */
export function runStatements(db: DatabaseSync): RunStatements {
  return {
    insert: db.prepare(
      `INSERT INTO runs (id, created_at, source, mode, status, error_phase, duration_ms, replay_of,
         code, params, options, envelope, call_summary, logs, calls, calls_complete, bytes, client)
       VALUES (:id, :created_at, :source, :mode, :status, :error_phase, :duration_ms, :replay_of,
         :code, :params, :options, :envelope, :call_summary, :logs, :calls, :calls_complete, :bytes,
         :client)`,
    ),
    get: db.prepare('SELECT * FROM runs WHERE id = ?'),
    // NULL filters mean "any": one statement for every combination of status and client.
    list: db.prepare(
      `SELECT ${SUMMARY_COLUMNS} FROM runs
       WHERE (:status IS NULL OR status = :status) AND (:client IS NULL OR client = :client)
       ORDER BY seq DESC LIMIT :limit`,
    ),
    deleteOlderThan: db.prepare('DELETE FROM runs WHERE created_at < ?'),
    deleteBeyondCount: db.prepare(
      'DELETE FROM runs WHERE seq IN (SELECT seq FROM runs ORDER BY seq DESC LIMIT -1 OFFSET ?)',
    ),
    // The newest runs are kept while their running total of bytes stays within the limit; the
    // newest of all is always kept, so a run's resultRef is valid when its envelope goes out.
    deleteBeyondBytes: db.prepare(
      `DELETE FROM runs WHERE seq IN (
         SELECT seq FROM (SELECT seq, SUM(bytes) OVER (ORDER BY seq DESC) AS running FROM runs)
         WHERE running > ? AND seq <> (SELECT MAX(seq) FROM runs))`,
    ),
  };
}

/**
 * Databases made before tenants have no `client` column: add it (their runs stay unowned, seen by
 * admins only), then the index that listings by client use.
 *
 * @example
 * db.exec(RUNS_SCHEMA);
 * migrateRunsTable(db);
 */
export function migrateRunsTable(db: DatabaseSync): void {
  const columns = db.prepare('PRAGMA table_info(runs)').all() as Array<{ name: string }>;
  if (!columns.some((column) => column.name === 'client')) {
    db.exec('ALTER TABLE runs ADD COLUMN client TEXT');
  }
  db.exec('CREATE INDEX IF NOT EXISTS runs_client ON runs (client, seq)');
}
