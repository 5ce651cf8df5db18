/**
 * The runs store: saves finished runs with their full results, reads them back, and keeps itself
 * bounded by retention (count, age and size; the constants below). The only module the run
 * service talks to for storage; the SQL lives in ./run-table.ts and ./result-table.ts.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { LogEntry } from '../../../sandbox/types.ts';
import type { CallRecord, SessionMode } from '../../confluence/types.ts';
import type { RunEnvelope, StoredRun, StoredRunSummary } from '../types.ts';
import { transaction } from './database.ts';
import { RESULTS_SCHEMA, type ResultRow, resultStatements } from './result-table.ts';
import {
  migrateRunsTable,
  RUNS_SCHEMA,
  type RunRow,
  type RunSummaryRow,
  runStatements,
} from './run-table.ts';
import { limitTrace } from './trace.ts';

/** Runs kept at most; the oldest go first. */
/** What the caller asked of a run, kept so that a replay asks the same. */
export interface RunOptions {
  timeoutMs?: number;
  resultBudget?: number;
  cpuTimeMs?: number;
  maxHostCalls?: number;
}

export const DEFAULT_MAX_STORED_RUNS = 1_000;
/** Runs older than this are removed: 30 days. */
export const DEFAULT_MAX_RUN_AGE_MS = 30 * 24 * 60 * 60 * 1_000;
/** Characters of JSON and code kept in all (about 1 GB); the oldest runs go first. */
export const DEFAULT_MAX_STORE_CHARS = 1_000_000_000;
/** Characters of one run's call trace; responses past it are dropped (recorded replay then stops there). */
export const DEFAULT_MAX_TRACE_CHARS = 16_000_000;

export interface RetentionOptions {
  maxRuns: number;
  maxAgeMs: number;
  maxStoreChars: number;
}

export interface RunsStoreOptions {
  /** Epoch milliseconds (default `Date.now`). */
  now?: () => number;
  retention?: Partial<RetentionOptions>;
  maxTraceChars?: number;
}

/** What the run service saves when a run ends. */
export interface NewRun {
  runId: string;
  /** Epoch milliseconds when the run started. */
  createdAt: number;
  source?: string;
  mode: SessionMode;
  code: string;
  params?: unknown;
  /** The caller's own limits, kept so that a replay runs under the same ones. */
  options?: RunOptions;
  envelope: RunEnvelope;
  logs: LogEntry[];
  calls: CallRecord[];
  replayOf?: string;
  /** The full result as JSON text, under its ref. */
  result?: { ref: string; json: string };
  /** The client (tenant) the run belongs to; absent: the CLI's, seen by admins only. */
  client?: string;
}

export interface RunsStore {
  /** Saves a run (and its result) in one transaction, then applies retention. */
  save(run: NewRun): void;
  get(runId: string): StoredRun | undefined;
  /** Newest first; with `client`, only that client's runs. */
  list(options?: { limit?: number; status?: 'ok' | 'error'; client?: string }): StoredRunSummary[];
  /**
   * The full result's JSON text, or undefined when unknown or removed, or when `client` is given
   * and the result's run is not that client's.
   */
  readResult(resultRef: string, client?: string): string | undefined;
  /** Applies retention now; returns how many runs were removed. */
  prune(): number;
}

/** Listings return at most this many runs when no limit is given. */
export const DEFAULT_LIST_LIMIT = 50;

/**
 * @example
 * const store = createRunsStore(openRunsDatabase(':memory:'), { retention: { maxRuns: 100 } });
 * store.save({ runId, createdAt: Date.now(), mode: 'live', code, envelope, logs: [], calls: [] });
 */
