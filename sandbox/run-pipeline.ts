/**
 * One run from request to RunResult, in the parent: cheap checks first (code and params size),
 * then compile and type-check side by side, then the isolate in a worker, then errors mapped back
 * to the user's TypeScript. Every failure becomes a RunResult; nothing here throws to the caller.
 */
import { randomUUID } from 'node:crypto';
import { compileScript } from './compile/compile.ts';
import { resolveLimits } from './limits.ts';
import { runOnPool } from './pool/run-on-pool.ts';
import type { WorkerPool } from './pool/worker-pool.ts';
import { checkRequest, resultFromOutcome, typecheckError } from './run-outcome.ts';
import type { CheckOutcome, TypeChecker } from './typecheck/types.ts';
import type { RunRequest, RunResult, SandboxLimits } from './types.ts';

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
      () => compileScript(request.code, request.entry),
      (ms) => (durations.compileMs = ms),
    );
    if (!compiled.ok) return finish({ ok: false, error: compiled.error });
    const { gate, signal } = gateOn(checking, request.signal);

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
    durations.runMs = round(outcome.done?.runMs ?? 0);
    return finish(resultFromOutcome(outcome, compiled.script, limits, warnings));
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

/**
 * The gate opens when the check passes; when it refuses the script, the run is cancelled (it
 * may already be running in its isolate, but it has reached no host function).
 */
function gateOn(checking: Promise<CheckOutcome> | undefined, userSignal: AbortSignal | undefined) {
  const refused = new AbortController();
  const gate = checking?.then((checked) => {
    if (checked.errors.length === 0) return true;
    refused.abort();
    return false;
  });
  const signal = userSignal ? AbortSignal.any([userSignal, refused.signal]) : refused.signal;
  return { gate, signal };
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
