/**
 * The runs contract: the run envelope every surface returns (MCP `structuredContent`, REST body,
 * `run --json`), and the service that the MCP server, the REST API and the CLI call.
 * Shape and names follow ../shared/DESIGN.md, "The run envelope".
 */
import type { ErrorPhase, LogEntry, ProgressEvent } from '../../sandbox/types.ts';
import type { CallSummary, SessionMode, WriteRecord } from '../confluence/types.ts';

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
  durationMs: number;
  /** Type-check warnings that did not stop the run, as `line:col TSxxxx message`. */
  warnings?: string[];
  /** How Confluence was reached. */
  mode?: SessionMode;
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
  /** Where the run came from, for the store and logs: `mcp`, `rest`, `cli`, `replay`. */
  source?: string;
}

export interface ExecuteOptions {
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
  onLog?: (entry: LogEntry) => void;
}

/** A slice of a stored full result. */
export interface ResultSlice {
  resultRef: string;
  /** JSON path that was read (`$` for the whole value). */
  path: string;
  /** The slice: for arrays, items [offset, offset+limit); for strings, characters; else the value (itself summarized). */
  value: unknown;
  /** Total items (array) or characters (string) at the path. */
  total?: number;
  offset: number;
  /** True when more remains past this slice. */
  hasMore: boolean;
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
}

export interface RunService {
  /** Never throws for a script failure: that is an envelope with `status: 'error'`. */
  execute(input: RunInput, options?: ExecuteOptions): Promise<RunEnvelope>;
  readResult(
    resultRef: string,
    options?: { path?: string; offset?: number; limit?: number },
  ): Promise<ResultSlice>;
  listRuns(options?: { limit?: number; status?: 'ok' | 'error' }): Promise<StoredRunSummary[]>;
  getRun(runId: string): Promise<unknown>;
  replay(
    runId: string,
    mode: SessionMode,
    options?: ExecuteOptions,
  ): Promise<RunEnvelope & { divergence?: unknown }>;
}
