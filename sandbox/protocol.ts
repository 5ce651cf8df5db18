/**
 * The messages between the sandbox (parent) and its worker processes, over Node's IPC channel.
 * Everything is plain JSON: user values cross as JSON strings, never as objects.
 */
import type { ResolvedLimits } from './limits.ts';
import type { HostErrorShape, LogLevel, RunError } from './types.ts';

/** Sent once after spawn: what every isolate of this worker is built from. */
export interface InitMessage {
  type: 'init';
  /** The in-isolate runtime (sandbox/isolate), bundled to an IIFE defining `sandboxRuntime`. */
  runtimeSource: string;
  /** SandboxSurface.prelude. */
  prelude: string;
  /** The sandbox's default memory limit: the spare isolate is prepared with it. */
  defaultMemoryMb: number;
}

export interface RunMessage {
  type: 'run';
  runId: string;
  /** Compiled script: a function expression `async (params) => …` (see compile/compile.ts). */
  js: string;
  paramsJson: string | undefined;
  limits: ResolvedLimits;
  /** Names of the host functions this run may call; others fail in the worker, without IPC. */
  hostNames: string[];
}

export interface CallResultMessage {
  type: 'call-result';
  runId: string;
  callId: number;
  ok: boolean;
  /** JSON of the host's answer (absent for `undefined`). */
  value?: string;
  error?: HostErrorShape;
  /** The answer broke a limit (e.g. maxHostResultBytes): the run fails with it. */
  limitError?: RunError;
}

export interface CancelMessage {
  type: 'cancel';
  runId: string;
}

/**
 * A liveness probe, sent while runs are in flight: a worker that does not answer (stopped with
 * SIGSTOP, or wedged) is killed and its runs fail as WORKER_UNRESPONSIVE instead of waiting for
 * their deadline and blaming the script.
 */
export interface PingMessage {
  type: 'ping';
  seq: number;
}

export type ParentMessage =
  InitMessage | RunMessage | CallResultMessage | CancelMessage | PingMessage;

export interface ReadyMessage {
  type: 'ready';
}

export interface CallMessage {
  type: 'call';
  runId: string;
  callId: number;
  callIndex: number;
  name: string;
  /** JSON of the arguments (absent for `undefined`). */
  args?: string;
}

export interface LogMessage {
  type: 'log';
  runId: string;
  level: LogLevel;
  message: string;
  atMs: number;
}

export interface ProgressMessage {
  type: 'progress';
  runId: string;
  done: number;
  total?: number;
  message?: string;
}

/** How a run ended inside the worker. Errors carry generated (JS) positions until mapped. */
export interface DoneMessage {
  type: 'done';
  runId: string;
  ok: boolean;
  /** JSON of the return value (absent for `undefined`). */
  json?: string;
  error?: RunError;
  logsTruncated: boolean;
  /** Entries and bytes dropped past maxLogBytes. */
  elidedLogs: { entries: number; bytes: number };
  calls: { total: number; failed: number };
  runMs: number;
  /** Promises the script rejected and never handled (the first few), generated positions. */
  unhandledRejections?: Array<{ message: string; stack?: string }>;
}

/** The answer to a {@link PingMessage}. */
export interface PongMessage {
  type: 'pong';
  seq: number;
}

export type WorkerMessage =
  ReadyMessage | PongMessage | CallMessage | LogMessage | ProgressMessage | DoneMessage;

/** The global name the runtime bundle assigns (inside the worker's evalClosure body only). */
export const RUNTIME_GLOBAL_NAME = 'sandboxRuntime';

/** The file name user scripts are compiled under; V8 stack frames carry it. */
export const USER_SCRIPT_FILENAME = 'file:///sandbox/user.js';

/**
 * Written synchronously to the worker's stderr by onCatastrophicError right before
 * `process.abort()`, so the parent can tell which run brought the worker down.
 */
export const CATASTROPHIC_MARKER = 'SANDBOX_CATASTROPHIC_OOM run=';
