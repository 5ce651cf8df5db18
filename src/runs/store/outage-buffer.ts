/**
 * Keeps an instance serving while the shared database is briefly away (DESIGN.md, "Storage"). A
 * run that finishes while the database is unreachable is kept in memory, bounded in runs and
 * characters, and saved when the database is back (retried with exponential back-off by p-retry);
 * meanwhile this instance answers reads of those runs (show, result, replay) from memory, and
 * listings add them once the database answers again. Every other read goes to the database and fails with STORE_UNAVAILABLE within the store's
 * deadline. Beyond the bounds a save fails as before (the envelope then says it was not stored).
 */
import pRetry from 'p-retry';
import type { StoredRun, StoredRunSummary } from '../types.ts';
import { isUnreachable } from './postgres-runs-store.ts';
import { fromRunRow, fromSummaryRow, toRunRow } from './run-rows.ts';
import {
  DEFAULT_LIST_LIMIT,
  DEFAULT_MAX_TRACE_CHARS,
  type NewRun,
  type RunsStore,
} from './runs-store.ts';

/** Runs kept in memory at most while the database is away. */
export const DEFAULT_MAX_PENDING_RUNS = 500;
/** Characters of runs (code, JSON, trace, result) kept in memory at most: about 200 MB. */
export const DEFAULT_MAX_PENDING_CHARS = 100_000_000;

export interface OutageBufferOptions {
  maxPendingRuns?: number;
  maxPendingChars?: number;
  /** Back-off between attempts to save what is pending, in ms (default 250 to 5,000). */
  minRetryMs?: number;
  maxRetryMs?: number;
  maxTraceChars?: number;
  logger?: {
    warn(details: object, message: string): void;
    info(details: object, message: string): void;
  };
}

export interface BufferedRunsStore extends RunsStore {
  /** Runs finished on this instance and not yet in the database. */
  pendingRuns(): number;
  /** Saves what is pending now if it can (one attempt each), then stops retrying. */
  close(): Promise<void>;
}

interface Pending {
  run: NewRun;
  stored: StoredRun;
  summary: StoredRunSummary;
  chars: number;
}

/**
 * @example
 * const store = withOutageBuffer(await createPostgresRunsStore(pool), { logger });
 * await store.save(run); // kept in memory if the database is away, saved when it is back
 */
export function withOutageBuffer(
  inner: RunsStore,
  options: OutageBufferOptions = {},
): BufferedRunsStore {
  const maxRuns = options.maxPendingRuns ?? DEFAULT_MAX_PENDING_RUNS;
  const maxChars = options.maxPendingChars ?? DEFAULT_MAX_PENDING_CHARS;
  const maxTraceChars = options.maxTraceChars ?? DEFAULT_MAX_TRACE_CHARS;
  const pending = new Map<string, Pending>();
  let pendingChars = 0;
  let flushing: Promise<void> | undefined;
  const stop = new AbortController();

  const keep = (run: NewRun, error: unknown): void => {
    const row = toRunRow(run, maxTraceChars);
    if (pending.size + 1 > maxRuns || pendingChars + row.bytes > maxChars) {
      throw new Error(
        `${(error as Error).message}; ${pending.size} runs (${pendingChars} characters) already wait in memory, the limit is ${maxRuns} runs / ${maxChars} characters`,
      );
    }
    pending.set(run.runId, {
      run,
      stored: fromRunRow(row),
      summary: fromSummaryRow(row),
      chars: row.bytes,
    });
    pendingChars += row.bytes;
    options.logger?.warn(
      { runId: run.runId, pending: pending.size, reason: (error as Error).message },
      'runs database unreachable: run kept in memory until it is back',
    );
  };
  const forget = (runId: string): void => {
    const entry = pending.get(runId);
    if (!entry) return;
    pending.delete(runId);
    pendingChars -= entry.chars;
  };
  // One attempt over everything pending, oldest first; the first unreachable error stops it.
  const saveOne = async (entry: Pending): Promise<void> => {
    try {
      await inner.save(entry.run);
    } catch (error) {
      if (isUnreachable(error)) throw error;
      // Saved before the connection dropped (a duplicate id), or refused for good: either way it
      // is no longer this instance's to keep.
      options.logger?.warn(
        { runId: entry.run.runId, reason: (error as Error).message },
        'a run kept during the outage was not saved again',
      );
    }
    forget(entry.run.runId);
  };
  const saveAll = async (): Promise<void> => {
    for (const entry of [...pending.values()]) await saveOne(entry);
  };
  const flush = (): void => {
    flushing ??= pRetry(saveAll, {
      retries: Number.POSITIVE_INFINITY,
      minTimeout: options.minRetryMs ?? 250,
      maxTimeout: options.maxRetryMs ?? 5_000,
      signal: stop.signal,
    })
      .then(
        () => options.logger?.info({}, 'runs database back: runs kept in memory are saved'),
        () => undefined,
      )
      .finally(() => {
        flushing = undefined;
        if (pending.size > 0 && !stop.signal.aborted) flush();
      });
  };

  return {
    async save(run) {
      try {
        await inner.save(run);
      } catch (error) {
        if (!isUnreachable(error)) throw error;
        keep(run, error);
        flush();
        return;
      }
      if (pending.size > 0) flush();
    },
    async get(runId) {
      return pending.get(runId)?.stored ?? inner.get(runId);
    },
    async list(listOptions = {}) {
      const stored = await inner.list(listOptions);
      if (pending.size === 0) return stored;
      const extra = [...pending.values()]
        .map((entry) => entry.summary)
        .filter(
          (run) =>
            (listOptions.status === undefined || run.status === listOptions.status) &&
            (listOptions.client === undefined || run.client === listOptions.client) &&
            !stored.some((other) => other.runId === run.runId),
        );
      return [...extra, ...stored]
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .slice(0, listOptions.limit ?? DEFAULT_LIST_LIMIT);
    },
    async readResult(resultRef, client) {
      for (const { run } of pending.values()) {
        if (run.result?.ref !== resultRef) continue;
        return client === undefined || run.client === client ? run.result.json : undefined;
      }
      return inner.readResult(resultRef, client);
    },
    prune: () => inner.prune(),
    pendingRuns: () => pending.size,
    async close() {
      stop.abort();
      await flushing;
      await saveAll().catch((error: unknown) =>
        options.logger?.warn(
          { lost: pending.size, reason: (error as Error).message },
          'runs database still unreachable at close: runs kept in memory are lost',
        ),
      );
    },
  };
}
