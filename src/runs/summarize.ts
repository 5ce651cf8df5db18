/**
 * The result summarizer: cuts a JSON value down to a character budget, keeping its shape and
 * saying in place what it cut (markers: ./markers.ts). The output is always a JSON value whose
 * `JSON.stringify` length is at most the budget — never a string cut mid-object, the failure of
 * Cloudflare's codeMcpServer (cloudflare/agents#2009, shared/notes/peers-code-mode.md §2.1).
 *
 * How the budget is spent: a value that fits is kept whole. An object keeps every key (unless the
 * keys alone overflow) and shares the rest among its values; an array keeps the longest prefix of
 * whole items, or at least its first {@link PREFERRED_ARRAY_ITEMS} items cut down; a string keeps
 * its head. Children are shared out by water-filling: small children are kept whole, the large
 * ones split what remains evenly, so one huge page body cannot starve its siblings.
 */
import {
  createJsonSizer,
  type JsonSizer,
  type JsonValue,
  jsonStringLength,
  unitsThatFit,
} from './json-size.ts';
import { setEntry } from './json-object.ts';
import { cutStringMarker, markerKey, moreItemsMarker, moreKeysMarker } from './markers.ts';

/** Every compact form (a marker alone: `"…[40 chars]"`, `["…[9 items]"]`, `{"…":"7 keys"}`) and every number fits this. */
export const MIN_NODE_CHARS = 32;
/** A cut array shows at least this many items (cut down) when fewer fit whole. */
export const PREFERRED_ARRAY_ITEMS = 3;

export interface Summary {
  /** The summarized value; `JSON.stringify(value).length <= budget`. */
  value: JsonValue;
  /** True when anything was cut. */
  truncated: boolean;
  /** `JSON.stringify(value).length`. */
  chars: number;
}

interface Fitted {
  value: JsonValue;
  size: number;
}

interface Context {
  sizeOf: JsonSizer;
  truncated: boolean;
}

/**
 * Summarizes a JSON value to at most `budgetChars` characters of JSON (at least {@link MIN_NODE_CHARS}).
 *
 * @example
 * const { value, truncated } = summarizeJson({ pages: bigListing }, 6_000);
 * // value: { pages: [{...}, {...}, "…[+998 more items]"] }, truncated: true
 */
export function summarizeJson(value: JsonValue, budgetChars: number): Summary {
  const budget = Math.max(MIN_NODE_CHARS, Math.floor(budgetChars));
  const context: Context = { sizeOf: createJsonSizer(), truncated: false };
  const fitted = fit(value, budget, context);
  const chars = JSON.stringify(fitted.value).length;
  if (chars <= budget) return { value: fitted.value, truncated: context.truncated, chars };
  // Unreachable by construction; kept so that a defect can never break the budget promise.
  const fallback = compact(value);
  return { value: fallback, truncated: true, chars: JSON.stringify(fallback).length };
}

/** Fits `value` into `budget` characters; callers give at least MIN_NODE_CHARS or the full size. */
function fit(value: JsonValue, budget: number, context: Context): Fitted {
  const full = context.sizeOf(value);
  if (full <= budget) return { value, size: full };
  context.truncated = true;
  if (budget < MIN_NODE_CHARS || value === null || typeof value !== 'object') {
    if (typeof value === 'string' && budget >= MIN_NODE_CHARS) return fitString(value, budget);
    const compactValue = compact(value);
    return { value: compactValue, size: JSON.stringify(compactValue).length };
  }
  return Array.isArray(value)
    ? fitArray(value, budget, context)
    : fitObject(value, budget, context);
}

/**
 * A string cut to at most `budgetChars` characters of JSON (quotes included, at least
 * {@link MIN_NODE_CHARS}): its head and `…[+N chars]`; the string itself when it fits.
 *
 * @example
 * truncateString('x'.repeat(100), 40); // 'xxxxxxxxxxxxxxxxx…[+83 chars]'
 */
export function truncateString(text: string, budgetChars: number): string {
  const budget = Math.max(MIN_NODE_CHARS, Math.floor(budgetChars));
  return jsonStringLength(text) <= budget ? text : (fitString(text, budget).value as string);
}

function fitString(text: string, budget: number): Fitted {
  const longestMarker = cutStringMarker(text.length, 1).length;
  const available = budget - 2 - longestMarker;
  const units = available > 0 ? unitsThatFit(text, 0, text.length, available) : 0;
  const value = text.slice(0, units) + cutStringMarker(text.length - units, units);
  return { value, size: jsonStringLength(value) };
}

