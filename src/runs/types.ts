/**
 * The runs contract: the run envelope every surface returns (MCP `structuredContent`, REST body,
 * `run --json`), and the service that the MCP server, the REST API and the CLI call.
 * Shape and names follow ../shared/DESIGN.md, "The run envelope".
 */
import type { ErrorPhase, LogEntry, ProgressEvent } from '../../sandbox/types.ts';
import type { Requester, Tenant } from '../clients/types.ts';
import type {
  CallRecord,
  CallSummary,
  RetryNotice,
  SessionMode,
  Withheld,
  WriteRecord,
} from '../confluence/types.ts';

export interface RunEnvelopeError {
  phase: ErrorPhase;
  /** Stable code, e.g. `TYPE_ERROR`, `CPU_TIME_LIMIT`, `CONFLUENCE_NOT_FOUND`. */
  code: string;
  message: string;
  /** 1-based position in the user's TypeScript. */
  line?: number;
  column?: number;
  /** How to fix it, addressed to the script's author (often a model). */
  hint?: string;
  /** A short code frame around line:column. */
  frame?: string;
  /** For Confluence errors: the HTTP status. */
  status?: number;
  /** For limit errors: which limit, its value and the figure reached. */
  limit?: { name: string; limit: number; reached: number };
}

export interface RunEnvelope {
  runId: string;
  status: 'ok' | 'error';
  /** The return value summarized to the result budget: valid JSON, shape kept, cuts said in place. */
  result?: unknown;
  /** True when `result` was cut; the full value is behind `resultRef`. */
  truncated: boolean;
  /** Handle for `read_result` / `GET /v1/results/:ref`, present when `truncated`. */
  resultRef?: string;
  /** Console output, capped; elision is marked in place. */
  logs: string[];
  error?: RunEnvelopeError;
  calls: CallSummary;
  writes: WriteRecord[];
  /** Items the allowed-spaces policy took out of answers (they belong to other spaces), and why. */
  withheld?: Withheld;
  durationMs: number;
  /** Type-check warnings that did not stop the run, as `line:col TSxxxx message`. */
  warnings?: string[];
  /** How Confluence was reached. */
  mode?: SessionMode;
  /** For a replay: the run it replays. */
  replayOf?: string;
  /** For a recorded replay that went another way than the recording. */
  divergence?: ReplayDivergence;
}

/** What a caller asks for: one script, with its options. */
export interface RunInput {
  code: string;
  params?: unknown;
  dryRun?: boolean;
  /** Wall-clock limit for this run (clamped to the server's maximum). */
  timeoutMs?: number;
  /** Result budget in characters for this run (clamped to the server's maximum). */
  resultBudget?: number;
  /** CPU time for this run, in ms (default 5,000; clamped to the server's maximum). */
  cpuTimeMs?: number;
  /** Host (Confluence) calls for this run (default 500; clamped to the server's maximum). */
  maxHostCalls?: number;
  /** Where the run came from, for the store and logs: `mcp`, `rest`, `cli`, `replay`. */
  source?: string;
}

export interface ExecuteOptions {
  /**
   * Who the run is for: it is recorded as theirs, runs under their policy and acts as their
   * Confluence user. For a replay, also who asks (another user-role client's run is not found).
   * Absent: the server's own (the CLI), under the server's policy and user.
   */
  client?: Tenant;
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
  onLog?: (entry: LogEntry) => void;
  /** Told when a Confluence call waits to try again (a 503, a 429's Retry-After), as it happens. */
  onRetry?: (notice: RetryNotice) => void;
}

/** A slice of a stored full result (see src/runs/result-slice.ts for the paging rules). */
export interface ResultSlice {
  resultRef: string;
  /** JSON path that was read (`$` for the whole value), in canonical form: `$.results[3]["odd key"]`. */
  path: string;
  /** What is at the path. */
  type: 'array' | 'object' | 'string' | 'number' | 'boolean' | 'null';
  /**
   * The slice: for arrays, the whole items from `offset` that fit the budget (at most `limit`);
   * for objects, the whole entries likewise, in key order; for strings, characters; else the value.
   * When not even one item/entry fits whole, that one alone, summarized (`truncated: true`).
   */
  value: unknown;
  /** True when `value` is summarized (markers inside): read deeper by path to see it whole. */
  truncated: boolean;
  /** Total items (array), entries (object) or characters (string) at the path. */
  total?: number;
  offset: number;
  /** True when more remains past this slice. */
  hasMore: boolean;
  /** Where the next slice starts (pass it as `offset`), present when `hasMore`. */
  nextOffset?: number;
}

