/**
 * What one run is asked to do, whoever asked: a caller's RunInput, or a replay of a stored run
 * (same code, params and limits; in recorded mode the calls it can answer from).
 */
import type { Tenant } from '../clients/types.ts';
import type { CallRecord, SessionMode } from '../confluence/types.ts';
import { replayableCalls } from './divergence.ts';
import type { RunInput, StoredRun } from './types.ts';

export interface RunPlan {
  /** Not yet checked: an in-process caller may pass anything. */
  code: unknown;
  params?: unknown;
  mode: SessionMode;
  source?: string;
  timeoutMs?: number;
  resultBudget?: number;
  cpuTimeMs?: number;
  maxHostCalls?: number;
  replayOf?: string;
  /** Recorded mode: the calls to answer from. */
  recorded?: CallRecord[];
  /** Notes of the runs layer for the envelope's warnings. */
  notes?: string[];
  /** Whose run it is (absent: the server's own). */
  client?: Tenant;
}

/**
 * @example
 * planOf({ code: 'return 1', dryRun: true }); // { code: 'return 1', mode: 'dry-run' }
 */
export function planOf(input: RunInput): RunPlan {
  return {
    code: input.code,
    mode: input.dryRun ? 'dry-run' : 'live',
    ...(input.params === undefined ? {} : { params: input.params }),
    ...(input.source === undefined ? {} : { source: input.source }),
    ...(input.timeoutMs === undefined ? {} : { timeoutMs: input.timeoutMs }),
    ...(input.resultBudget === undefined ? {} : { resultBudget: input.resultBudget }),
    ...(input.cpuTimeMs === undefined ? {} : { cpuTimeMs: input.cpuTimeMs }),
    ...(input.maxHostCalls === undefined ? {} : { maxHostCalls: input.maxHostCalls }),
  };
}

/**
 * @example
 * const plan = replayPlan(await runs.getRun(runId), 'recorded');
 */
export function replayPlan(run: StoredRun, mode: SessionMode): RunPlan {
  const plan: RunPlan = {
    code: run.code,
    mode,
    source: 'replay',
    replayOf: run.runId,
    ...(run.params === undefined ? {} : { params: run.params }),
    ...(run.timeoutMs === undefined ? {} : { timeoutMs: run.timeoutMs }),
    ...(run.resultBudget === undefined ? {} : { resultBudget: run.resultBudget }),
    ...(run.cpuTimeMs === undefined ? {} : { cpuTimeMs: run.cpuTimeMs }),
    ...(run.maxHostCalls === undefined ? {} : { maxHostCalls: run.maxHostCalls }),
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