function fitArray(items: JsonValue[], budget: number, context: Context): Fitted {
  const sizes = items.map((item) => context.sizeOf(item));
  const count = chooseItemCount(sizes, budget);
  if (count === 0) return compactFitted(items);
  const overhead = arrayOverhead(count, items.length);
  const shown = waterFill(items.slice(0, count), sizes, budget - overhead, context);
  const value: JsonValue[] = shown.map((fitted) => fitted.value);
  if (count < items.length) value.push(moreItemsMarker(items.length - count, count));
  return { value, size: overhead + shown.reduce((sum, fitted) => sum + fitted.size, 0) };
}

/** Brackets, commas and the marker element of an array showing `count` of `length` items. */
function arrayOverhead(count: number, length: number): number {
  if (count === length) return 2 + Math.max(0, count - 1);
  return 2 + count + jsonStringLength(moreItemsMarker(length - count, count));
}

function chooseItemCount(sizes: number[], budget: number): number {
  let whole = 0;
  let used = 0;
  while (
    whole < sizes.length &&
    arrayOverhead(whole + 1, sizes.length) + used + sizes[whole]! <= budget
  ) {
    used += sizes[whole]!;
    whole++;
  }
  let count = Math.max(whole, Math.min(sizes.length, PREFERRED_ARRAY_ITEMS));
  while (count > 0 && !fits(count, sizes, arrayOverhead(count, sizes.length), budget)) count--;
  return count;
}

/** True when `count` children can each get their minimum share (whole, or MIN_NODE_CHARS). */
function fits(count: number, sizes: number[], overhead: number, budget: number): boolean {
  let needed = overhead;
  for (let index = 0; index < count && needed <= budget; index++) {
    needed += Math.min(sizes[index]!, MIN_NODE_CHARS);
  }
  return needed <= budget;
}

function fitObject(object: { [key: string]: JsonValue }, budget: number, context: Context): Fitted {
  const keys = Object.keys(object);
  const sizes = keys.map((key) => context.sizeOf(object[key]!));
  const marker = markerKey(object);
  const overheadFor = (count: number) => objectOverhead(keys, count, marker);
  let count = keys.length;
  while (count > 0 && !fits(count, sizes, overheadFor(count), budget)) count--;
  if (count === 0) return compactFitted(object);
  const kept = keys.slice(0, count);
  const overhead = overheadFor(count);
  const values = waterFill(
    kept.map((key) => object[key]!),
    sizes,
    budget - overhead,
    context,
  );
  const value: { [key: string]: JsonValue } = {};
  kept.forEach((key, index) => setEntry(value, key, values[index]!.value));
  if (count < keys.length) setEntry(value, marker, moreKeysMarker(keys.length - count, count));
  return { value, size: overhead + values.reduce((sum, fitted) => sum + fitted.size, 0) };
}

/** Braces, keys, colons, commas and the marker entry of an object showing its first `count` keys. */
function objectOverhead(keys: string[], count: number, marker: string): number {
  let size = 2 + Math.max(0, count - 1);
  for (let index = 0; index < count; index++) size += jsonStringLength(keys[index]!) + 1;
  if (count < keys.length) {
    size +=
      1 +
      jsonStringLength(marker) +
      1 +
      jsonStringLength(moreKeysMarker(keys.length - count, count));
  }
  return size;
}

/**
 * Shares `available` characters among `children` (sizes by index): smallest first, each gets
 * its whole size or an even share of what remains, so the slack of small children flows to the
 * large ones. Returns the fitted children in their original order.
 */
function waterFill(
  children: JsonValue[],
  sizes: number[],
  available: number,
  context: Context,
): Fitted[] {
  const order = children.map((_, index) => index).sort((a, b) => sizes[a]! - sizes[b]!);
  const fitted: Fitted[] = new Array(children.length);
  let remaining = available;
  order.forEach((index, position) => {
    const share = Math.min(sizes[index]!, Math.floor(remaining / (children.length - position)));
    fitted[index] = fit(children[index]!, share, context);
    remaining -= fitted[index].size;
  });
  return fitted;
}

/** The smallest form of a value that still has its type and says what it held. */
function compact(value: JsonValue): JsonValue {
  if (typeof value === 'string') return cutStringMarker(value.length, 0);
  if (Array.isArray(value)) return [moreItemsMarker(value.length, 0)];
  if (value !== null && typeof value === 'object') {
    return { [markerKey(value)]: moreKeysMarker(Object.keys(value).length, 0) };
  }
  return value;
}

function compactFitted(value: JsonValue): Fitted {
  const compactValue = compact(value);
  return { value: compactValue, size: JSON.stringify(compactValue).length };
}
