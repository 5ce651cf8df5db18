/**
 * The in-isolate runtime: runs once in every fresh isolate, before the user's script. It removes
 * what the host must not expose, builds the one bridge to the host, installs `console`,
 * `progress`, `params` and the surface's globals, and returns `execute`, which runs the user's
 * compiled function and reports its outcome as JSON-safe data.
 *
 * Bundled by sandbox/compile/runtime-bundle.ts to an IIFE assigning `sandboxRuntime`; the worker
 * evaluates it with `evalClosure`, so nothing here is reachable from `globalThis`.
 */
'use strict';

import { captureError, createHostError, encodeCaptured, isHostError } from './capture-error.ts';
import {
  ANSWER_ERROR,
  ANSWER_OK,
  OUTCOME_INVALID,
  OUTCOME_RETURNED,
  OUTCOME_THROWN,
  OUTCOME_TOO_LARGE,
} from './envelope.ts';
import { formatLogArguments } from './format.ts';
import {
  StringConstructor,
  defineProperty,
  freeze,
  getOwnPropertyNames,
  isFinite,
  isFrozen,
  objectKeys,
  parse,
  stringify,
  NumberConstructor,
  stringSlice,
} from './intrinsics.ts';
import { SizeExceeded, toJson } from './serialize.ts';

/** isolated-vm's Reference to the worker's dispatcher, as this code sees it. */
export interface BridgeReference {
  /** Always resolves (never rejects: isolated-vm #314/#417) to an answer string (envelope.ts). */
  apply(receiver: undefined, args: [string, string | undefined], options: object): Promise<unknown>;
}

export type LogCallback = (level: string, message: string) => void;
/** Receives the run's outcome string (envelope.ts) once the script has settled. */
export type ReportCallback = (outcome: string) => void;
export type ProgressCallback = (done: number, total?: number, message?: string) => void;

export interface RuntimeConfig {
  paramsJson?: string;
  maxReturnBytes: number;
  maxLogBytes: number;
}

export type Call = (name: string, args?: unknown) => Promise<unknown>;
export interface PreludeHelpers {
  progress: (done: number, total?: number, message?: string) => void;
  log: (level: string, ...args: unknown[]) => void;
  isHostError: (value: unknown) => boolean;
}
export type PreludeFactory = (call: Call, helpers: PreludeHelpers) => Record<string, unknown>;

/** The run's outcome string (envelope.ts): a tag, then the body. */
export type ExecuteEnvelope = string;

const RESERVED_GLOBALS = ['params', 'console', 'progress'];
const LOG_LEVELS = ['debug', 'log', 'info', 'warn', 'error'] as const;
const MAX_PROGRESS_MESSAGE = 500;
// Frozen, with a null prototype: isolated-vm reads these options through the prototype chain,
// so a script polluting Object.prototype could otherwise pick the transfer mode (notes §1.2).
const TRANSFER = freeze({
  __proto__: null,
  arguments: freeze({ __proto__: null, copy: true }),
  result: freeze({ __proto__: null, promise: true, copy: true }),
});

/**
 * Installs everything in the current context (this can happen before the run is known: a warm
 * isolate) and returns `start`, which takes the run's config, defines `params`, and starts the
 * user's compiled function. `start` returns at once; the outcome goes to `report` when the script
 * settles. It is not the result of `start` because isolated-vm throws an unhandled rejection left
 * by the script out of the call that is running (notes §1.4): that call may fail while the script
 * goes on, and the outcome must still arrive.
 */
export function install(
  bridge: BridgeReference,
  logCallback: LogCallback,
  progressCallback: ProgressCallback,
  report: ReportCallback,
  prelude: PreludeFactory,
): (main: (params: unknown) => unknown, configJson: string) => void {
  let config: RuntimeConfig = { maxReturnBytes: 0, maxLogBytes: 0 };
  const global = globalThis as Record<string, unknown>;
  // Not counted by memoryLimit (WebAssembly.Memory) or a timing/blocking surface (notes §0.4).
  delete global['WebAssembly'];
  delete global['SharedArrayBuffer'];
  delete global['Atomics'];
  (Error as { stackTraceLimit?: number }).stackTraceLimit = 30;

  const call: Call = async (name, args) => {
    const argsJson = args === undefined ? undefined : (stringify(args) as string | undefined);
    const answer = await bridge.apply(undefined, [StringConstructor(name), argsJson], TRANSFER);
    const text =
      typeof answer === 'string' ? answer : `${ANSWER_ERROR}{"message":"bad bridge answer"}`;
    const body = stringSlice(text, 1);
    if (stringSlice(text, 0, 1) === ANSWER_OK) return body === '' ? undefined : parse(body);
    throw createHostError(body);
  };
  const progress = (done: number, total?: number, message?: string) => {
    const doneNumber = NumberConstructor(done);
    if (!isFinite(doneNumber)) return;
    const totalNumber = total === undefined ? undefined : NumberConstructor(total);
    const text = message === undefined ? undefined : StringConstructor(message);
    progressCallback(
      doneNumber,
      totalNumber !== undefined && isFinite(totalNumber) ? totalNumber : undefined,
      text === undefined ? undefined : stringSlice(text, 0, MAX_PROGRESS_MESSAGE),
    );
  };
  const log = (level: string, ...args: unknown[]) =>
    logCallback(level, formatLogArguments(args, config.maxLogBytes));
  const console: Record<string, (...args: unknown[]) => void> = {};
  for (const level of LOG_LEVELS) console[level] = (...args) => log(level, ...args);

  const surfaceGlobals = prelude(call, freeze({ progress, log, isHostError }));
  for (const name of objectKeys(surfaceGlobals)) {
    if (!RESERVED_GLOBALS.includes(name)) defineGlobal(name, deepFreeze(surfaceGlobals[name]));
  }
  defineGlobal('console', freeze(console));
  defineGlobal('progress', progress);

  const settle = async (main: (params: unknown) => unknown, params: unknown) => {
    let outcome: ExecuteEnvelope;
    try {
      outcome = serializeReturn(await main(params), config.maxReturnBytes);
    } catch (thrown) {
      outcome = OUTCOME_THROWN + encodeCaptured(captureError(thrown));
    }
    report(outcome);
  };
  return (main, configJson) => {
    config = parse(configJson) as RuntimeConfig;
    const params = config.paramsJson === undefined ? undefined : parse(config.paramsJson);
    defineGlobal('params', params);
    void settle(main, params);
  };
}

function serializeReturn(value: unknown, maxBytes: number): string {
  try {
    return OUTCOME_RETURNED + (toJson(value, maxBytes) ?? '');
  } catch (error) {
    if (error instanceof SizeExceeded) return `${OUTCOME_TOO_LARGE}${maxBytes},${error.reached}`;
    return OUTCOME_INVALID + captureError(error).message;
  }
}

function defineGlobal(name: string, value: unknown): void {
  defineProperty(globalThis, name, {
    value,
    writable: false,
    configurable: false,
    enumerable: false,
  });
}

function deepFreeze<T>(value: T, depth = 0): T {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return value;
  if (depth > 8 || isFrozen(value)) return value;
  freeze(value);
  for (const key of getOwnPropertyNames(value)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if (descriptor && 'value' in descriptor) deepFreeze(descriptor.value, depth + 1);
  }
  return value;
}