/** Options of {@link RunService.readResult}. */
export interface ReadResultOptions {
  /** JSON path, default `$`: `$.results[3].title`, `$["odd key"]`, `$.items[-1]`. */
  path?: string;
  /** First item/entry/character (default 0). */
  offset?: number;
  /** At most this many items/entries/characters (default: as many as fit the budget). */
  limit?: number;
  /** Characters of JSON the slice may take (default: the default result budget; clamped). */
  budget?: number;
  /** Who asks: a user-role client reads only its own runs' results (absent: anyone's). */
  requester?: Requester;
}

/** Options of {@link RunService.listRuns}. */
export interface ListRunsOptions {
  limit?: number;
  status?: 'ok' | 'error';
  /** Who asks: a user-role client lists only its own runs (absent: everyone's). */
  requester?: Requester;
}

/** Where a recorded replay first differed from the recording. */
export interface ReplayDivergence {
  /** 0-based index of the first call that differs. */
  callIndex: number;
  /** One sentence saying what differed. */
  message: string;
  /** The recorded call at that index (`null` when the script made more calls than recorded). */
  expected: { operation: string; args: unknown } | null;
  /** The call the script made (`null` when it stopped before making it). */
  got: { operation: string; args: unknown } | null;
}

export interface StoredRunSummary {
  runId: string;
  status: 'ok' | 'error';
  source?: string;
  mode?: SessionMode;
  createdAt: string;
  durationMs: number;
  calls: CallSummary;
  errorPhase?: ErrorPhase;
  /** For a replay: the run it replays. */
  replayOf?: string;
  /** The client (tenant) that made it; absent for runs of the CLI or from before tenants. */
  client?: string;
}

/** Everything stored about one run: what `getRun` returns and `runs show` prints. */
export interface StoredRun extends StoredRunSummary {
  /** The TypeScript as submitted. */
  code: string;
  params?: unknown;
  /** The caller's wall-clock limit, when it gave one (a replay uses it again). */
  timeoutMs?: number;
  /** The caller's result budget, when it gave one (a replay uses it again). */
  resultBudget?: number;
  /** The caller's CPU time and host-call limits, when it gave them (a replay uses them again). */
  cpuTimeMs?: number;
  maxHostCalls?: number;
  /** The envelope as it was returned. */
  envelope: RunEnvelope;
  /** The whole console output the sandbox kept (the envelope's `logs` are capped). */
  logs: LogEntry[];
  /** The call trace: the session ledger, with each call's response. */
  trace: CallRecord[];
  /** False when responses of the later calls were dropped to keep the store bounded. */
  traceComplete: boolean;
}

export interface RunService {
  /** Never throws for a script failure: that is an envelope with `status: 'error'`. */
  execute(input: RunInput, options?: ExecuteOptions): Promise<RunEnvelope>;
  /**
   * A result of another user-role client's run is `RESULT_NOT_FOUND`, as if it did not exist.
   * @throws RunsError `RESULT_NOT_FOUND`, `RESULT_PATH_INVALID`, `RESULT_PATH_NOT_FOUND`, `INVALID_OPTION`.
   */
  readResult(resultRef: string, options?: ReadResultOptions): Promise<ResultSlice>;
  /** Newest first. */
  listRuns(options?: ListRunsOptions): Promise<StoredRunSummary[]>;
  /**
   * Another user-role client's run is `RUN_NOT_FOUND`, as if it did not exist.
   * @throws RunsError `RUN_NOT_FOUND`.
   */
  getRun(runId: string, options?: { requester?: Requester }): Promise<StoredRun>;
  /**
   * Runs a stored run's code and params again: `live`, `dry-run` (writes planned) or `recorded`
   * (offline, from its recorded responses; the first divergence is in `divergence`). The replay
   * is `options.client`'s run; another user-role client's run is `RUN_NOT_FOUND`.
   * @throws RunsError `RUN_NOT_FOUND`.
   */
  replay(
    runId: string,
    mode: SessionMode,
    options?: ExecuteOptions,
  ): Promise<RunEnvelope & { divergence?: ReplayDivergence }>;
}
