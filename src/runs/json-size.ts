/**
 * Sizes of JSON values as `JSON.stringify` writes them, without writing them: the summarizer asks
 * for the size of every subtree, so container sizes are computed once and remembered.
 */

/** A value that `JSON.parse` can produce. */
export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Returns the length of `JSON.stringify(value)`; containers are measured once per sizer. */
export type JsonSizer = (value: JsonValue) => number;

/**
 * A sizer with its own memo (a WeakMap: it lives as long as the value it measures).
 *
 * @example
 * const sizeOf = createJsonSizer();
 * sizeOf({ a: [1, 'x'] }) === JSON.stringify({ a: [1, 'x'] }).length; // true
 */
export function createJsonSizer(): JsonSizer {
  const memo = new WeakMap<object, number>();
  const sizeOf: JsonSizer = (value) => {
    if (value === null || typeof value !== 'object') return scalarSize(value);
    const known = memo.get(value);
    if (known !== undefined) return known;
    let size = 2;
    if (Array.isArray(value)) {
      for (const item of value) size += sizeOf(item);
      size += Math.max(0, value.length - 1);
    } else {
      const keys = Object.keys(value);
      for (const key of keys) size += jsonStringLength(key) + 1 + sizeOf(value[key]!);
      size += Math.max(0, keys.length - 1);
    }
    memo.set(value, size);
    return size;
  };
  return sizeOf;
}

function scalarSize(value: null | boolean | number | string): number {
  if (typeof value === 'string') return jsonStringLength(value);
  return JSON.stringify(value).length;
}

/** Length of a string once written as a JSON string literal, quotes included. */
export function jsonStringLength(text: string): number {
  return JSON.stringify(text).length;
}

/**
 * How many UTF-16 units of `text`, from `start` up to `end`, fit in `maxChars` characters of JSON
 * string contents (quotes excluded). A surrogate pair is never split; a lone surrogate counts as
 * the `\udxxx` escape JSON.stringify writes for it.
 *
 * @example
 * unitsThatFit('a"b', 0, 3, 3); // 2: `a` and `\"` fill 3 characters
 */
export function unitsThatFit(text: string, start: number, end: number, maxChars: number): number {
  let used = 0;
  let index = start;
  while (index < end) {
    const code = text.charCodeAt(index);
    const paired =
      isHighSurrogate(code) && index + 1 < end && isLowSurrogate(text.charCodeAt(index + 1));
    const units = paired ? 2 : 1;
    const chars = paired ? 2 : escapedLength(code);
    if (used + chars > maxChars) break;
    used += chars;
    index += units;
  }
  return index - start;
}

/** Characters JSON.stringify writes for one UTF-16 unit that is not part of a surrogate pair. */
function escapedLength(code: number): number {
  if (code === 0x22 || code === 0x5c) return 2; // \" and \\
  if (code < 0x20)
    return code === 8 || code === 9 || code === 10 || code === 12 || code === 13 ? 2 : 6;
  if (isHighSurrogate(code) || isLowSurrogate(code)) return 6; // lone surrogate: \udxxx
  return 1;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
