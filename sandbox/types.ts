/**
 * The sandbox contract: what callers (the runs layer, tests, benchmarks) give the sandbox and what
 * they get back. The implementation lives beside this file; nothing here depends on it.
 *
 * A run never throws to its caller: every failure, whatever its cause, is a {@link RunResult}
 * with `ok: false` and an {@link RunError} naming its phase (STYLE.md, principle 4).
 */

/** Where a run failed. The same names appear in the run envelope's `error.phase`. */
export const ERROR_PHASES = [
  'typecheck',
  'compile',
  'runtime',
  'timeout',
  'memory',
  'limit',
  'policy',
  'confluence',
] as const;

export type ErrorPhase = (typeof ERROR_PHASES)[number];

/** True for the name of a phase (e.g. a phase a host error asks its escape to be reported in). */
export function isErrorPhase(value: unknown): value is ErrorPhase {
  return typeof value === 'string' && (ERROR_PHASES as readonly string[]).includes(value);
}

/** Every limit a run is held to; each exceeded limit is its own error with the figure reached. */
export interface SandboxLimits {
  /** Isolate heap limit. */
  memoryMb: number;
  /** CPU timeout of the synchronous part of the script (isolated-vm's own `timeout`). */
  syncTimeoutMs: number;
  /** Wall-clock deadline for the whole run, awaits included. */
  wallTimeMs: number;
  /** CPU time the isolate may burn in all, polled by a host-side watchdog. */
  cpuTimeMs: number;
  /** Host calls one run may make. */
  maxHostCalls: number;
  /** Host calls in flight at once; further calls wait their turn. */
  maxConcurrentHostCalls: number;
  /** Size of one host call's JSON arguments, in bytes. */
  maxArgBytes: number;
  /** Size of one host call's JSON result, in bytes. */
  maxHostResultBytes: number;
  /** Size of the script's JSON return value, in bytes. */
  maxReturnBytes: number;
  /** Total bytes of captured console output; past it, logs are elided (not an error). */
  maxLogBytes: number;
  /** Size of the submitted source, in bytes; checked before any isolate starts. */
  maxCodeBytes: number;
  /** Size of the JSON `params`, in bytes; checked before any isolate starts (default 1 MB). */
  maxParamsBytes?: number;
}

/** Context handed to a host function for one call. */
export interface HostCallContext {
  /** Aborted when the run ends, is cancelled or hits a limit: cancel the work in flight. */
  signal: AbortSignal;
  /** 0-based index of this call within the run. */
  callIndex: number;
  /**
   * Called right before each request of this call goes on the wire (after any rate-limit wait,
   * before every retry); a throw stops the request unsent. A job item's writes use it to check
   * that the item's lease still holds (src/jobs/engine/item-session.ts).
   */
  beforeSend?: () => void;
}

/**
 * A function the isolate may call by name. It receives the JSON-decoded arguments and returns a
 * JSON-serializable value. To fail, throw: a thrown {@link HostErrorShape} (any Error with these
 * optional fields) is re-created inside the isolate as an Error the script can catch.
 */
export type HostFunction = (args: unknown, context: HostCallContext) => Promise<unknown>;

/** The fields of a host error that cross into the isolate. Nothing else does (no stack). */
export interface HostErrorShape {
  name?: string;
  message: string;
  /** HTTP status, for Confluence errors. */
  status?: number;
  /** Stable machine code, e.g. `CONFLICT`, `POLICY_READ_ONLY`, `VALIDATION`. */
  code?: string;
  /** If the script lets this error escape, the run fails in this phase (default `runtime`). */
  phase?: ErrorPhase;
  /** Extra JSON details (e.g. the validation issues); must be small. */
  details?: unknown;
}

/**
 * The API surface installed in every isolate: fixed for the life of a sandbox, because the warm
 * type-checker and the worker processes load it once.
 */
