/**
 * One run's view of the SDK: a host function per operation that validates the arguments, applies
 * the policy on the host, then goes live, holds writes back (dry-run) or answers from a recording
 * (recorded), and writes one {@link CallRecord} per call into the ledger. Credentials stay in the
 * client: nothing here sees them.
 */
import type { PolicyConfig } from '../../config.ts';
import type { HostCallContext, HostFunction } from '../../../sandbox/types.ts';
import type { ConfluenceClient } from '../http/client.ts';
import type { CallRecord, RetryNotice, RunSession, SessionMode, Withheld } from '../types.ts';
import { plannedAnswer } from './dry-run.ts';
import { createPlannedObjects, type PlannedObjects } from './planned-objects.ts';
import { SessionError } from './errors.ts';
import { executeOperation, type CallStats } from './execute.ts';
import { createLedger } from './ledger.ts';
import { indexOperations, type AnyOperation, type OperationRegistry } from './operations.ts';
import { createRunPolicy, type RunPolicy } from './policy.ts';
import { createReplay, type Replay, type ReplayState } from './replay.ts';
import { createSpaceResolver } from './space-resolver.ts';
import { validateInput } from './validation.ts';

export interface RunSessionOptions {
  /** The site's client (shared by every run against the site). Unused in `recorded` mode. */
  client: ConfluenceClient;
  /** The operation registry. */
  operations: OperationRegistry;
  mode: SessionMode;
  policy: PolicyConfig;
  /** The ledger to answer from in `recorded` mode. */
  recorded?: readonly CallRecord[];
  /** Epoch milliseconds (default `Date.now`). */
  now?: () => number;
  /** Told when a call waits to try again (a 503, a 429's Retry-After): see {@link RetryNotice}. */
  onRetry?: (notice: RetryNotice) => void;
}

/** A {@link RunSession} with what replay needs besides. */
export interface ConfluenceRunSession extends RunSession {
  readonly mode: SessionMode;
  withheld(): Withheld | undefined;
  /** In `recorded` mode: how far the replay got and where it diverged; `undefined` otherwise. */
  replayState(): ReplayState | undefined;
}

/**
 * @example
 * const session = createRunSession({ client, operations, mode: 'dry-run', policy: config.policy });
 * const result = await sandbox.run({ code, host: session.host });
 * const envelope = { calls: session.summary(), writes: session.writes() };
 */
export function createRunSession(options: RunSessionOptions): ConfluenceRunSession {
  if (options.mode === 'recorded' && !options.recorded) {
    throw new TypeError('recorded mode needs the recorded ledger (options.recorded)');
  }
  const operations = indexOperations(options.operations);
  const now = options.now ?? Date.now;
  const ledger = createLedger({ recorded: options.mode === 'recorded' });
  const runCache = new Map<string, unknown>();
  const replay = options.mode === 'recorded' ? createReplay(options.recorded ?? []) : undefined;
  const resolverRequest = (spec: Parameters<ConfluenceClient['request']>[0]) =>
    options.client.request(spec, { operation: 'policy.allowedSpaces' });
  const policy = createRunPolicy(
    options.policy,
    createSpaceResolver(options.policy.allowedSpaces, resolverRequest),
  );
  const planned = options.mode === 'dry-run' ? createPlannedObjects() : undefined;
  const shared: CallShared = { options, operations, policy, replay, runCache, planned };

  const host: Record<string, HostFunction> = {};
  for (const operation of operations.values()) {
    host[operation.name] = async (args, context) => {
      const record = await runCall(shared, operation, args, context, ledger.open(), now);
      ledger.settle(record.entry);
      if (record.error) throw record.error;
      return record.entry.response;
    };
  }
  return {
    host,
    mode: options.mode,
    ledger: ledger.records,
    summary: ledger.summary,
    writes: ledger.writes,
    withheld: () => {
      const count = ledger.records().reduce((sum, record) => sum + (record.withheld ?? 0), 0);
      return count === 0 ? undefined : { count, reason: policy.withheldReason };
    },
    replayState: () => replay?.state(),
  };
}

interface CallShared {
  options: RunSessionOptions;
  operations: ReadonlyMap<string, AnyOperation>;
  policy: RunPolicy;
  replay: Replay | undefined;
  runCache: Map<string, unknown>;
  /** Dry run only: what the run planned, readable back by id. */
  planned: PlannedObjects | undefined;
}

