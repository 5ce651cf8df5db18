/**
 * One run from plan to stored envelope: a session in the plan's mode, the sandbox with the
 * session's host functions, the envelope, then the record. Never throws: failures of the script,
 * of the input, of the sandbox and of the store all end as an envelope.
 */
import type { RunResult, Sandbox } from '../../sandbox/types.ts';
import type { Tenant } from '../clients/types.ts';
import type { ReplayState } from '../confluence/index.ts';
import type { CallRecord, RetryNotice, RunSession, SessionMode } from '../confluence/types.ts';
import { divergenceOf } from './divergence.ts';
import { buildEnvelope, type EnvelopeParts } from './envelope.ts';
import {
  clampNotes,
  clampRequestedLimits,
  clampResultBudget,
  clampTimeout,
  type RunLimits,
} from './limits.ts';
import { internalFailure, InvalidInput, serializeResult, summarizeSafely } from './outcome.ts';
import type { RunPlan } from './run-plan.ts';
import type { NewRun, RunsStore } from './store/runs-store.ts';
import type { Summary } from './summarize.ts';
import type { ExecuteOptions, RunEnvelope } from './types.ts';

/** One run's session; in recorded mode it also says how far the replay got. */
export interface ReplayableSession extends RunSession {
  replayState?(): ReplayState | undefined;
}

/**
 * Creates the session of one run (the SDK's createRunSession, bound to the site and policy): the
 * client's, when the run has one (its narrowed policy, its Confluence user).
 */
export type SessionFactory = (
  mode: SessionMode,
  recorded?: readonly CallRecord[],
  client?: Tenant,
  observers?: SessionObservers,
) => ReplayableSession;

/** What the caller of one run is told about its session as it happens. */
export interface SessionObservers {
  onRetry?: (notice: RetryNotice) => void;
}

/** Where the service reports what it cannot put in an envelope (pino fits). */
export interface RunsLogger {
  warn(details: object, message: string): void;
}

export interface RunDependencies {
  sandbox: Pick<Sandbox, 'run'>;
  createSession: SessionFactory;
  store: RunsStore;
  limits: RunLimits;
  now: () => number;
  newId: (kind: 'run' | 'result') => string;
  logger?: RunsLogger;
}

const NO_CALLS = { total: 0, reads: 0, writes: 0, retries: 0, failed: 0 };

/**
 * @example
 * const envelope = await performRun(planOf(input), { signal }, dependencies);
 */
export async function performRun(
  plan: RunPlan,
  options: ExecuteOptions,
  dependencies: RunDependencies,
): Promise<RunEnvelope> {
  const { now, limits } = dependencies;
  const runId = dependencies.newId('run');
  const startedAt = now();
  const ran = await runInSandbox(plan, options, dependencies);
  const { session } = ran;
  // Whatever goes wrong with the value (it is up to maxResultBytes), the run keeps its envelope
  // and its writes ledger: the failure becomes the run's error.
  let outcome = ran.outcome;
  let result: ReturnType<typeof serializeResult>;
  let summary: Summary | undefined;
  try {
    result = outcome.ok ? serializeResult(outcome.value) : undefined;
    const budget = clampResultBudget(plan.resultBudget, limits);
    summary = result ? summarizeSafely(result.value, budget) : undefined;
  } catch (error) {
    outcome = { ...internalFailure(error), logs: outcome.logs, warnings: outcome.warnings };
    result = undefined;
    summary = undefined;
  }
  const resultRef = result ? dependencies.newId('result') : undefined;
  const divergence = plan.recorded
    ? divergenceOf(session?.replayState?.(), plan.recorded)
    : undefined;
  const notes = [...(plan.notes ?? []), ...clampNotes(plan, limits)];
  const parts: EnvelopeParts = {
    runId,
    mode: plan.mode,
    outcome,
    calls: session?.summary() ?? NO_CALLS,
    writes: session?.writes() ?? [],
    ...withheldOf(session),
    durationMs: now() - startedAt,
    limits,
    ...(summary ? { summary } : {}),
    ...(plan.replayOf ? { replayOf: plan.replayOf } : {}),
    ...(notes.length > 0 ? { notes } : {}),
    ...(divergence ? { divergence } : {}),
  };
  const envelope = buildEnvelope({ ...parts, ...(resultRef ? { resultRef } : {}) });
  const record: NewRun = {
    runId,
    createdAt: startedAt,
    mode: plan.mode,
    code: typeof plan.code === 'string' ? plan.code : '',
    envelope,
    logs: outcome.logs,
    calls: session?.ledger() ?? [],
    options: {
      timeoutMs: plan.timeoutMs,
      resultBudget: plan.resultBudget,
      cpuTimeMs: plan.cpuTimeMs,
      maxHostCalls: plan.maxHostCalls,
    },
    ...(plan.source === undefined ? {} : { source: plan.source }),
    ...(plan.params === undefined ? {} : { params: plan.params }),
    ...(plan.replayOf ? { replayOf: plan.replayOf } : {}),
    ...(result && resultRef ? { result: { ref: resultRef, json: result.json } } : {}),
    ...(plan.client ? { client: plan.client.name } : {}),
  };
  try {
    await dependencies.store.save(record);
    return envelope;
  } catch (error) {
    // The run happened and its envelope is true; only its record is lost. Say so, never throw.
    dependencies.logger?.warn({ err: error, runId }, 'could not store the run');
    const note = `this run could not be stored (${(error as Error).message}): runs show, replay and readResult will not find it`;
    return buildEnvelope({ ...parts, notes: [...notes, note] });
  }
}

function withheldOf(session: ReplayableSession | undefined): Pick<EnvelopeParts, 'withheld'> {
  const withheld = session?.withheld?.();
  return withheld ? { withheld } : {};
}

async function runInSandbox(
  plan: RunPlan,
  options: ExecuteOptions,
  dependencies: RunDependencies,
): Promise<{ session?: ReplayableSession; outcome: RunResult }> {
  let session: ReplayableSession | undefined;
  try {
    if (typeof plan.code !== 'string') {
      throw new InvalidInput('code must be a string of TypeScript');
    }
    session = dependencies.createSession(
      plan.mode,
      plan.recorded,
      plan.client,
      options.onRetry ? { onRetry: options.onRetry } : {},
    );
    const wallTimeMs = clampTimeout(plan.timeoutMs, dependencies.limits);
    const outcome = await dependencies.sandbox.run({
      code: plan.code,
      params: plan.params,
      host: session.host,
      limits: {
        ...(wallTimeMs === undefined ? {} : { wallTimeMs }),
        ...clampRequestedLimits(plan, dependencies.limits),
        maxReturnBytes: dependencies.limits.maxResultBytes,
      },
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.onLog ? { onLog: options.onLog } : {}),
    });
    return { session, outcome };
  } catch (error) {
    return { ...(session ? { session } : {}), outcome: internalFailure(error) };
  }
}
