/**
 * `readResult`'s slicing: one piece of a stored full result, chosen by JSON path (./json-path.ts)
 * and paged by offset and limit, that fits the read budget.
 *
 * - An array pages by items and an object by entries (in key order): the slice holds the whole
 *   items/entries from `offset` that fit the budget (at most `limit` of them). When not even the
 *   first one fits whole, it comes back alone, summarized, with `truncated: true`: read inside it
 *   by path (`$.results[7]`).
 * - A string pages by UTF-16 units: as many as fit, from `offset` (at most `limit`).
 * - A number, boolean or null comes back as is.
 *
 * `nextOffset` (present when `hasMore`) is where the next page starts, so concatenating pages
 * gives the original exactly.
 */
import { RunsError } from './errors.ts';
import { formatJsonPath, isPlainObject, parseJsonPath, resolveJsonPath } from './json-path.ts';
import { setEntry } from './json-object.ts';
import { createJsonSizer, type JsonValue, jsonStringLength, unitsThatFit } from './json-size.ts';
import { MIN_NODE_CHARS, summarizeJson } from './summarize.ts';
import type { ResultSlice } from './types.ts';

export interface SliceOptions {
  path?: string;
  offset?: number;
  limit?: number;
  /** Characters of JSON the slice's `value` may take. */
  budgetChars: number;
}

type Page = Pick<ResultSlice, 'value' | 'truncated'> & { stop: number };

/**
 * Cuts one slice out of a full value.
 *
 * @example
 * sliceJson({ results: ['a', 'b', 'c'] }, { path: '$.results', offset: 1, limit: 1, budgetChars: 6_000 });
 * // { path: '$.results', type: 'array', value: ['b'], total: 3, offset: 1, hasMore: true, nextOffset: 2, truncated: false }
 */
export function sliceJson(full: JsonValue, options: SliceOptions): Omit<ResultSlice, 'resultRef'> {
  const offset = checkCount(options.offset, 'offset', 0) ?? 0;
  const limit = checkCount(options.limit, 'limit', 1);
  const segments = parseJsonPath(options.path ?? '$');
  const target = resolveJsonPath(full, segments) as JsonValue;
  const path = formatJsonPath(segments);
  if (typeof target === 'string' || Array.isArray(target) || isPlainObject(target)) {
    const total =
      typeof target === 'string' || Array.isArray(target)
        ? target.length
        : Object.keys(target).length;
    const start = Math.min(offset, total);
    const end = limit === undefined ? total : Math.min(total, start + limit);
    const page =
      typeof target === 'string'
        ? stringPage(target, start, end, options.budgetChars)
        : Array.isArray(target)
          ? arrayPage(target, start, end, options.budgetChars)
          : objectPage(target as { [key: string]: JsonValue }, start, end, options.budgetChars);
    const hasMore = page.stop < total;
    return {
      path,
      type: typeof target === 'string' ? 'string' : Array.isArray(target) ? 'array' : 'object',
      value: page.value,
      truncated: page.truncated,
      total,
      offset: start,
      hasMore,
      ...(hasMore ? { nextOffset: page.stop } : {}),
    };
  }
  const type = target === null ? 'null' : (typeof target as 'number' | 'boolean');
  return { path, type, value: target, truncated: false, offset: 0, hasMore: false };
}

function stringPage(text: string, start: number, end: number, budget: number): Page {
  const units = unitsThatFit(text, start, end, budget - 2);
  return { value: text.slice(start, start + units), truncated: false, stop: start + units };
}

function arrayPage(items: JsonValue[], start: number, end: number, budget: number): Page {
  const sizeOf = createJsonSizer();
  let used = 2;
  let stop = start;
  while (stop < end && used + sizeOf(items[stop]!) + (stop > start ? 1 : 0) <= budget) {
    used += sizeOf(items[stop]!) + (stop > start ? 1 : 0);
    stop++;
  }
  if (stop > start || start === end)
    return { value: items.slice(start, stop), truncated: false, stop };
  const summary = summarizeJson(items[start]!, budget - 2);
  return { value: [summary.value], truncated: true, stop: start + 1 };
}

function objectPage(
  object: { [key: string]: JsonValue },
  start: number,
  end: number,
  budget: number,
): Page {
  const sizeOf = createJsonSizer();
  const keys = Object.keys(object);
  const value: { [key: string]: JsonValue } = {};
  const entrySize = (index: number) =>
    jsonStringLength(keys[index]!) + 1 + sizeOf(object[keys[index]!]!);
  let used = 2;
  let stop = start;
  while (stop < end && used + entrySize(stop) + (stop > start ? 1 : 0) <= budget) {
    used += entrySize(stop) + (stop > start ? 1 : 0);
    setEntry(value, keys[stop]!, object[keys[stop]!]!);
    stop++;
  }
  if (stop > start || start === end) return { value, truncated: false, stop };
  const key = keys[start]!;
  const room = budget - 2 - jsonStringLength(key) - 1;
  // A key longer than the whole budget cannot be shown; say so rather than skip it silently.
  if (room < MIN_NODE_CHARS)
    return { value: { '…': `1 key of ${key.length} chars` }, truncated: true, stop: start + 1 };
  setEntry(value, key, summarizeJson(object[key]!, room).value);
  return { value, truncated: true, stop: start + 1 };
}

function checkCount(value: number | undefined, name: string, minimum: number): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value) || value < minimum) {
    throw new RunsError(
      'INVALID_OPTION',
      `${name} must be an integer of at least ${minimum}; got ${value}`,
    );
  }
  return value;
}
