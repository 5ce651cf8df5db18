/**
 * The run service: the lifecycle every surface shares (MCP, REST, CLI). `execute` and `replay`
 * plan a run (./run-plan.ts) and perform it (./perform-run.ts): an id, a session in the asked
 * mode, the sandbox, the envelope, the record. A script failure is an envelope, never an
 * exception (STYLE.md, principle 4); lookups of unknown runs and results throw RunsError.
 */
import type { Sandbox } from '../../sandbox/types.ts';
import { ownedBy, ownerFilter } from '../clients/visibility.ts';
import type { Requester } from '../clients/types.ts';
import type { SessionMode } from '../confluence/types.ts';
import { RunsError } from './errors.ts';
import { type RunLimits, resolveRunLimits } from './limits.ts';
import {
  type RunDependencies,
  type RunsLogger,
  type SessionFactory,
  performRun,
} from './perform-run.ts';
import { createResultReader } from './result-reader.ts';
import { planOf, type RunPlan, replayPlan } from './run-plan.ts';
import type { RunsStore } from './store/runs-store.ts';
import type { ExecuteOptions, RunService, StoredRun } from './types.ts';

export type { ReplayableSession, RunsLogger, SessionFactory } from './perform-run.ts';

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

/**
 * @example
 * const runs = createRunService({ sandbox, createSession, store });
 * const envelope = await runs.execute({ code: 'return (await confluence.spaces.list()).results.length' });
 */
export function createRunService(options: RunServiceOptions): RunService {
  const now = options.now ?? Date.now;
  const dependencies: RunDependencies = {
    sandbox: options.sandbox,
    createSession: options.createSession,
    store: options.store,
    limits: resolveRunLimits(options.limits),
    now,
    newId: options.newId ?? defaultId(now),
    ...(options.logger ? { logger: options.logger } : {}),
  };
  const reader = createResultReader(options.store, dependencies.limits);
  return {
    execute: (input, executeOptions = {}) =>
      performRun(withClient(planOf(input), executeOptions), executeOptions, dependencies),
    readResult: (resultRef, readOptions) => reader.read(resultRef, readOptions),
    async listRuns(listOptions = {}) {
      checkListOptions(listOptions);
      const { requester, ...filters } = listOptions;
      const client = ownerFilter(requester);
      return options.store.list({ ...filters, ...(client === undefined ? {} : { client }) });
    },
    getRun: (runId, getOptions) => storedRun(options.store, runId, getOptions?.requester),
    async replay(runId, mode, executeOptions) {
      if (!MODES.includes(mode)) {
        throw new RunsError(
          'INVALID_OPTION',
          `mode must be one of ${MODES.join(', ')}; got ${String(mode)}`,
        );
      }
      const run = await storedRun(options.store, runId, executeOptions?.client);
      const plan = withClient(replayPlan(run, mode), executeOptions ?? {});
      return performRun(plan, executeOptions ?? {}, dependencies);
    },
  };
}

function checkListOptions(options: { limit?: number; status?: string }): void {
  const { limit, status } = options;
  if (
    limit !== undefined &&
    (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT)
  ) {
    throw new RunsError(
      'INVALID_OPTION',
      `limit must be an integer from 1 to ${MAX_LIST_LIMIT}; got ${limit}`,
    );
  }
  if (status !== undefined && status !== 'ok' && status !== 'error') {
    throw new RunsError('INVALID_OPTION', `status must be "ok" or "error"; got ${String(status)}`);
  }
}

function withClient(plan: RunPlan, executeOptions: ExecuteOptions): RunPlan {
  return executeOptions.client ? { ...plan, client: executeOptions.client } : plan;
}

/** Another user-role client's run is not found, exactly as one that never existed. */
async function storedRun(
  store: RunsStore,
  runId: string,
  requester?: Requester,
): Promise<StoredRun> {
  const run = await store.get(runId);
  if (!run || !ownedBy(requester, run.client)) {
    throw new RunsError(
      'RUN_NOT_FOUND',
      `no stored run "${runId}" (it never existed, or retention removed it)`,
    );
  }
  return run;
}

/** `run_` or `res_`, then the time in base 36 (ids sort by creation), then 48 random bits. */
function defaultId(now: () => number): (kind: 'run' | 'result') => string {
  return (kind) => {
    const time = now().toString(36).padStart(9, '0');
    const random = crypto.getRandomValues(new Uint8Array(6));
    const suffix = Array.from(random, (byte) => byte.toString(16).padStart(2, '0')).join('');
    return `${kind === 'run' ? 'run' : 'res'}_${time}${suffix}`;
  };
}
