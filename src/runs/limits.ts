/**
 * The runs layer's limits, as named constants with units, resolved once into a {@link RunLimits}
 * policy (STYLE.md, principle 5). Sandbox limits (memory, CPU, calls) live in the sandbox; these
 * are the ones the runs layer applies around it: what goes back to the caller and for how long.
 */

/** Result budget when a run does not ask for one: about 1.5k tokens, well under client caps. */
export const DEFAULT_RESULT_BUDGET_CHARS = 6_000;
/** Smallest budget a caller may ask for: room for a marker and a few keys. */
export const MIN_RESULT_BUDGET_CHARS = 200;
/** Largest budget a caller may ask for: Claude Code refuses tool results past ~25k tokens. */
export const MAX_RESULT_BUDGET_CHARS = 100_000;

/** The envelope's `logs`: the JSON length of the whole array stays within this. */
export const DEFAULT_LOG_BUDGET_CHARS = 8_000;
/** The envelope's `logs`: lines kept at most (head and tail, the middle elided). */
export const DEFAULT_MAX_LOG_LINES = 200;
/** One log line longer than this keeps its head and says how much was cut. */
export const DEFAULT_MAX_LOG_LINE_CHARS = 1_000;

/** Longest wall-clock time a caller may ask for; `timeoutMs` above it is clamped. */
export const DEFAULT_MAX_RUN_TIMEOUT_MS = 120_000;
/** Shortest wall-clock time a caller may ask for; `timeoutMs` below it is raised to it. */
export const MIN_RUN_TIMEOUT_MS = 100;

/** Most CPU time a caller may ask for (`cpuTimeMs`); a run that does not ask gets the sandbox's 5 s. */
export const DEFAULT_MAX_RUN_CPU_TIME_MS = 60_000;
/** Least CPU time a caller may ask for. */
export const MIN_RUN_CPU_TIME_MS = 100;
/** Most host (Confluence) calls a caller may ask for (`maxHostCalls`); the default is the sandbox's 500. */
export const DEFAULT_MAX_RUN_HOST_CALLS = 5_000;
/**
 * Largest return value a run may produce, in bytes of JSON: stored whole (read back by
 * `resultRef`) and summarized to the result budget for the caller. 32 MiB holds a listing of tens
 * of thousands of items; past it the run fails with RETURN_SIZE_LIMIT.
 */
export const DEFAULT_MAX_RESULT_BYTES = 32 * 1024 * 1024;

/** The limits the run service applies, resolved once from defaults and options. */
export interface RunLimits {
  defaultResultBudgetChars: number;
  maxResultBudgetChars: number;
  logBudgetChars: number;
  maxLogLines: number;
  maxLogLineChars: number;
  maxRunTimeoutMs: number;
  /** Most CPU time, in ms, a run may ask for. */
  maxCpuTimeMs: number;
  /** Most host calls a run may ask for. */
  maxHostCalls: number;
  /** Largest return value a run may produce, in bytes of JSON (stored, then summarized). */
  maxResultBytes: number;
}

/**
 * Fills in the defaults.
 *
 * @example
 * const limits = resolveRunLimits({ maxRunTimeoutMs: 60_000 });
 */
export function resolveRunLimits(overrides: Partial<RunLimits> = {}): RunLimits {
  return {
    defaultResultBudgetChars: overrides.defaultResultBudgetChars ?? DEFAULT_RESULT_BUDGET_CHARS,
    maxResultBudgetChars: overrides.maxResultBudgetChars ?? MAX_RESULT_BUDGET_CHARS,
    logBudgetChars: overrides.logBudgetChars ?? DEFAULT_LOG_BUDGET_CHARS,
    maxLogLines: overrides.maxLogLines ?? DEFAULT_MAX_LOG_LINES,
    maxLogLineChars: overrides.maxLogLineChars ?? DEFAULT_MAX_LOG_LINE_CHARS,
    maxRunTimeoutMs: overrides.maxRunTimeoutMs ?? DEFAULT_MAX_RUN_TIMEOUT_MS,
    maxCpuTimeMs: overrides.maxCpuTimeMs ?? DEFAULT_MAX_RUN_CPU_TIME_MS,
    maxHostCalls: overrides.maxHostCalls ?? DEFAULT_MAX_RUN_HOST_CALLS,
    maxResultBytes: overrides.maxResultBytes ?? DEFAULT_MAX_RESULT_BYTES,
  };
}

