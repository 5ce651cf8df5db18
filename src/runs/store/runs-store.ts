/**
 * The runs store's contract: saves finished runs with their full results, reads them back, and
 * keeps itself bounded by retention (count, age and size; the constants below). The only thing
 * the run service talks to for storage. Two implementations keep the same tables and rules:
 * ./sqlite-runs-store.ts (the embedded default) and ./postgres-runs-store.ts (WORKBENCH_DATABASE_URL,
 * shared by several instances); test/runs/runs-store.test.ts runs one suite against both.
 */
import type { LogEntry } from '../../../sandbox/types.ts';
import type { CallRecord, SessionMode } from '../../confluence/types.ts';
import type { RunEnvelope, StoredRun, StoredRunSummary } from '../types.ts';

/** What the caller asked of a run, kept so that a replay asks the same. */
export interface RunOptions {
  timeoutMs?: number;
  resultBudget?: number;
  cpuTimeMs?: number;
  maxHostCalls?: number;
}

/** Runs kept at most; the oldest go first. */
export const DEFAULT_MAX_STORED_RUNS = 1_000;
/** Runs older than this are removed: 30 days. */
export const DEFAULT_MAX_RUN_AGE_MS = 30 * 24 * 60 * 60 * 1_000;
/** Characters of JSON and code kept in all (about 1 GB); the oldest runs go first. */
export const DEFAULT_MAX_STORE_CHARS = 1_000_000_000;
/** Characters of one run's call trace; responses past it are dropped (recorded replay then stops there). */
export const DEFAULT_MAX_TRACE_CHARS = 16_000_000;
/** Listings return at most this many runs when no limit is given. */
export const DEFAULT_LIST_LIMIT = 50;

export interface RetentionOptions {
  maxRuns: number;
  maxAgeMs: number;
  maxStoreChars: number;
}

export interface RunsStoreOptions {
  /** Epoch milliseconds (default `Date.now`). */
  now?: () => number;
  retention?: Partial<RetentionOptions>;
  maxTraceChars?: number;
}

/** What the run service saves when a run ends. */
export interface NewRun {
  runId: string;
  /** Epoch milliseconds when the run started. */
  createdAt: number;
  source?: string;
  mode: SessionMode;
  code: string;
  params?: unknown;
  /** The caller's own limits, kept so that a replay runs under the same ones. */
  options?: RunOptions;
  envelope: RunEnvelope;
  logs: LogEntry[];
  calls: CallRecord[];
  replayOf?: string;
  /** The full result as JSON text, under its ref. */
  result?: { ref: string; json: string };
  /** The client (tenant) the run belongs to; absent: the CLI's, seen by admins only. */
  client?: string;
}

export interface ListOptions {
  limit?: number;
  status?: 'ok' | 'error';
  /** Only this client's runs. */
  client?: string;
}

export interface RunsStore {
  /** Saves a run (and its result) in one transaction, then applies retention. */
  save(run: NewRun): Promise<void>;
  get(runId: string): Promise<StoredRun | undefined>;
  /** Newest first; with `client`, only that client's runs. */
  list(options?: ListOptions): Promise<StoredRunSummary[]>;
  /**
   * The full result's JSON text, or undefined when unknown or removed, or when `client` is given
   * and the result's run is not that client's.
   */
  readResult(resultRef: string, client?: string): Promise<string | undefined>;
  /** Applies retention now; returns how many runs were removed. */
  prune(): Promise<number>;
}

/** The store's settings with every default filled in. */
export interface ResolvedRunsStoreOptions {
  now: () => number;
  retention: RetentionOptions;
  maxTraceChars: number;
}

/**
 * @example
 * resolveRunsStoreOptions({ retention: { maxRuns: 10 } }).retention.maxAgeMs; // 30 days
 */
export function resolveRunsStoreOptions(options: RunsStoreOptions = {}): ResolvedRunsStoreOptions {
  return {
    now: options.now ?? Date.now,
    retention: {
      maxRuns: options.retention?.maxRuns ?? DEFAULT_MAX_STORED_RUNS,
      maxAgeMs: options.retention?.maxAgeMs ?? DEFAULT_MAX_RUN_AGE_MS,
      maxStoreChars: options.retention?.maxStoreChars ?? DEFAULT_MAX_STORE_CHARS,
    },
    maxTraceChars: options.maxTraceChars ?? DEFAULT_MAX_TRACE_CHARS,
  };
}
