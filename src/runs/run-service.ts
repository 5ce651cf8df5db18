/**
 * The run service: the lifecycle every surface shares (MCP, REST, CLI). One run: an id, a
 * session in the asked mode, the sandbox with the session's host functions, then the envelope
 * (result summarized to the budget, logs capped, error with phase and hint) and the record in
 * the store. A script failure is an envelope, never an exception (STYLE.md, principle 4).
 */
import type { RunResult, Sandbox } from '../../sandbox/types.ts';
import type { ReplayState } from '../confluence/index.ts';
import type { CallRecord, RunSession, SessionMode } from '../confluence/types.ts';
import { divergenceOf, replayableCalls } from './divergence.ts';
import { buildEnvelope } from './envelope.ts';
import { RunsError } from './errors.ts';
import { createResultReader } from './result-reader.ts';
import type { JsonValue } from './json-size.ts';
import { clampResultBudget, clampTimeout, type RunLimits, resolveRunLimits } from './limits.ts';
import type { RunsStore } from './store/runs-store.ts';
import { summarizeJson, type Summary } from './summarize.ts';
import type { ExecuteOptions, RunEnvelope, RunService, StoredRun } from './types.ts';

/** One run's session; in recorded mode it also says how far the replay got. */
export interface ReplayableSession extends RunSession {
  replayState?(): ReplayState | undefined;
}

/** Creates the session of one run (the SDK's createRunSession, bound to the site and policy). */
export type SessionFactory = (
  mode: SessionMode,
  recorded?: readonly CallRecord[],
) => ReplayableSession;

/** Where the service reports what it cannot put in an envelope (pino fits). */
export interface RunsLogger {
  warn(details: object, message: string): void;
}

export interface RunServiceOptions {
  sandbox: Pick<Sandbox, 'run'>;
  createSession: SessionFactory;
  store: RunsStore;
  limits?: Partial<RunLimits>;
  /** Epoch milliseconds (default `Date.now`). */
  now?: () => number;
  /** Ids for runs and results (default: time-ordered, random). */
  newId?: (kind: 'run' | 'result') => string;
  logger?: RunsLogger;
}

/** `listRuns` returns at most this many runs at once. */
export const MAX_LIST_LIMIT = 1_000;

const MODES: readonly SessionMode[] = ['live', 'dry-run', 'recorded'];

/** What one run is asked to do, whoever asked (execute or replay). */
interface RunPlan {
  code: string;
  params?: unknown;
  mode: SessionMode;
  source?: string;
  timeoutMs?: number;
  resultBudget?: number;
  replayOf?: string;
  recorded?: CallRecord[];
  notes?: string[];
}

interface Dependencies extends Required<Omit<RunServiceOptions, 'limits' | 'logger'>> {
  limits: RunLimits;
  logger?: RunsLogger;
}

/**
 * @example
 * const runs = createRunService({ sandbox, createSession, store });
 * const envelope = await runs.execute({ code: 'return (await confluence.spaces.list()).results.length' });
 */
export function createRunService(options: RunServiceOptions): RunService {
  const now = options.now ?? Date.now;
  const dependencies: Dependencies = {
    ...options,
    limits: resolveRunLimits(options.limits),
    now,
    newId: options.newId ?? defaultId(now),
  };
  const reader = createResultReader(options.store, dependencies.limits);
  return {
    execute(input, executeOptions) {
      const plan: RunPlan = {
        code: input.code,
        params: input.params,
        mode: input.dryRun ? 'dry-run' : 'live',
        ...(input.source === undefined ? {} : { source: input.source }),
        ...(input.timeoutMs === undefined ? {} : { timeoutMs: input.timeoutMs }),
        ...(input.resultBudget === undefined ? {} : { resultBudget: input.resultBudget }),
      };
      return performRun(plan, executeOptions ?? {}, dependencies);
    },
    readResult: async (resultRef, readOptions) => reader.read(resultRef, readOptions),
    async listRuns(listOptions = {}) {
      const limit = listOptions.limit;
      if (
        limit !== undefined &&
        (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT)
      ) {
        throw new RunsError(
          'INVALID_OPTION',
          `limit must be an integer from 1 to ${MAX_LIST_LIMIT}; got ${limit}`,
        );
      }
      if (
        listOptions.status !== undefined &&
        listOptions.status !== 'ok' &&
        listOptions.status !== 'error'
      ) {
        throw new RunsError(
          'INVALID_OPTION',
          `status must be "ok" or "error"; got ${String(listOptions.status)}`,
        );
      }
      return options.store.list(listOptions);
    },
    getRun: async (runId) => storedRun(options.store, runId),
    async replay(runId, mode, executeOptions) {
      if (!MODES.includes(mode)) {
        throw new RunsError(
          'INVALID_OPTION',
          `mode must be one of ${MODES.join(', ')}; got ${String(mode)}`,
        );
      }
      const run = storedRun(options.store, runId);
      return performRun(replayPlan(run, mode), executeOptions ?? {}, dependencies);
    },
  };
}

function storedRun(store: RunsStore, runId: string): StoredRun {
  const run = store.get(runId);
  if (!run) {
    throw new RunsError(
      'RUN_NOT_FOUND',
      `no stored run "${runId}" (it never existed, or retention removed it)`,
    );
  }
  return run;
}

