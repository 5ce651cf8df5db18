/**
 * The pieces of a RunResult the pipeline assembles: request checks before anything starts, the
 * typecheck error, and a worker's outcome turned into the result (errors mapped to the user's
 * TypeScript, the log elision marker).
 */
import type { CompiledScript } from './compile/compile.ts';
import { codeFrame } from './compile/code-frame.ts';
import { createStackMapper } from './compile/source-map.ts';
import type { ResolvedLimits } from './limits.ts';
import type { PoolRunOutcome } from './pool/run-on-pool.ts';
import type { DoneMessage } from './protocol.ts';
import { CANCELLED, limitError } from './run-errors.ts';
import type { CheckOutcome } from './typecheck/types.ts';
import type { Diagnostic, LogEntry, RunError, RunRequest, RunResult } from './types.ts';

export { CANCELLED };

/** Cheap checks before any work: cancelled already, code type and size, params JSON and size. */
export function checkRequest(request: RunRequest, limits: ResolvedLimits): RunError | undefined {
  if (request.signal?.aborted) return CANCELLED;
  if (typeof request.code !== 'string') {
    return {
      phase: 'compile',
      code: 'INVALID_CODE',
      message: 'code must be a string of TypeScript',
    };
  }
  const codeBytes = Buffer.byteLength(request.code);
  if (codeBytes > limits.maxCodeBytes)
    return limitError('maxCodeBytes', limits.maxCodeBytes, codeBytes, 'CODE_SIZE_LIMIT');
  if (request.params === undefined) return undefined;
  let json: string | undefined;
  try {
    json = JSON.stringify(request.params);
  } catch (error) {
    return {
      phase: 'runtime',
      code: 'INVALID_PARAMS',
      message: `params must be JSON: ${(error as Error).message}`,
    };
  }
  const paramsBytes = json === undefined ? 0 : Buffer.byteLength(json);
  if (paramsBytes > limits.maxParamsBytes) {
    return limitError('maxParamsBytes', limits.maxParamsBytes, paramsBytes, 'PARAMS_SIZE_LIMIT');
  }
  return undefined;
}

export function typecheckError(checked: CheckOutcome, source: string): RunError {
  const [first, ...rest] = checked.errors;
  const more = rest.length > 0 ? ` (and ${rest.length} more)` : '';
  return {
    phase: 'typecheck',
    code: 'TYPE_ERROR',
    message: `TS${first!.code}: ${first!.message}${more}`,
    line: first!.line,
    column: first!.column,
    frame: codeFrame(source, first!.line, first!.column),
    ...(first!.hint ? { hint: first!.hint } : {}),
    diagnostics: checked.errors,
  };
}

/** Runtime positions (generated JS) → the user's TypeScript, with a code frame. */
function mapError(error: RunError, script: CompiledScript): RunError {
  if (!error.stack) return error;
  const mapped = createStackMapper(script).mapStack(error.stack);
  const { stack: _generated, ...rest } = error;
  const result: RunError = {
    ...rest,
    ...(mapped.frames.length > 0 ? { stack: mapped.frames.join('\n') } : {}),
  };
  if (mapped.top) {
    result.line = mapped.top.line;
    result.column = mapped.top.column;
    result.frame = codeFrame(script.source, mapped.top.line, mapped.top.column);
  }
  return result;
}

function withElisionMarker(
  logs: LogEntry[],
  done: { logsTruncated: boolean; elidedLogs: { entries: number; bytes: number }; runMs: number },
  limits: ResolvedLimits,
): LogEntry[] {
  if (!done.logsTruncated) return logs;
  const { entries, bytes } = done.elidedLogs;
  return [
    ...logs,
    {
      level: 'warn',
      message: `… ${entries} log entr${entries === 1 ? 'y' : 'ies'} (${bytes} bytes) elided: the log limit is ${limits.maxLogBytes} bytes`,
      atMs: Math.round(done.runMs),
    },
  ];
}

/** What the worker reported, as the RunResult fields besides durations. */
export function resultFromOutcome(
  outcome: PoolRunOutcome,
  script: CompiledScript,
  limits: ResolvedLimits,
  warnings: Diagnostic[],
): Omit<RunResult, 'durations'> {
  const done = outcome.done;
  if (!done) {
    return {
      ok: false,
      error: outcome.error!,
      logs: outcome.logs,
      logsTruncated: false,
      warnings,
      calls: { total: 0, failed: 0 },
    };
  }
  const common = {
    logs: [...withElisionMarker(outcome.logs, done, limits), ...rejectionWarnings(done, script)],
    logsTruncated: done.logsTruncated,
    warnings,
    calls: done.calls,
  };
  if (!done.ok) return { ok: false, error: mapError(done.error!, script), ...common };
  return {
    ok: true,
    ...(done.json === undefined ? {} : { value: JSON.parse(done.json) }),
    ...common,
  };
}

/** Each unhandled rejection becomes a warning log entry, at the user's line when known. */
function rejectionWarnings(done: DoneMessage, script: CompiledScript): LogEntry[] {
  const mapper = createStackMapper(script);
  return (done.unhandledRejections ?? []).map((rejection) => {
    const top = mapper.mapStack(rejection.stack).top;
    const where = top ? ` (at user.ts:${top.line}:${top.column})` : '';
    return {
      level: 'warn',
      message: `Unhandled promise rejection: ${rejection.message}${where}. Await every promise, or the failure goes unnoticed.`,
      atMs: Math.round(done.runMs),
    };
  });
}