async function runCall(
  shared: CallShared,
  operation: AnyOperation,
  args: unknown,
  context: HostCallContext,
  index: number,
  now: () => number,
): Promise<{ entry: CallRecord; error?: unknown }> {
  const startedAt = now();
  const planned = shared.planned;
  const validated = validateInput(
    operation.name,
    operation.input,
    planned ? planned.toAliases(args) : args,
  );
  const input = validated.ok ? validated.value : args;
  const stats: CallStats = { retries: 0 };
  const base = {
    index,
    operation: operation.name,
    kind: operation.kind,
    args: toJson(input),
    startedAt,
  };
  const target =
    operation.kind === 'write' && validated.ok
      ? (planned?.fromAliases(targetOf(operation, input)) ?? targetOf(operation, input))
      : undefined;
  const finish = (fields: Partial<CallRecord>): CallRecord => ({
    ...base,
    status: 'ok',
    retries: stats.retries,
    ...(stats.httpStatus === undefined ? {} : { httpStatus: stats.httpStatus }),
    ...(target === undefined ? {} : { target }),
    durationMs: now() - startedAt,
    responseBytes: 0,
    ...fields,
  });
  try {
    if (shared.replay) return replayed(shared.replay.next(index, operation.name, input), finish);
    const readBack = planned?.readBack(operation, args);
    if (readBack) return { entry: finish({ response: readBack, responseBytes: sizeOf(readBack) }) };
    if (!validated.ok) throw validated.error;
    const sent = await shared.policy.admit(operation, input);
    if (shared.options.mode === 'dry-run' && operation.kind === 'write') {
      const answer = plannedAnswer(operation, input, index);
      const response = planned ? planned.record(operation, input, answer) : answer;
      return { entry: finish({ status: 'planned', response, responseBytes: sizeOf(response) }) };
    }
    const answer = await executeOperation(operation, sent, {
      client: shared.options.client,
      operations: shared.operations,
      signal: context.signal,
      stats,
      runCache: shared.runCache,
      onRetry: shared.options.onRetry,
      beforeSend: context.beforeSend,
    });
    const { answer: response, withheld } = await shared.policy.screen(operation, answer);
    return {
      entry: finish({
        response,
        responseBytes: sizeOf(response),
        ...(withheld > 0 ? { withheld } : {}),
      }),
    };
  } catch (error) {
    const refused = error instanceof SessionError && error.phase === 'policy';
    return {
      entry: finish({ status: refused ? 'refused' : 'error', error: errorOf(error) }),
      error,
    };
  }
}

/** A recorded call answered again: same status and answer, or the same error re-thrown. */
function replayed(recorded: CallRecord, finish: (fields: Partial<CallRecord>) => CallRecord) {
  const fields: Partial<CallRecord> = {
    status: recorded.status,
    responseBytes: recorded.responseBytes,
    ...(recorded.httpStatus === undefined ? {} : { httpStatus: recorded.httpStatus }),
    ...(recorded.target === undefined ? {} : { target: recorded.target }),
    ...(recorded.response === undefined ? {} : { response: recorded.response }),
    ...(recorded.error === undefined ? {} : { error: recorded.error }),
    ...(recorded.withheld === undefined ? {} : { withheld: recorded.withheld }),
  };
  const entry = finish(fields);
  if (recorded.status !== 'error' && recorded.status !== 'refused') return { entry };
  const error = recorded.error ?? { code: 'RECORDED_ERROR', message: 'the recorded call failed' };
  return {
    entry,
    error: new SessionError({
      name: 'RecordedError',
      code: error.code,
      phase: error.phase ?? (recorded.status === 'refused' ? 'policy' : 'confluence'),
      message: error.message,
      ...(error.status === undefined ? {} : { status: error.status }),
    }),
  };
}

function errorOf(error: unknown): NonNullable<CallRecord['error']> {
  const shape = error as { code?: unknown; message?: unknown; status?: unknown; phase?: unknown };
  return {
    code: typeof shape.code === 'string' ? shape.code : 'INTERNAL_ERROR',
    message: typeof shape.message === 'string' ? shape.message : String(error),
    ...(typeof shape.status === 'number' ? { status: shape.status } : {}),
    ...(typeof shape.phase === 'string'
      ? { phase: shape.phase as NonNullable<CallRecord['error']>['phase'] }
      : {}),
  };
}

function targetOf(operation: AnyOperation, input: unknown): string {
  try {
    return operation.target?.(input) ?? operation.name;
  } catch {
    return operation.name;
  }
}

function sizeOf(value: unknown): number {
  const json = JSON.stringify(value);
  return json === undefined ? 0 : Buffer.byteLength(json);
}

function toJson(value: unknown): unknown {
  const json = JSON.stringify(value);
  return json === undefined ? undefined : (JSON.parse(json) as unknown);
}
