/** Readable renderings of stored runs: the `runs list` table and the `runs show` report. */
import type { StoredRun, StoredRunSummary } from '../runs/types.ts';
import { renderEnvelope } from './render-envelope.ts';
import { textTable } from './text-table.ts';

/**
 * One row per run, newest first, columns aligned.
 *
 * @example
 * renderRunList(await runs.listRuns({ limit: 20 })).forEach((line) => console.log(line));
 */
export function renderRunList(runs: StoredRunSummary[]): string[] {
  if (runs.length === 0)
    return ['no runs stored yet (confluence-workbench run <file.ts> makes one)'];
  const header = ['RUN', 'CREATED', 'STATUS', 'MODE', 'SOURCE', 'MS', 'CALLS', 'NOTE'];
  const rows = runs.map((run) => [
    run.runId,
    run.createdAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
    run.status,
    run.mode ?? '',
    run.source ?? '',
    String(run.durationMs),
    `${run.calls.total} (${run.calls.writes}w)`,
    [
      run.errorPhase ? `${run.errorPhase} error` : '',
      run.replayOf ? `replay of ${run.replayOf}` : '',
      run.client ? `client ${run.client}` : '',
    ]
      .filter(Boolean)
      .join(', '),
  ]);
  return textTable(header, rows);
}

/**
 * Everything about one run: what ran, how it ended, each call, the whole console output.
 *
 * @example
 * console.log(renderStoredRun(await runs.getRun(runId)).join('\n'));
 */
export function renderStoredRun(run: StoredRun): string[] {
  const envelope = renderEnvelope(run.envelope, { allWrites: true });
  const lines = [
    `run ${run.runId} · ${run.createdAt} · source ${run.source ?? 'unknown'}${run.client ? ` · client ${run.client}` : ''}`,
    ...envelope.stderr,
    '',
    '── code',
    ...run.code.split('\n').map((line, index) => `${String(index + 1).padStart(4)}  ${line}`),
  ];
  if (run.params !== undefined) lines.push('', '── params', JSON.stringify(run.params, null, 2));
  lines.push(
    '',
    `── calls (${run.trace.length}${run.traceComplete ? '' : ', later responses not kept'})`,
  );
  for (const call of run.trace) {
    const status = call.error ? `${call.status} ${call.error.code}` : call.status;
    lines.push(
      `  #${call.index} ${call.operation} ${JSON.stringify(call.args)} → ${status} in ${call.durationMs} ms`,
    );
  }
  lines.push(
    '',
    `── logs (${run.logs.length})`,
    ...run.logs.map((entry) => `  ${entry.level.padEnd(5)} ${entry.message}`),
  );
  if (envelope.stdout)
    lines.push('', '── result (as returned, summarized)', envelope.stdout.trimEnd());
  return lines;
}
