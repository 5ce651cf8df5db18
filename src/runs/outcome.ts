/**
 * Turning what the sandbox returned into what the envelope and the store need: the return value
 * as JSON text and plain data, its summary, and failures that happened outside the script.
 */
import type { RunResult } from '../../sandbox/types.ts';
import type { JsonValue } from './json-size.ts';
import { summarizeJson, type Summary } from './summarize.ts';

/** A request the runs layer refuses before any sandbox work (an in-process caller's mistake). */
export class InvalidInput extends Error {}

/** The return value as stored (JSON text) and as summarized (that text parsed: plain JSON data). */
export function serializeResult(value: unknown): { json: string; value: JsonValue } | undefined {
  if (value === undefined) return undefined;
  const json = JSON.stringify(value);
  return json === undefined ? undefined : { json, value: JSON.parse(json) as JsonValue };
}

/** The summary; a value nested deeper than the stack allows becomes a marker (it stays stored whole). */
export function summarizeSafely(value: JsonValue, budget: number): Summary {
  try {
    return summarizeJson(value, budget);
  } catch {
    const marker = '…[a value too deeply nested to summarize: read it by path with readResult]';
    return { value: marker, truncated: true, chars: JSON.stringify(marker).length };
  }
}

/** A failure outside the script (bad input, or the session or the sandbox threw): still an envelope. */
export function internalFailure(error: unknown): RunResult {
  const message = error instanceof Error ? error.message : String(error);
  return {
    ok: false,
    error:
      error instanceof InvalidInput
        ? { phase: 'compile', code: 'INVALID_INPUT', message }
        : {
            phase: 'runtime',
            code: 'INTERNAL_ERROR',
            message: `the workbench failed to run the script: ${message}`,
          },
    logs: [],
    logsTruncated: false,
    warnings: [],
    calls: { total: 0, failed: 0 },
    durations: { totalMs: 0, compileMs: 0, typecheckMs: 0, runMs: 0, queueMs: 0 },
  };
}
