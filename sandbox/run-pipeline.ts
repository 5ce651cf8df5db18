/**
 * One run from request to RunResult, in the parent: cheap checks first (code and params size),
 * then compile and type-check side by side, then the isolate in a worker, then errors mapped back
 * to the user's TypeScript. Every failure becomes a RunResult; nothing here throws to the caller.
 */
import { randomUUID } from 'node:crypto';
import { compileScript, type CompiledScript } from './compile/compile.ts';
import { codeFrame } from './compile/code-frame.ts';
import { createStackMapper } from './compile/source-map.ts';
import { resolveLimits, type ResolvedLimits } from './limits.ts';
import { runOnPool } from './pool/run-on-pool.ts';
import type { WorkerPool } from './pool/worker-pool.ts';
import { limitError } from './run-errors.ts';
import type { CheckOutcome, TypeChecker } from './typecheck/types.ts';
import type { LogEntry, RunError, RunRequest, RunResult, SandboxLimits } from './types.ts';

export interface PipelineDependencies {
  pool: Promise<WorkerPool>;
  checker: TypeChecker;
  defaults?: Partial<SandboxLimits> | undefined;
  ceilings?: Partial<SandboxLimits> | undefined;
}

type Durations = RunResult['durations'];

export async function executeRun(
  request: RunRequest,
  dependencies: PipelineDependencies,
): Promise<RunResult> {
  const startedAt = performance.now();
  const durations: Durations = { totalMs: 0, compileMs: 0, typecheckMs: 0, runMs: 0, queueMs: 0 };
  const finish = (partial: Partial<RunResult> & { ok: boolean }): RunResult => ({
    logs: [],
    logsTruncated: false,
    warnings: [],
    calls: { total: 0, failed: 0 },
    ...partial,
    durations: { ...durations, totalMs: round(performance.now() - startedAt) },
  });
  try {
    const limits = resolveLimits(dependencies.defaults, dependencies.ceilings, request.limits);
    const rejected = checkRequest(request, limits);
    if (rejected) return finish({ ok: false, error: rejected });
    const paramsJson = request.params === undefined ? undefined : JSON.stringify(request.params);

    // The type-check runs beside compile and the isolate; the gate holds host calls (and
    // streamed events) until it passes, so a script that misuses the API reaches no host function.
    const checking = request.skipTypecheck
      ? undefined
      : timed(
          () => dependencies.checker.check(request.code),
          (ms) => (durations.typecheckMs = ms),
        );
    const compiled = await timed(
      () => compileScript(request.code),
      (ms) => (durations.compileMs = ms),
    );
    if (!compiled.ok) return finish({ ok: false, error: compiled.error });
    const cancelWhenRefused = new AbortController();
    const gate = checking?.then((checked) => {
      if (checked.errors.length === 0) return true;
      cancelWhenRefused.abort();
      return false;
    });
    const signal = request.signal
      ? AbortSignal.any([request.signal, cancelWhenRefused.signal])
      : cancelWhenRefused.signal;

    const outcome = await runOnPool({
      pool: await dependencies.pool,
      message: {
        type: 'run',
        runId: randomUUID(),
        js: compiled.script.js,
        paramsJson,
        limits,
        hostNames: Object.keys(request.host ?? {}),
      },
      host: request.host ?? {},
      limits,
      signal,
      onLog: request.onLog,
      onProgress: request.onProgress,
      gate,
    });
    const checked = await checking;
    const warnings = checked?.warnings ?? [];
    if (checked && checked.errors.length > 0) {
      return finish({ ok: false, error: typecheckError(checked, request.code), warnings });
    }
    durations.queueMs = round(outcome.queueMs);
    const done = outcome.done;
    if (!done) return finish({ ok: false, error: outcome.error!, logs: outcome.logs, warnings });
    durations.runMs = round(done.runMs);
    const logs = withElisionMarker(outcome.logs, done, limits);
    const common = { logs, logsTruncated: done.logsTruncated, warnings, calls: done.calls };
    if (!done.ok)
      return finish({ ok: false, error: mapError(done.error!, compiled.script), ...common });
    return finish({
      ok: true,
      ...(done.json === undefined ? {} : { value: JSON.parse(done.json) }),
      ...common,
    });
  } catch (error) {
    return finish({
      ok: false,
      error: {
        phase: 'runtime',
        code: 'INTERNAL_ERROR',
        message: `the sandbox failed: ${(error as Error)?.message ?? error}`,
      },
    });
  }
}

function checkRequest(request: RunRequest, limits: ResolvedLimits): RunError | undefined {
  if (request.signal?.aborted) return cancelled();
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

function typecheckError(checked: CheckOutcome, source: string): RunError {
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

function cancelled(): RunError {
  return { phase: 'runtime', code: 'CANCELLED', message: 'the run was cancelled' };
}

async function timed<T>(work: () => Promise<T>, record: (ms: number) => void): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    record(round(performance.now() - start));
  }
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
