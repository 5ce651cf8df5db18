/**
 * Host errors re-created inside the isolate, and what the runtime reports about anything the
 * script throws. Host errors are built here, after the bridge's `await`, so V8's async stack
 * trace runs through the user's `await` line (shared/notes/isolated-vm.md §6).
 */
import {
  ErrorConstructor,
  StringConstructor,
  WeakMapConstructor,
  defineProperty,
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
  /** Present when the error came from the host (and was let escape). */
  host?: HostErrorFields;
}

const MAX_TEXT = 4_000;

// The original fields of every genuine host error: a script cannot forge one, and renaming or
// re-phasing a caught host error's properties does not change what the run reports.
const hostErrors = new WeakMapConstructor<object, HostErrorFields>();

/** A catchable Error carrying a host error's name, message, status, code, phase and details. */
export function createHostError(fields: HostErrorFields): Error {
  const error = new ErrorConstructor(fields.message);
  const hidden = { writable: true, configurable: true, enumerable: false };
  defineProperty(error, 'name', { ...hidden, value: fields.name ?? 'Error' });
  for (const key of ['status', 'code', 'phase', 'details'] as const) {
    if (fields[key] !== undefined) {
      defineProperty(error, key, {
        writable: true,
        configurable: true,
        enumerable: true,
        value: fields[key],
      });
    }
  }
  weakMapSet(hostErrors, error, fields);
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
    ...(host ? { host } : {}),
  };
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
