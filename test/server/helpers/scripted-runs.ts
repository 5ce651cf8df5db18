/**
 * A RunService whose runs are test-supplied functions: for testing the service's own behaviour
 * (transports, admission, cancellation, progress, error translation) with exact control over
 * timing. Scenarios that need the real sandbox, SDK and emulator live in test/e2e.
 */
import { RunsError } from '../../../src/runs/errors.ts';
import type {
  ExecuteOptions,
  ResultSlice,
  RunEnvelope,
  RunInput,
  RunService,
  StoredRun,
  StoredRunSummary,
} from '../../../src/runs/types.ts';

export type ScriptBehaviour = (
  input: RunInput,
  options: ExecuteOptions,
) => Promise<Partial<RunEnvelope>> | Partial<RunEnvelope>;

export class ScriptedRuns implements RunService {
  readonly executed: RunInput[] = [];
  readonly stored = new Map<string, { input: RunInput; envelope: RunEnvelope; full?: unknown }>();
  #next = 1;
  #behaviour: ScriptBehaviour;

  constructor(behaviour: ScriptBehaviour = () => ({ result: 'done' })) {
    this.#behaviour = behaviour;
  }

  /** Replaces what the next runs do. */
  behave(behaviour: ScriptBehaviour): void {
    this.#behaviour = behaviour;
  }

  /** Stores a full result under a ref, as the runs layer does for truncated results. */
  storeResult(resultRef: string, full: unknown): void {
    this.stored.set(resultRef, { input: { code: '' }, envelope: envelope('r_stored', {}), full });
  }

  async execute(input: RunInput, options: ExecuteOptions = {}): Promise<RunEnvelope> {
    this.executed.push(input);
    const runId = `r_${this.#next++}`;
    const started = Date.now();
    const parts = await this.#behaviour(input, options);
    const result = envelope(runId, { durationMs: Date.now() - started, ...parts });
    this.stored.set(runId, { input, envelope: result });
    return result;
  }

  async readResult(
    resultRef: string,
    options: { path?: string; offset?: number; limit?: number } = {},
  ): Promise<ResultSlice> {
    const entry = this.stored.get(resultRef);
    if (!entry || entry.full === undefined) {
      throw new RunsError('RESULT_NOT_FOUND', `unknown resultRef ${resultRef}`);
    }
    const offset = options.offset ?? 0;
    const limit = options.limit ?? 100;
    const value = Array.isArray(entry.full) ? entry.full.slice(offset, offset + limit) : entry.full;
    const total = Array.isArray(entry.full) ? entry.full.length : undefined;
    const hasMore = total !== undefined && offset + limit < total;
    return {
      resultRef,
      path: options.path ?? '$',
      type: Array.isArray(entry.full) ? 'array' : 'object',
      value,
      truncated: false,
      total,
      offset,
      hasMore,
      ...(hasMore ? { nextOffset: offset + limit } : {}),
    };
  }

  async listRuns(
    options: { limit?: number; status?: 'ok' | 'error' } = {},
  ): Promise<StoredRunSummary[]> {
    return [...this.stored.values()]
      .map(({ input, envelope: run }) => ({
        runId: run.runId,
        status: run.status,
        source: input.source,
        createdAt: new Date(0).toISOString(),
        durationMs: run.durationMs,
        calls: run.calls,
      }))
      .filter((run) => !options.status || run.status === options.status)
      .slice(0, options.limit ?? 50);
  }

  async getRun(runId: string): Promise<StoredRun> {
    const entry = this.stored.get(runId);
    if (!entry) throw new RunsError('RUN_NOT_FOUND', `unknown run ${runId}`);
    const { envelope: run, input } = entry;
    return {
      runId,
      status: run.status,
      source: input.source,
      createdAt: new Date(0).toISOString(),
      durationMs: run.durationMs,
      calls: run.calls,
      code: input.code,
      params: input.params,
      envelope: run,
      logs: [],
      trace: [],
      traceComplete: true,
    };
  }

  async replay(
    runId: string,
    mode: 'live' | 'dry-run' | 'recorded',
    options?: ExecuteOptions,
  ): Promise<RunEnvelope> {
    const entry = this.stored.get(runId);
    if (!entry) throw new RunsError('RUN_NOT_FOUND', `unknown run ${runId}`);
    const replayed = await this.execute({ ...entry.input, source: 'replay' }, options);
    return { ...replayed, mode };
  }
}

export function envelope(runId: string, parts: Partial<RunEnvelope>): RunEnvelope {
  return {
    runId,
    status: parts.error ? 'error' : 'ok',
    truncated: false,
    logs: [],
    calls: { total: 0, reads: 0, writes: 0, retries: 0, failed: 0 },
    writes: [],
    durationMs: 0,
    ...parts,
  };
}

/** Resolves after `ms`, or rejects when the signal aborts (as a cancelled run does). */
export function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
}
