/**
 * The text a model reads for a run. A tool result carries two text blocks and `structuredContent`:
 *
 * 1. a short rendering: outcome, error with phase, line:col and hint, writes, what to do next;
 * 2. the envelope as compact JSON, deep-equal to `structuredContent`.
 *
 * Why both: Claude Code shows the model only text blocks, so the data must be in text; Kimi Code
 * appends `structuredContent` as `<mcp-result-extras>` unless a text block is deep-equal JSON of
 * it (shared/notes/mcp.md §5.3, §7.2), so block 2 keeps it from showing the result twice; and the
 * spec asks tools with structured output to also serialize it as text. The rendering never repeats
 * the result itself, so no client sees the (possibly large) result twice.
 */
import type { RunEnvelope, RunEnvelopeError } from '../../runs/types.ts';

/** Writes listed by name in the rendering; the JSON block has them all. */
const MAX_RENDERED_WRITES = 5;

/**
 * @example
 * renderEnvelope(envelope);
 * // 'ok: run r_1 finished in 42 ms · 3 Confluence calls (2 reads, 1 write) …'
 */
export function renderEnvelope(envelope: RunEnvelope): string {
  const lines: string[] = [];
  const calls = describeCalls(envelope);
  if (envelope.status === 'ok') {
    lines.push(`ok: run ${envelope.runId} finished in ${envelope.durationMs} ms · ${calls}.`);
  } else if (envelope.error) {
    lines.push(...renderError(envelope.error));
    lines.push(`(run ${envelope.runId}, ${envelope.durationMs} ms · ${calls})`);
  }
  if (envelope.mode === 'dry-run')
    lines.push('Dry run: reads were live; writes were planned, not sent.');
  if (envelope.mode === 'recorded') lines.push('Recorded replay: nothing was sent to Confluence.');
  lines.push(...renderWrites(envelope));
  if (envelope.withheld) {
    const { count, reason } = envelope.withheld;
    lines.push(
      `withheld: ${count} item${count === 1 ? '' : 's'} ${reason}, by the workbench's policy.`,
    );
  }
  if (envelope.truncated && envelope.resultRef) {
    lines.push(
      `The result was cut to fit (cuts are marked in place). Read the rest with read_result({ resultRef: "${envelope.resultRef}", path, offset, limit }).`,
    );
  }
  if (envelope.warnings?.length)
    lines.push(`Type-check warnings: ${envelope.warnings.length} (in the JSON below).`);
  // Kimi Code joins text blocks with no separator: end on a newline so the JSON starts a line.
  lines.push('Run envelope (JSON):\n');
  return lines.join('\n');
}

/**
 * What the model must act on, in one short sentence for `structuredContent.next` (Claude Code
 * shows a successful result's `structuredContent` only, so the text's guidance would be lost):
 * a cut result and how to read the rest, a dry run's planned writes, a failure's next step.
 *
 * @example
 * nextStep({ ...envelope, truncated: true, resultRef: 'res_1' });
 * // 'Result cut to fit: read the rest with read_result({ resultRef: "res_1", path, offset }).'
 */
export function nextStep(envelope: RunEnvelope): string | undefined {
  const steps: string[] = [];
  if (envelope.status === 'error' && envelope.error) {
    const { error } = envelope;
    steps.push(WORKBENCH_FAULT.test(error.code) ? WORKBENCH_FAULT_STEP : NEXT_STEP[error.phase]);
  }
  if (envelope.truncated && envelope.resultRef)
    steps.push(
      `Result cut to fit (cuts marked in place): read the rest with read_result({ resultRef: "${envelope.resultRef}", path, offset }).`,
    );
  if (envelope.mode === 'dry-run') {
    const planned = envelope.writes.filter((write) => write.status === 'planned').length;
    steps.push(
      `Dry run: ${planned} write${planned === 1 ? '' : 's'} planned, none sent; run again without dryRun to apply.`,
    );
  }
  return steps.length > 0 ? steps.join(' ') : undefined;
}