function replayPlan(run: StoredRun, mode: SessionMode): RunPlan {
  const plan: RunPlan = {
    code: run.code,
    params: run.params,
    mode,
    source: 'replay',
    replayOf: run.runId,
    ...(run.timeoutMs === undefined ? {} : { timeoutMs: run.timeoutMs }),
    ...(run.resultBudget === undefined ? {} : { resultBudget: run.resultBudget }),
  };
  if (mode !== 'recorded') return plan;
  const recorded = replayableCalls(run.trace, run.traceComplete);
  const notes =
    recorded.length < run.trace.length
      ? [
          `run ${run.runId} kept the responses of only its first ${recorded.length} of ${run.trace.length} calls (the trace cap): the recorded replay ends there`,
        ]
      : [];
  return { ...plan, recorded, notes };
}

async function performRun(
  plan: RunPlan,
  options: ExecuteOptions,
  dependencies: Dependencies,
): Promise<RunEnvelope> {
  const { now, limits } = dependencies;
  const runId = dependencies.newId('run');
  const startedAt = now();
  const wallTimeMs = clampTimeout(plan.timeoutMs, limits);
  let session: ReplayableSession | undefined;
  let outcome: RunResult;
  try {
    if (typeof plan.code !== 'string')
      throw new InvalidInput('code must be a string of TypeScript');
    session = dependencies.createSession(plan.mode, plan.recorded);
    outcome = await dependencies.sandbox.run({
      code: plan.code,
      params: plan.params,
      host: session.host,
      ...(wallTimeMs === undefined ? {} : { limits: { wallTimeMs } }),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.onLog ? { onLog: options.onLog } : {}),
    });
  } catch (error) {
    outcome = internalFailure(error);
  }
  const durationMs = now() - startedAt;
  const result = outcome.ok ? serializeResult(outcome.value) : undefined;
  const summary = result
    ? summarizeSafely(result.value, clampResultBudget(plan.resultBudget, limits))
    : undefined;
  const resultRef = result ? dependencies.newId('result') : undefined;
  const parts = {
    runId,
    mode: plan.mode,
    outcome,
    calls: session?.summary() ?? { total: 0, reads: 0, writes: 0, retries: 0, failed: 0 },
    writes: session?.writes() ?? [],
    durationMs,
    limits,
    ...(summary ? { summary } : {}),
    ...(plan.replayOf ? { replayOf: plan.replayOf } : {}),
    ...(plan.notes ? { notes: plan.notes } : {}),
  };
  const divergence = plan.recorded
    ? divergenceOf(session?.replayState?.(), plan.recorded)
    : undefined;
  const envelope = buildEnvelope({
    ...parts,
    ...(resultRef ? { resultRef } : {}),
    ...(divergence ? { divergence } : {}),
  });
  try {
    dependencies.store.save({
      runId,
      createdAt: startedAt,
      mode: plan.mode,
      code: typeof plan.code === 'string' ? plan.code : '',
      envelope,
      logs: outcome.logs,
      calls: session?.ledger() ?? [],
      options: { timeoutMs: plan.timeoutMs, resultBudget: plan.resultBudget },
      ...(plan.source === undefined ? {} : { source: plan.source }),
      ...(plan.params === undefined ? {} : { params: plan.params }),
      ...(plan.replayOf ? { replayOf: plan.replayOf } : {}),
      ...(result && resultRef ? { result: { ref: resultRef, json: result.json } } : {}),
    });
    return envelope;
  } catch (error) {
    // The run happened and its envelope is true; only its record is lost. Say so, never throw.
    dependencies.logger?.warn({ err: error, runId }, 'could not store the run');
    const note = `this run could not be stored (${(error as Error).message}): runs show, replay and readResult will not find it`;
    return buildEnvelope({
      ...parts,
      notes: [...(plan.notes ?? []), note],
      ...(divergence ? { divergence } : {}),
    });
  }
}

/** The return value as stored (JSON text) and as summarized (that text parsed: plain JSON data). */
function serializeResult(value: unknown): { json: string; value: JsonValue } | undefined {
  if (value === undefined) return undefined;
  const json = JSON.stringify(value);
  return json === undefined ? undefined : { json, value: JSON.parse(json) as JsonValue };
}

function summarizeSafely(value: JsonValue, budget: number): Summary {
  try {
    return summarizeJson(value, budget);
  } catch {
    // Only a value nested deeper than the stack allows gets here; the full value is still stored.
    const marker = '…[a value too deeply nested to summarize: read it by path with readResult]';
    return { value: marker, truncated: true, chars: JSON.stringify(marker).length };
  }
}

/** A request the runs layer refuses before any sandbox work (an in-process caller's mistake). */
class InvalidInput extends Error {}

/** A failure outside the script (bad input, or the session or the sandbox threw): still an envelope. */
function internalFailure(error: unknown): RunResult {
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

function defaultId(now: () => number): (kind: 'run' | 'result') => string {
  return (kind) => {
    const time = now().toString(36).padStart(9, '0');
    const random = crypto.getRandomValues(new Uint8Array(6));
    const suffix = Array.from(random, (byte) => byte.toString(16).padStart(2, '0')).join('');
    return `${kind === 'run' ? 'run' : 'res'}_${time}${suffix}`;
  };
}
