/**
 * `createSandbox`: the one entry point. It bundles the in-isolate runtime, starts the worker
 * pool and the warm type-checker, and returns a Sandbox whose `run` always resolves.
 */
import { availableParallelism } from 'node:os';
import { bundleRuntime } from './compile/runtime-bundle.ts';
import { resolveLimits } from './limits.ts';
import { WorkerPool } from './pool/worker-pool.ts';
import { executeRun } from './run-pipeline.ts';
import { createTypeChecker } from './typecheck/checker-client.ts';
import type { RunRequest, RunResult, Sandbox, SandboxOptions } from './types.ts';

/** Runs one worker process executes at once. */
export const DEFAULT_RUNS_PER_WORKER = 2;

/**
 * @example
 * const sandbox = createSandbox({ surface, limits: { wallTimeMs: 10_000 } });
 * const result = await sandbox.run({ code: 'return await confluence.pages.get({ id: "1" })', host });
 * if (!result.ok) console.log(result.error.phase, result.error.message);
 * await sandbox.close();
 */
export function createSandbox(options: SandboxOptions): Sandbox {
  const checker = createTypeChecker(options.surface);
  const pool = bundleRuntime().then(
    (runtimeSource) =>
      new WorkerPool({
        ...poolShape(options, availableParallelism()),
        init: {
          type: 'init',
          runtimeSource,
          prelude: options.surface.prelude,
          defaultMemoryMb: resolveLimits(options.limits, options.maxLimits).memoryMb,
        },
        logger: options.logger,
        heartbeat: options.heartbeat,
      }),
  );
  pool.catch(() => {});
  const dependencies = { pool, checker, defaults: options.limits, ceilings: options.maxLimits };
  let closed = false;

  return {
    run(request: RunRequest): Promise<RunResult> {
      if (closed) {
        return Promise.resolve(closedResult());
      }
      return executeRun(request, dependencies);
    },
    async ready(): Promise<void> {
      await Promise.all([pool.then((workers) => workers.ready()), checker.ready()]);
    },
    async close(): Promise<void> {
      closed = true;
      await Promise.all([
        pool.then(
          (workers) => workers.close(),
          () => {},
        ),
        checker.close(),
      ]);
    },
  };
}

/**
 * Workers and runs per worker. With `concurrentRuns`, every admitted run gets a slot at once:
 * min(cores, concurrentRuns) workers, each taking its share (rounded up).
 *
 * @example
 * poolShape({ concurrentRuns: 8 }, 2); // { size: 2, runsPerWorker: 4 }
 */
export function poolShape(
  options: Pick<SandboxOptions, 'workers' | 'runsPerWorker' | 'concurrentRuns'>,
  cores: number,
): { size: number; runsPerWorker: number } {
  const wanted = options.concurrentRuns;
  const size = Math.max(
    1,
    options.workers ?? (wanted === undefined ? cores : Math.min(cores, wanted)),
  );
  const runsPerWorker =
    options.runsPerWorker ??
    (wanted === undefined ? DEFAULT_RUNS_PER_WORKER : Math.ceil(wanted / size));
  return { size, runsPerWorker: Math.max(1, runsPerWorker) };
}

function closedResult(): RunResult {
  return {
    ok: false,
    error: { phase: 'runtime', code: 'WORKER_STOPPED', message: 'the sandbox is closed' },
    logs: [],
    logsTruncated: false,
    warnings: [],
    calls: { total: 0, failed: 0 },
    durations: { totalMs: 0, compileMs: 0, typecheckMs: 0, runMs: 0, queueMs: 0 },
  };
}
