/**
 * The row mapping both runs stores share (SQLite and PostgreSQL keep the same columns): a finished
 * run to the row that is saved, and a row back to the StoredRun every surface reads. Only the SQL
 * differs between the two; what a column holds, and how retention counts a run's size, is here.
 */
import type { LogEntry } from '../../../sandbox/types.ts';
import type { CallRecord, SessionMode } from '../../confluence/types.ts';
import type { RunEnvelope, StoredRun, StoredRunSummary } from '../types.ts';
import type { ResultRow } from './result-table.ts';
import type { RunRow, RunSummaryRow } from './run-table.ts';
import type { NewRun, RunOptions } from './runs-store.ts';
import { limitTrace } from './trace.ts';

/**
 * @example
 * const row = toRunRow(run, DEFAULT_MAX_TRACE_CHARS); // row.bytes counts code, JSON and result
 */
export function toRunRow(run: NewRun, maxTraceChars: number): RunRow {
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

/** The `results` row of a run that has a stored result. */
export function toResultRow(run: NewRun): ResultRow | undefined {
  if (!run.result) return undefined;
  return {
    ref: run.result.ref,
    run_id: run.runId,
    created_at: run.createdAt,
    chars: run.result.json.length,
    value: run.result.json,
  };
}

export function fromRunRow(row: RunRow): StoredRun {
  const envelope = JSON.parse(row.envelope) as RunEnvelope;
  return {
    ...fromSummaryRow(row),
    code: row.code,
    ...(row.params === null ? {} : { params: JSON.parse(row.params) as unknown }),
    ...(JSON.parse(row.options) as RunOptions),
    envelope,
    logs: JSON.parse(row.logs) as LogEntry[],
    trace: JSON.parse(row.calls) as CallRecord[],
    traceComplete: Number(row.calls_complete) === 1,
  };
}

/** BIGINT columns come back from PostgreSQL as strings: every number goes through Number(). */
export function fromSummaryRow(row: RunSummaryRow): StoredRunSummary {
  return {
    runId: row.id,
    status: row.status as StoredRunSummary['status'],
    ...(row.source === null ? {} : { source: row.source }),
    mode: row.mode as SessionMode,
    createdAt: new Date(Number(row.created_at)).toISOString(),
    durationMs: Number(row.duration_ms),
    calls: JSON.parse(row.call_summary) as StoredRunSummary['calls'],
    ...(row.error_phase === null
      ? {}
      : { errorPhase: row.error_phase as StoredRunSummary['errorPhase'] }),
    ...(row.replay_of === null ? {} : { replayOf: row.replay_of }),
    ...(row.client === null || row.client === undefined ? {} : { client: row.client }),
  };
}