export interface SandboxSurface {
  /**
   * JavaScript source (plain ES2024, no TypeScript, no imports) of a function expression
   * `(call, helpers) => globals`, evaluated once in every fresh isolate before the user's script
   * (as `file:///sandbox/prelude.js`; its stack frames are dropped from user-facing errors).
   *
   * - `call(name: string, args?: unknown): Promise<unknown>` reaches the host function `name`
   *   of the run (RunRequest.host). `args` is sent as JSON (`JSON.stringify` semantics, so a
   *   BigInt or a cycle rejects with an in-isolate TypeError, and `undefined` arrives as
   *   `undefined`); the answer comes back JSON-decoded. A host failure rejects with an in-isolate
   *   `Error` whose `name` and `message` are the host's and which carries `status`, `code`,
   *   `phase` and `details` when the host set them (see {@link HostErrorShape}); its stack runs
   *   through the user's `await`. An unknown `name` rejects with `code: 'UNKNOWN_HOST_FUNCTION'`.
   *   Every call counts toward `maxHostCalls` and waits for a `maxConcurrentHostCalls` slot.
   * - `helpers` (frozen): `progress(done, total?, message?)` (the same function as the global),
   *   `log(level, ...args)` (console output at `'debug' | 'log' | 'info' | 'warn' | 'error'`),
   *   and `isHostError(value): boolean` (true for errors `call` rejected with).
   * - `globals`: the returned object's own enumerable properties become non-writable,
   *   non-configurable globals, deep-frozen (e.g. `{ confluence }`). `params`, `console` and
   *   `progress` are reserved and ignored if returned.
   *
   * The prelude may define pure in-isolate helpers on top of `call` (async iterators over
   * cursors, `pages.edit(id, fn)` running `fn` in the isolate). It runs before any user code,
   * may be evaluated before the run is known (a warm isolate), and must not depend on `params`.
   * If it throws, every run fails with `PRELUDE_FAILED`.
   *
   * @example
   * `(call, helpers) => ({ confluence: { pages: { get: (args) => call('pages.get', args) } } })`
   */
  prelude: string;
  /** TypeScript declarations of those globals, for the type-checker (e.g. sdk-stubs/confluence.d.ts). */
  declarations: string;
  /**
   * Global names whose misuse (unknown member, wrong argument shape) fails the run in phase
   * `typecheck`; diagnostics elsewhere are warnings. E.g. `['confluence']`.
   */
  checkedGlobals: string[];
}

export interface SandboxOptions {
  surface: SandboxSurface;
  /** Worker processes in the pool (default: the number of CPU cores). */
  workers?: number;
  /** Runs one worker executes at once (default 2). */
  runsPerWorker?: number;
  /**
   * Runs the pool must hold at once (the service's admission limit). When given, and `workers` /
   * `runsPerWorker` are not, the pool is sized to it: min(cores, concurrentRuns) workers sharing
   * the runs, so admitted runs never wait in a hidden queue (a run awaiting Confluence costs no
   * CPU; isolates run on isolated-vm's threads).
   */
  concurrentRuns?: number;
  /** How often workers are probed while busy, and how long a silent one is tolerated (ms). */
  heartbeat?: { intervalMs?: number; unresponsiveAfterMs?: number };
  /** Defaults for every run; a run may lower or raise them within `maxLimits`. */
  limits?: Partial<SandboxLimits>;
  /** Ceilings a run's own limits are clamped to. */
  maxLimits?: Partial<SandboxLimits>;
  /**
   * Where worker crashes and restarts are reported (a pino logger fits). Never given user data
   * beyond a run id.
   */
  logger?: SandboxLogger;
}