export function createRunsStore(db: DatabaseSync, options: RunsStoreOptions = {}): RunsStore {
  db.exec(RUNS_SCHEMA);
  migrateRunsTable(db);
  db.exec(RESULTS_SCHEMA);
  const runs = runStatements(db);
  const results = resultStatements(db);
  const now = options.now ?? Date.now;
  const retention: RetentionOptions = {
    maxRuns: options.retention?.maxRuns ?? DEFAULT_MAX_STORED_RUNS,
    maxAgeMs: options.retention?.maxAgeMs ?? DEFAULT_MAX_RUN_AGE_MS,
    maxStoreChars: options.retention?.maxStoreChars ?? DEFAULT_MAX_STORE_CHARS,
  };
  const maxTraceChars = options.maxTraceChars ?? DEFAULT_MAX_TRACE_CHARS;

  const prune = (): number => {
    let removed = 0;
    removed += Number(runs.deleteOlderThan.run(now() - retention.maxAgeMs).changes);
    removed += Number(runs.deleteBeyondCount.run(retention.maxRuns).changes);
    removed += Number(runs.deleteBeyondBytes.run(retention.maxStoreChars).changes);
    return removed;
  };

  return {
    save(run) {
      const row = toRow(run, maxTraceChars);
      transaction(db, () => {
        runs.insert.run({ ...row });
        if (run.result) {
          const resultRow: ResultRow = {
            ref: run.result.ref,
            run_id: run.runId,
            created_at: run.createdAt,
            chars: run.result.json.length,
            value: run.result.json,
          };
          results.insert.run({ ...resultRow });
        }
        prune();
      });
    },
    get(runId) {
      const row = runs.get.get(runId) as RunRow | undefined;
      return row ? fromRow(row) : undefined;
    },
    list(listOptions = {}) {
      const limit = listOptions.limit ?? DEFAULT_LIST_LIMIT;
      const rows = runs.list.all({
        status: listOptions.status ?? null,
        client: listOptions.client ?? null,
        limit,
      }) as unknown as RunSummaryRow[];
      return rows.map(fromSummaryRow);
    },
    readResult(resultRef, client) {
      const row = results.getOwned.get({ ref: resultRef, client: client ?? null }) as
        Pick<ResultRow, 'value'> | undefined;
      return row?.value;
    },
    prune: () => transaction(db, prune),
  };
}

function toRow(run: NewRun, maxTraceChars: number): RunRow {
  const trace = limitTrace(run.calls, maxTraceChars);
  const row: RunRow = {
    id: run.runId,
    created_at: run.createdAt,
    source: run.source ?? null,
    mode: run.mode,
    status: run.envelope.status,
    error_phase: run.envelope.error?.phase ?? null,
    duration_ms: Math.round(run.envelope.durationMs),
    replay_of: run.replayOf ?? null,
    code: run.code,
    params: run.params === undefined ? null : (JSON.stringify(run.params) ?? null),
    options: JSON.stringify(run.options ?? {}),
    envelope: JSON.stringify(run.envelope),
    call_summary: JSON.stringify(run.envelope.calls),
    logs: JSON.stringify(run.logs),
    calls: trace.json,
    calls_complete: trace.complete ? 1 : 0,
    bytes: 0,
    client: run.client ?? null,
  };
  row.bytes =
    row.code.length +
    (row.params?.length ?? 0) +
    row.envelope.length +
    row.logs.length +
    row.calls.length +
    (run.result?.json.length ?? 0);
  return row;
}

function fromRow(row: RunRow): StoredRun {
  const envelope = JSON.parse(row.envelope) as RunEnvelope;
  return {
    ...fromSummaryRow(row),
    code: row.code,
    ...(row.params === null ? {} : { params: JSON.parse(row.params) as unknown }),
    ...(JSON.parse(row.options) as RunOptions),
    envelope,
    logs: JSON.parse(row.logs) as LogEntry[],
    trace: JSON.parse(row.calls) as CallRecord[],
    traceComplete: row.calls_complete === 1,
  };
}

function fromSummaryRow(row: RunSummaryRow): StoredRunSummary {
  return {
    runId: row.id,
    status: row.status as StoredRunSummary['status'],
    ...(row.source === null ? {} : { source: row.source }),
    mode: row.mode as SessionMode,
    createdAt: new Date(row.created_at).toISOString(),
    durationMs: row.duration_ms,
    calls: JSON.parse(row.call_summary) as StoredRunSummary['calls'],
    ...(row.error_phase === null
      ? {}
      : { errorPhase: row.error_phase as StoredRunSummary['errorPhase'] }),
    ...(row.replay_of === null ? {} : { replayOf: row.replay_of }),
    ...(row.client === null || row.client === undefined ? {} : { client: row.client }),
  };
}
