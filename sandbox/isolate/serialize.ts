/**
 * Turns the script's return value (and console arguments) into JSON inside the isolate, so only a
 * string crosses the boundary. Conversions (also in README, "Sandbox"):
 * `undefined` → absent; BigInt → decimal string; Date → ISO string (its toJSON); Map → object
 * (string/number keys) or `[key, value]` pairs; Set → array; typed array → array of numbers;
 * Error → `{ name, message, … }`; function → `"[Function: name]"`; symbol → `"Symbol(desc)"`;
 * a cycle → `"[Circular]"`; NaN and ±Infinity → null (JSON's rule). A getter or toJSON that throws
 * makes the value unserializable, with that error's message.
 */
import {
  ArrayBufferConstructor,
  DataViewConstructor,
  MapConstructor,
  PromiseConstructor,
  RegExpConstructor,
  SetConstructor,
  StringConstructor,
  WeakMapConstructor,
  WeakSetConstructor,
  arrayFrom,
  arrayIncludes,
  arrayPop,
  arrayPush,
  createObject,
  errorIsError,
  isView,
  mapEntries,
  objectKeys,
  stringify,
} from './intrinsics.ts';

/** Thrown when the JSON being built passes the byte budget; `reached` is a lower bound. */
export class SizeExceeded {
  reached: number;
  constructor(reached: number) {
    this.reached = reached;
  }
}

/**
 * JSON text of `value`, or undefined when the value is undefined.
 * @throws SizeExceeded past `maxBytes`; any error thrown by the value's getters or toJSON.
 */
export function toJson(value: unknown, maxBytes: number): string | undefined {
  return stringify(value, createReplacer(maxBytes)) as string | undefined;
}

function createReplacer(maxBytes: number) {
  const ancestors: unknown[] = [];
  let size = 0;
  const grow = (bytes: number) => {
    size += bytes;
    if (size > maxBytes) throw new SizeExceeded(size);
  };
  return function replacer(this: unknown, key: string, value: unknown): unknown {
    grow(key.length + 4);
    switch (typeof value) {
      case 'string':
        grow(value.length);
        return value;
      case 'bigint':
        return value.toString();
      case 'function':
        return `[Function: ${value.name || 'anonymous'}]`;
      case 'symbol':
        return value.toString();
      case 'object':
        break;
      default:
        grow(8);
        return value;
    }
    if (value === null) return null;
    // `this` is the object holding `value`: unwind the ancestor stack to it, then look for a cycle.
    while (ancestors.length > 0 && ancestors[ancestors.length - 1] !== this) arrayPop(ancestors);
    if (arrayIncludes(ancestors, value)) return '[Circular]';
    const converted = convertObject(value);
    arrayPush(ancestors, value);
    if (converted !== value) arrayPush(ancestors, converted);
    return converted;
  };
}

function convertObject(value: object): unknown {
  if (value instanceof MapConstructor) return convertMap(value);
  if (value instanceof SetConstructor) return arrayFrom(value);
  if (errorIsError(value)) return convertError(value);
  if (isView(value)) {
    return value instanceof DataViewConstructor ? '[DataView]' : arrayFrom(value as Uint8Array);
  }
  if (value instanceof ArrayBufferConstructor) return `[ArrayBuffer ${value.byteLength} bytes]`;
  if (value instanceof RegExpConstructor) return StringConstructor(value);
  if (value instanceof PromiseConstructor) return '[Promise]';
  if (value instanceof WeakMapConstructor) return '[WeakMap]';
  if (value instanceof WeakSetConstructor) return '[WeakSet]';
  return value;
}

function convertMap(map: Map<unknown, unknown>): unknown {
  const entries = arrayFrom(mapEntries(map));
  const keyed = entries.every(([key]) => typeof key === 'string' || typeof key === 'number');
  if (!keyed) return entries;
  // A null prototype: a `__proto__` key becomes an own property, not a prototype change.
  const result = createObject(null) as Record<string, unknown>;
  for (const [key, entry] of entries) result[StringConstructor(key)] = entry;
  return result;
}

function convertError(error: Error): Record<string, unknown> {
  const result = createObject(null) as Record<string, unknown>;
  result['name'] = error.name;
  result['message'] = error.message;
  for (const key of objectKeys(error)) if (key !== 'stack') result[key] = (error as never)[key];
  return result;
}
