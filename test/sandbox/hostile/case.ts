/** The shape of a hostile case and the helpers the case files share. */
import { expect } from 'vitest';
import type { HostFunction, RunResult, SandboxLimits } from '../../../sandbox/types.ts';
import { createFakeHost } from '../fixtures/fake-surface.ts';
import { errorOf, QUICK_LIMITS } from '../helpers.ts';

export interface HostileCase {
  name: string;
  code: string;
  host?: Record<string, HostFunction>;
  limits?: Partial<SandboxLimits>;
  check: (result: RunResult) => void;
}

/** What the host functions of the bad-value cases received. */
export const received: unknown[] = [];
export const recordingHost: Record<string, HostFunction> = {
  ...createFakeHost(),
  'pages.create': async (args) => {
    received.push(args);
    return { id: '9', ...Object.assign({}, args) };
  },
};
export const hugeHost: Record<string, HostFunction> = {
  'pages.get': async () => ({ body: 'x'.repeat(8 * 1024 * 1024) }),
};

// Time limits are generous by default, so that on a loaded machine each case ends for its own
// reason; the cases about time set the quick ones.
export const SUITE_LIMITS: Partial<SandboxLimits> = {
  memoryMb: 32,
  syncTimeoutMs: 5_000,
  cpuTimeMs: 5_000,
  wallTimeMs: 10_000,
};
export const TIME_LIMITS = QUICK_LIMITS;
// A memory bomb ends at the isolate's limit, or, for some allocation patterns (dictionaries, Maps,
// sometimes huge arrays), in a V8 fatal OOM that takes the worker down (notes §2.2). Either is
// phase memory; generous time limits make sure memory, not time, is what stops it.
export const MEMORY_BOMB_LIMITS: Partial<SandboxLimits> = {
  syncTimeoutMs: 10_000,
  cpuTimeMs: 10_000,
  wallTimeMs: 20_000,
};
export const memoryFailure = (result: RunResult) =>
  expect(errorOf(result)).toMatchObject({
    phase: 'memory',
    code: expect.stringMatching(/^(MEMORY_LIMIT|WORKER_CRASHED)$/),
  });

export const okWith = (value: unknown) => (result: RunResult) =>
  expect(result).toMatchObject({ ok: true, value });
export const failsWith = (expected: Record<string, unknown>) => (result: RunResult) =>
  expect(errorOf(result)).toMatchObject(expected);