/** A requested result budget, clamped to [MIN_RESULT_BUDGET_CHARS, max]; default when absent. */
export function clampResultBudget(requested: number | undefined, limits: RunLimits): number {
  if (requested === undefined || !Number.isFinite(requested))
    return limits.defaultResultBudgetChars;
  return Math.min(
    limits.maxResultBudgetChars,
    Math.max(MIN_RESULT_BUDGET_CHARS, Math.floor(requested)),
  );
}

/** A requested wall-clock limit, clamped to [MIN_RUN_TIMEOUT_MS, max]; undefined when absent. */
export function clampTimeout(requested: number | undefined, limits: RunLimits): number | undefined {
  if (requested === undefined || !Number.isFinite(requested)) return undefined;
  return Math.min(limits.maxRunTimeoutMs, Math.max(MIN_RUN_TIMEOUT_MS, Math.floor(requested)));
}

/**
 * What the clamps above changed, as notes for the envelope's warnings: a caller asking for more
 * (or less) than allowed is told what it got instead of finding out from a timeout.
 *
 * @example
 * clampNotes({ timeoutMs: 999_999 }, resolveRunLimits());
 * // ['timeoutMs 999999 is above the longest allowed (120000 ms, WORKBENCH_MAX_RUN_TIMEOUT_MS): the run had 120000 ms']
 */
export function clampNotes(
  requested: { timeoutMs?: number | undefined; resultBudget?: number | undefined },
  limits: RunLimits,
): string[] {
  const notes: string[] = [];
  const { timeoutMs, resultBudget } = requested;
  const timeout = clampTimeout(timeoutMs, limits);
  if (timeoutMs !== undefined && timeout !== undefined && timeout !== timeoutMs) {
    notes.push(
      timeoutMs > timeout
        ? `timeoutMs ${timeoutMs} is above the longest allowed (${timeout} ms, WORKBENCH_MAX_RUN_TIMEOUT_MS): the run had ${timeout} ms`
        : `timeoutMs ${timeoutMs} is below the shortest allowed: the run had ${timeout} ms`,
    );
  }
  const budget = clampResultBudget(resultBudget, limits);
  if (resultBudget !== undefined && Number.isFinite(resultBudget) && budget !== resultBudget) {
    notes.push(
      resultBudget > budget
        ? `resultBudget ${resultBudget} is above the largest allowed: the result was summarized to ${budget} characters`
        : `resultBudget ${resultBudget} is below the smallest allowed: the result was summarized to ${budget} characters`,
    );
  }
  return notes;
}

/**
 * A run's requested sandbox limits (CPU time, host calls), each clamped to the server's maximum;
 * absent ones are left to the sandbox default (itself clamped to the maximum by the sandbox).
 *
 * @example
 * clampRequestedLimits({ maxHostCalls: 1_200 }, resolveRunLimits()); // { maxHostCalls: 1200 }
 */
export function clampRequestedLimits(
  requested: { cpuTimeMs?: number | undefined; maxHostCalls?: number | undefined },
  limits: RunLimits,
): { cpuTimeMs?: number; maxHostCalls?: number } {
  const clamp = (value: number | undefined, min: number, max: number) =>
    value === undefined || !Number.isFinite(value)
      ? undefined
      : Math.min(max, Math.max(min, Math.floor(value)));
  const cpuTimeMs = clamp(requested.cpuTimeMs, MIN_RUN_CPU_TIME_MS, limits.maxCpuTimeMs);
  const maxHostCalls = clamp(requested.maxHostCalls, 0, limits.maxHostCalls);
  return {
    ...(cpuTimeMs === undefined ? {} : { cpuTimeMs }),
    ...(maxHostCalls === undefined ? {} : { maxHostCalls }),
  };
}
