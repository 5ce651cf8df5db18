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

import { captureError, createHostError, isHostError } from './capture-error.ts';
import type { CapturedError, HostErrorFields } from './capture-error.ts';
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
  apply(
    receiver: undefined,
    args: [string, string | undefined],
    options: object,
  ): Promise<BridgeEnvelope>;
}

/** What the dispatcher always resolves to (it never rejects: isolated-vm #314/#417). */
export interface BridgeEnvelope {
  ok: boolean;
  /** JSON of the value; `''` stands for undefined. */
  value: string;
  error: HostErrorFields;
}

export type LogCallback = (level: string, message: string) => void;
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

export type ExecuteEnvelope =
  | { ok: true; json: string }
  | { ok: false; error: CapturedError }
  | { ok: false; returnTooLarge: { limit: number; reached: number } }
  | { ok: false; returnInvalid: string };

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
 * isolate) and returns `execute`, which takes the run's config, defines `params`, and runs the
 * user's compiled function.
 */
export function install(
  bridge: BridgeReference,
  logCallback: LogCallback,
  progressCallback: ProgressCallback,
  prelude: PreludeFactory,
): (main: (params: unknown) => unknown, configJson: string) => Promise<ExecuteEnvelope> {
  let config: RuntimeConfig = { maxReturnBytes: 0, maxLogBytes: 0 };
  const global = globalThis as Record<string, unknown>;
  // Not counted by memoryLimit (WebAssembly.Memory) or a timing/blocking surface (notes §0.4).
  delete global['WebAssembly'];
  delete global['SharedArrayBuffer'];
  delete global['Atomics'];
  (Error as { stackTraceLimit?: number }).stackTraceLimit = 30;

  const call: Call = async (name, args) => {
    const argsJson = args === undefined ? undefined : (stringify(args) as string | undefined);
    const envelope = await bridge.apply(undefined, [StringConstructor(name), argsJson], TRANSFER);
    if (envelope.ok) return envelope.value === '' ? undefined : parse(envelope.value);
    throw createHostError(envelope.error);
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

  return async (main, configJson) => {
    config = parse(configJson) as RuntimeConfig;
    const params = config.paramsJson === undefined ? undefined : parse(config.paramsJson);
    defineGlobal('params', params);
    try {
      return serializeReturn(await main(params), config.maxReturnBytes);
    } catch (thrown) {
      return { ok: false, error: captureError(thrown) };
    }
  };
}

function serializeReturn(value: unknown, maxBytes: number): ExecuteEnvelope {
  try {
    return { ok: true, json: toJson(value, maxBytes) ?? '' };
  } catch (error) {
    if (error instanceof SizeExceeded) {
      return { ok: false, returnTooLarge: { limit: maxBytes, reached: error.reached } };
    }
    return { ok: false, returnInvalid: captureError(error).message };
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
