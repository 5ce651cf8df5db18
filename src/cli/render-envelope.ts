/**
 * The readable rendering of a run envelope for a terminal: the result on stdout (pretty JSON, so
 * it pipes into jq), everything about the run on stderr (status, calls, writes, error with its
 * position and hint, truncation and how to read the rest).
 */
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
  options: { logs?: boolean } = {},
): RenderedEnvelope {
  const lines: string[] = [];
  if (options.logs) lines.push(...envelope.logs.map((line) => `  │ ${line}`));
  lines.push(statusLine(envelope));
  for (const write of envelope.writes)
    lines.push(`  ${write.status.padEnd(7)} ${write.operation} → ${write.target}`);
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