/** The subset of a pino-style logger the sandbox uses. */
export interface SandboxLogger {
  warn(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}

export type LogLevel = 'debug' | 'log' | 'info' | 'warn' | 'error';

export interface LogEntry {
  level: LogLevel;
  message: string;
  /** Milliseconds since the run started. */
  atMs: number;
}

export interface ProgressEvent {
  done: number;
  total?: number;
  message?: string;
}

export interface RunRequest {
  /** TypeScript: statements with top-level await and a final `return`, or a module with `export default async function (params)`. */
  code: string;
  /** JSON value exposed as the global `params` (and passed to a default-exported function). */
  params?: unknown;
  /** The functions `call(name, args)` may reach in this run, by name. Unknown names fail cleanly. */
  host?: Record<string, HostFunction>;
  /** Overrides of the sandbox's default limits for this run (clamped to `maxLimits`). */
  limits?: Partial<SandboxLimits>;
  /** Cancels the run: the isolate is disposed and host calls in flight are aborted. */
  signal?: AbortSignal;
  /** Skip the type-check (it still compiles). Default false. */
  skipTypecheck?: boolean;
  /**
   * Module form only: call this export with these arguments instead of `default(params)` (a batch
   * job calls `default(item, params)`, and collects its `items(params)` generator). Without it,
   * a module's default export is called with `params`.
   */
  entry?: ModuleEntry;
  /** Called as the script calls `progress(done, total?, message?)`. */
  onProgress?: (event: ProgressEvent) => void;
  /** Called for each console entry as it happens (also collected in the result). */
  onLog?: (entry: LogEntry) => void;
}

/** Which export of a module a run calls, and how (see {@link RunRequest.entry}). */
export interface ModuleEntry {
  /** The export's name, e.g. `default` or `items`. */
  name: string;
  /** JSON arguments, passed in order. */
  args: unknown[];
  /**
   * The export is an (async) generator: its values are collected into an array, the run's
   * result. More than `maxValues` values fail the run (code `ENTRY_TOO_MANY_VALUES`).
   */
  collect?: { maxValues: number };
  /**
   * Call nothing: the run's result is each export's kind (`AsyncFunction`,
   * `AsyncGeneratorFunction`, `number`, ...), so a caller can check a module's form once.
   */
  describe?: boolean;
}

export interface RunError {
  phase: ErrorPhase;
  /** Stable code, e.g. `SYNTAX_ERROR`, `TYPE_ERROR`, `CPU_TIME_LIMIT`, `MEMORY_LIMIT`, `HOST_CALL_LIMIT`, `WORKER_CRASHED`. */
  code: string;
  message: string;
  /** 1-based line and column in the user's TypeScript, when known. */
  line?: number;
  column?: number;
  /** A short code frame around line:column. */
  frame?: string;
  /** What the author should change. */
  hint?: string;
  /** Stack frames in the user's TypeScript only (`at fn (user.ts:12:5)`); no host frames. */
  stack?: string;
  /** For errors from the host (Confluence): HTTP status and Confluence code. */
  status?: number;
  hostCode?: string;
  /** For limit errors: which limit, its value, and the figure reached. */
  limit?: { name: keyof SandboxLimits | string; limit: number; reached: number };
  /** For `typecheck` errors: every diagnostic that blocked the run (the first is line/column). */
  diagnostics?: Diagnostic[];
  /** For host errors: the JSON details the host attached (e.g. validation issues). */
  details?: unknown;
}

export interface Diagnostic {
  line: number;
  column: number;
  /** TypeScript's code, e.g. 2339. */
  code: number;
  message: string;
  /** What to change, e.g. the members that do exist or the expected signature. */
  hint?: string;
}

export interface RunResult {
  ok: boolean;
  /** The script's return value as JSON-compatible data (see README for conversions). */
  value?: unknown;
  error?: RunError;
  logs: LogEntry[];
  /** True when logs passed `maxLogBytes` and were elided. */
  logsTruncated: boolean;
  /** Type-check diagnostics that did not stop the run. */
  warnings: Diagnostic[];
  calls: { total: number; failed: number };
  durations: {
    totalMs: number;
    compileMs: number;
    typecheckMs: number;
    /** Time inside the worker, isolate creation to disposal. */
    runMs: number;
    /** Time waiting for a free worker slot. */
    queueMs: number;
  };
}

/** The sandbox: a pool of supervised worker processes. */
export interface Sandbox {
  /** Always resolves; never throws. */
  run(request: RunRequest): Promise<RunResult>;
  /** Resolves once the workers are up and the checker is warm (optional; `run` waits anyway). */
  ready(): Promise<void>;
  /**
   * Makes the first run as fast as the rest: after `ready`, one type-checked run per worker, so the
   * checker's program and each worker's runtime are built before any caller waits on them.
   * Idempotent; rejects when the warm-up run fails.
   */
  warmUp(): Promise<void>;
  /** True once {@link Sandbox.warmUp} has finished. */
  isWarm(): boolean;
  /** Stops the workers; runs in flight fail with `WORKER_STOPPED`. */
  close(): Promise<void>;
}