/**
 * The error lines: what failed where, and how to fix it.
 *
 * @example
 * renderError({ phase: 'compile', code: 'SYNTAX_ERROR', message: "')' expected", line: 2, column: 9 });
 */
export function renderError(error: RunEnvelopeError): string[] {
  const where =
    error.line === undefined
      ? ''
      : ` at line ${error.line}${error.column === undefined ? '' : `:${error.column}`}`;
  const lines = [
    `error: the script failed in phase ${error.phase} (${error.code})${where}: ${error.message}`,
  ];
  if (error.hint) lines.push(`hint: ${error.hint}`);
  lines.push(
    WORKBENCH_FAULT.test(error.code)
      ? WORKBENCH_FAULT_STEP
      : (NEXT_STEP_BY_CODE[error.code] ?? NEXT_STEP[error.phase]),
  );
  return lines;
}

/** Codes of failures in the workbench itself (sandbox/src/runs), not in the script. */
const WORKBENCH_FAULT = /^(INTERNAL|WORKER_|SANDBOX_)/;
const WORKBENCH_FAULT_STEP =
  'This is a failure of the workbench, not of the script: call run_code again with the same code (the writes below, if any, were made).';

/** Steps for failures whose phase alone would mislead (which limit was hit, who stopped the run). */
const NEXT_STEP_BY_CODE: Record<string, string> = {
  // Not the script's fault and not fixed by changing it: the site refuses calls for a while.
  RATE_LIMITED:
    'Confluence is rate limiting this site: the script is not at fault. Do not call run_code against Confluence again before the time in the hint; check "writes" below, if any, before running again.',
  CANCELLED:
    'The run was cancelled by its caller, not by a fault of the script. Call run_code again only if the task is still wanted; check "writes" below first so nothing is done twice.',
  CPU_TIME_LIMIT:
    'The run used up its CPU time. Do less computation per run, or raise cpuTimeMs (within the server maximum).',
  SYNC_TIMEOUT:
    'The script computed too long before its first await. Look for an endless loop or heavy work at the top.',
  POLICY_MAX_WRITES:
    'The run reached the cap on writes per run; the writes below were applied. Call run_code again for the items not yet done, or split the work across runs.',
  HOST_CALL_LIMIT:
    'The run made too many Confluence calls. Fetch in bulk, split the work across runs, or raise maxHostCalls (within the server maximum).',
};

const NEXT_STEP: Record<RunEnvelopeError['phase'], string> = {
  typecheck:
    'Nothing ran and no Confluence call was made. Fix the script (describe_sdk shows exact signatures) and call run_code again.',
  compile: 'Nothing ran. Fix the syntax and call run_code again.',
  runtime:
    'Fix the script and call run_code again; check "writes" below before retrying so nothing is done twice.',
  timeout:
    'The run hit its time limit. Do less per run (fewer pages, Promise.all for independent calls) or raise timeoutMs.',
  memory:
    'The run hit its memory limit. Keep less in memory: process pages one at a time and return only a summary.',
  limit:
    'A run limit was reached (the figure is in the message). Do less per run, or split the work across runs.',
  policy:
    'This workbench forbids that operation or space; no request was sent. Do the task another way or ask the operator.',
  confluence:
    'Confluence refused a call (status and message above). Fix the arguments, or check the page/space exists, and call run_code again.',
};

function describeCalls(envelope: RunEnvelope): string {
  const { total, reads, writes, failed, retries } = envelope.calls;
  const parts = [
    `${reads} read${reads === 1 ? '' : 's'}`,
    `${writes} write${writes === 1 ? '' : 's'}`,
  ];
  if (failed > 0) parts.push(`${failed} failed`);
  if (retries > 0) parts.push(`${retries} retried`);
  return `${total} Confluence call${total === 1 ? '' : 's'} (${parts.join(', ')})`;
}

function renderWrites(envelope: RunEnvelope): string[] {
  if (envelope.writes.length === 0) return [];
  const shown = envelope.writes
    .slice(0, MAX_RENDERED_WRITES)
    .map((write) => `${write.status} ${write.operation} ${write.target}`);
  const more = envelope.writes.length - shown.length;
  return [`writes: ${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}.`];
}
