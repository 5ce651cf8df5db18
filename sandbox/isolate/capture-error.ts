/**
 * Host errors re-created inside the isolate, and what the runtime reports about anything the
 * script throws. Host errors are built here, after the bridge's `await`, so V8's async stack
 * trace runs through the user's `await` line (shared/notes/isolated-vm.md §6).
 */
import {
  ErrorConstructor,
  StringConstructor,
  WeakMapConstructor,
  createObject,
  defineProperty,
  parse,
  stringify,
  errorIsError,
  stringSlice,
  weakMapGet,
  weakMapHas,
  weakMapSet,
} from './intrinsics.ts';
import { formatLogArguments } from './format.ts';

/** The fields of a host error, as the worker sends them (sandbox/types.ts HostErrorShape). */
export interface HostErrorFields {
  name?: string;
  message: string;
  status?: number;
  code?: string;
  phase?: string;
  details?: unknown;
}

/** What the runtime reports about a thrown value. Strings are capped. */
export interface CapturedError {
  kind: 'thrown' | 'non-error';
  name: string;
  message: string;
  /** V8's stack, generated positions (`file:///sandbox/user.js:L:C`); mapped by the parent. */
  stack?: string;
  /** Present when the error came from the host (and was let escape): its HostErrorFields JSON. */
  host?: string;
}

const MAX_TEXT = 4_000;
// Null-prototype descriptors: defineProperty reads `get`/`set` through the prototype chain, where
// a script may have planted them.
const descriptor = (value: unknown, enumerable: boolean): PropertyDescriptor =>
  ({
    __proto__: null,
    value,
    enumerable,
    writable: true,
    configurable: true,
  }) as PropertyDescriptor;

// The original JSON of every genuine host error: a script cannot forge one, and renaming or
// re-phasing a caught host error's properties does not change what the run reports.
const hostErrors = new WeakMapConstructor<object, string>();

/**
 * A catchable Error carrying a host error's name, message, status, code, phase and details.
 * @param json the HostErrorFields as the worker sent them
 */
export function createHostError(json: string): Error {
  let fields: HostErrorFields;
  try {
    fields = parse(json) as HostErrorFields;
  } catch {
    fields = { message: 'host call failed' };
  }
  const error = new ErrorConstructor(StringConstructor(fields.message));
  defineProperty(error, 'name', descriptor(StringConstructor(fields.name ?? 'Error'), false));
  for (const key of ['status', 'code', 'phase', 'details'] as const) {
    if (fields[key] !== undefined) defineProperty(error, key, descriptor(fields[key], true));
  }
  weakMapSet(hostErrors, error, json);
  return error;
}

export function isHostError(value: unknown): boolean {
  return typeof value === 'object' && value !== null && weakMapHas(hostErrors, value);
}

/** Describes a thrown value without trusting it: every read may throw or be a getter. */
export function captureError(thrown: unknown): CapturedError {
  if (!errorIsError(thrown)) {
    return {
      kind: 'non-error',
      name: 'Error',
      message: `the script threw a non-Error value: ${formatLogArguments([thrown], 200)}`,
    };
  }
  const host = weakMapGet(hostErrors, thrown);
  return {
    kind: 'thrown',
    name: cap(read(() => thrown.name, 'Error')),
    message: cap(read(() => thrown.message, '')),
    stack: cap(read(() => thrown.stack, '')),
    ...(host === undefined ? {} : { host }),
  };
}

/**
 * JSON of a captured error, built on a null-prototype copy holding only strings, so a `toJSON`
 * planted on Object.prototype is never consulted (envelope.ts).
 */
export function encodeCaptured(captured: CapturedError): string {
  const copy = createObject(null) as Record<string, string>;
  for (const key of ['kind', 'name', 'message', 'stack', 'host'] as const) {
    const value = captured[key];
    if (typeof value === 'string') copy[key] = value;
  }
  return stringify(copy);
}

function read(getter: () => unknown, fallback: string): string {
  try {
    const value = getter();
    return value === undefined ? fallback : StringConstructor(value);
  } catch {
    return fallback;
  }
}

function cap(text: string): string {
  return text.length > MAX_TEXT ? `${stringSlice(text, 0, MAX_TEXT)}…` : text;
}
