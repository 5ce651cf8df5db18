/** Shared setup for the sandbox suites: a real sandbox (worker processes) over the fake surface. */
import { createSandbox } from '../../sandbox/index.ts';
import type { RunResult, Sandbox, SandboxLimits, SandboxOptions } from '../../sandbox/types.ts';
import { fakeSurface } from './fixtures/fake-surface.ts';

/** Short limits, so that limit tests end quickly; generous enough for a busy 2-core machine. */
export const QUICK_LIMITS: Partial<SandboxLimits> = {
  syncTimeoutMs: 250,
  cpuTimeMs: 400,
  wallTimeMs: 2_000,
  memoryMb: 32,
};

export function startSandbox(options: Partial<SandboxOptions> = {}): Sandbox {
  return createSandbox({ surface: fakeSurface, workers: 1, runsPerWorker: 4, ...options });
}

/** The error of a failed run (fails the test, with the result, if the run succeeded). */
export function errorOf(result: RunResult) {
  if (result.ok || !result.error)
    throw new Error(`expected a failed run, got ${JSON.stringify(result)}`);
  return result.error;
}
