/**
 * The readable rendering of a run envelope for a terminal: the result on stdout (pretty JSON, so
 * it pipes into jq), everything about the run on stderr (status, calls, writes, error with its
 * position and hint, truncation and how to read the rest).
 */
import type { WriteRecord } from '../confluence/types.ts';
import type { RunEnvelope } from '../runs/types.ts';
import { resultCommand } from './result-hint.ts';

export interface RenderedEnvelope {
  /** The result, pretty-printed; empty when there is none. */
  stdout: string;
  /** Lines about the run. */
  stderr: string[];
}

/**
 * @example
 * const { stdout, stderr } = renderEnvelope(envelope);
 */
export function renderEnvelope(
  envelope: RunEnvelope,
  options: { logs?: boolean; allWrites?: boolean } = {},
): RenderedEnvelope {
  const lines: string[] = [];
  if (options.logs) lines.push(...envelope.logs.map((line) => `  │ ${line}`));
  lines.push(statusLine(envelope));
  lines.push(...writeLines(envelope, options.allWrites === true));
  if (envelope.withheld) {
    lines.push(`  withheld ${envelope.withheld.count} item(s) ${envelope.withheld.reason}`);
  }
  if (envelope.error) lines.push(...errorLines(envelope));
  // The divergence is usually the error too (REPLAY_DIVERGED): say it once.
  const divergence = envelope.divergence?.message;
  if (divergence && !envelope.error?.message.includes(divergence)) lines.push(`  ${divergence}`);
  for (const warning of envelope.warnings ?? []) lines.push(`  warning: ${warning}`);
  if (envelope.truncated) {
    lines.push(
      envelope.resultRef
        ? `  result summarized to fit; read on from the first cut: ${resultCommand(envelope.resultRef, envelope.result)}`
        : '  result summarized to fit; the whole value was not stored',
    );
  }
  const stdout =
    envelope.result === undefined ? '' : `${JSON.stringify(envelope.result, null, 2)}\n`;
  return { stdout, stderr: lines };
}

/** Writes listed one a line up to this many; past it, a summary (and the failed ones). */
export const MAX_WRITE_LINES = 5;

/**
 * One line per write, or, past {@link MAX_WRITE_LINES}, "12 writes: 8 pages.update, 4 labels.add
 * (10 applied, 2 failed)" then each failed write, since those are the ones to act on.
 */
function writeLines(envelope: RunEnvelope, all: boolean): string[] {
  const line = (write: WriteRecord) =>
    `  ${write.status.padEnd(7)} ${write.operation} → ${write.target}`;
  const { writes } = envelope;
  if (all || writes.length <= MAX_WRITE_LINES) return writes.map(line);
  const failed = writes.filter((write) => write.status === 'failed');
  return [
    `  ${writes.length} writes: ${tally(writes.map((write) => write.operation))} (${tally(writes.map((write) => write.status))})`,
    ...failed.map(line),
    `  every write: confluence-workbench runs show ${envelope.runId}`,
  ];
}

/** "8 pages.update, 4 labels.add": counts, most frequent first. */
function tally(names: string[]): string {
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([name, count]) => `${count} ${name}`)
    .join(', ');
}

function statusLine(envelope: RunEnvelope): string {
  const mark = envelope.status === 'ok' ? '✓' : '✗';
  const { calls } = envelope;
  const figures = `${calls.total} call${calls.total === 1 ? '' : 's'} (${calls.reads} read, ${calls.writes} write, ${calls.failed} failed, ${calls.retries} retried)`;
  const replay = envelope.replayOf ? ` · replay of ${envelope.replayOf}` : '';
  return `${mark} ${envelope.runId} ${envelope.status} in ${envelope.durationMs} ms · ${figures} · ${envelope.mode ?? 'live'}${replay}`;
}

function errorLines(envelope: RunEnvelope): string[] {
  const error = envelope.error!;
  const at =
    error.line === undefined
      ? ''
      : ` at line ${error.line}${error.column === undefined ? '' : `:${error.column}`}`;
  const lines = [`  ${error.phase} error ${error.code}${at}: ${error.message}`];
  if (error.frame) lines.push(...error.frame.split('\n').map((line) => `    ${line}`));
  if (error.hint) lines.push(`  hint: ${error.hint}`);
  return lines;
}
