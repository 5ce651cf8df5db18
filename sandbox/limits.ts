/**
 * The default limits every run is held to, as named constants with units, and how a run's own
 * limits are resolved against the sandbox defaults and ceilings. Figures follow
 * shared/notes/isolated-vm.md §7, except where the comment says why not.
 */
import type { SandboxLimits } from './types.ts';

/** 128 MB: enough for a few thousand page summaries; V8 may overshoot it 2-3× (ivm README). */
export const DEFAULT_MEMORY_MB = 128;
/** CPU time of the synchronous part (ivm's own `timeout`; it stops counting at the first `await`). */
export const DEFAULT_SYNC_TIMEOUT_MS = 1_000;
/** Wall-clock deadline for the whole run, host calls included. */
export const DEFAULT_WALL_TIME_MS = 30_000;
/** CPU the isolate may burn in all, awaits excluded, checked by the host-side watchdog. */
export const DEFAULT_CPU_TIME_MS = 5_000;
export const DEFAULT_MAX_HOST_CALLS = 500;
/**
 * 64, not the notes' 8: `Promise.all` over 50 page reads must really overlap. Politeness towards
 * Confluence (per-site concurrency and rate limits) is the SDK's job; this cap only bounds the
 * host work one run can have in flight.
 */
export const DEFAULT_MAX_CONCURRENT_HOST_CALLS = 64;
export const DEFAULT_MAX_ARG_BYTES = 64 * 1024;
/** One host answer: a page with its body in storage format fits comfortably. */
export const DEFAULT_MAX_HOST_RESULT_BYTES = 4 * 1024 * 1024;
export const DEFAULT_MAX_RETURN_BYTES = 256 * 1024;
export const DEFAULT_MAX_LOG_BYTES = 32 * 1024;
export const DEFAULT_MAX_CODE_BYTES = 200 * 1024;
export const DEFAULT_MAX_PARAMS_BYTES = 1024 * 1024;

/** Every limit, with a value. */
export type ResolvedLimits = Required<SandboxLimits>;

export const DEFAULT_LIMITS: Readonly<ResolvedLimits> = Object.freeze({
  memoryMb: DEFAULT_MEMORY_MB,
  syncTimeoutMs: DEFAULT_SYNC_TIMEOUT_MS,
  wallTimeMs: DEFAULT_WALL_TIME_MS,
  cpuTimeMs: DEFAULT_CPU_TIME_MS,
  maxHostCalls: DEFAULT_MAX_HOST_CALLS,
  maxConcurrentHostCalls: DEFAULT_MAX_CONCURRENT_HOST_CALLS,
  maxArgBytes: DEFAULT_MAX_ARG_BYTES,
  maxHostResultBytes: DEFAULT_MAX_HOST_RESULT_BYTES,
  maxReturnBytes: DEFAULT_MAX_RETURN_BYTES,
  maxLogBytes: DEFAULT_MAX_LOG_BYTES,
  maxCodeBytes: DEFAULT_MAX_CODE_BYTES,
  maxParamsBytes: DEFAULT_MAX_PARAMS_BYTES,
});

/** The smallest value each limit may take: below these a run cannot even start an isolate. */
const FLOORS: Readonly<ResolvedLimits> = Object.freeze({
  memoryMb: 8,
  syncTimeoutMs: 10,
  wallTimeMs: 10,
  cpuTimeMs: 10,
  maxHostCalls: 0,
  maxConcurrentHostCalls: 1,
  maxArgBytes: 16,
  maxHostResultBytes: 16,
  maxReturnBytes: 16,
  maxLogBytes: 0,
  maxCodeBytes: 1,
  maxParamsBytes: 16,
});

const LIMIT_NAMES = Object.keys(DEFAULT_LIMITS) as Array<keyof ResolvedLimits>;

/**
 * Resolves one run's limits: the run's own values win over the sandbox defaults, then each is
 * clamped to the sandbox ceiling and to a floor. Values that are not finite numbers are ignored.
 *
 * @example
 * resolveLimits({ wallTimeMs: 5_000 }, { wallTimeMs: 60_000 }, { wallTimeMs: 500 }).wallTimeMs; // 500
 */
export function resolveLimits(
  defaults: Partial<SandboxLimits> = {},
  ceilings: Partial<SandboxLimits> = {},
  requested: Partial<SandboxLimits> = {},
): ResolvedLimits {
  const resolved = { ...DEFAULT_LIMITS };
  for (const name of LIMIT_NAMES) {
    const wanted = pick(requested[name]) ?? pick(defaults[name]) ?? DEFAULT_LIMITS[name];
    const ceiling = pick(ceilings[name]) ?? Number.POSITIVE_INFINITY;
    resolved[name] = Math.max(FLOORS[name], Math.min(Math.floor(wanted), ceiling));
  }
  return resolved;
}

function pick(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
