/**
 * The kinds of value an environment variable holds, as zod schemas from the variable's text to
 * what the workbench uses: integers in a range, flags, comma-separated lists, one of a set, URLs.
 * Each failure is one sentence that says what the value must be and what it was ("must be at
 * least 1 (no run could start); got 0"); src/config/variables.ts puts the variable's name in
 * front. A value that may hold a secret (a token, a database URL's password) is never echoed.
 *
 * An unset variable and one set to blanks are the same (`undefined`): the schema's `.default()`
 * then applies.
 */
import { z } from 'zod';
import { databaseUrlProblem } from './database-url.ts';

type RawValue = string | undefined;

/** `got 0` for a figure, `got "a week"` for anything else: the value as it was written. */
export function gotValue(raw: string): string {
  return /^-?\d+(\.\d+)?$/.test(raw.trim()) ? raw.trim() : JSON.stringify(raw);
}

/** A value checked and converted by `convert`, which returns the value or the sentence saying what is wrong. */
function checked<T>(convert: (raw: string) => T | { problem: string }) {
  return z.string().transform((raw, context): T => {
    const value = convert(raw);
    if (value !== null && typeof value === 'object' && 'problem' in value) {
      context.issues.push({ code: 'custom', message: value.problem, input: raw });
      return z.NEVER;
    }
    return value as T;
  });
}

export interface IntegerOptions {
  min: number;
  max?: number;
  /** Said after each figure: `bytes` gives "at least 1024 bytes". */
  unit?: string;
  /** Why the bound is there, said after it: "(no run could start)". */
  why?: string;
}

/**
 * A whole number in [min, max]; below or above is an error, never a clamp (issue 12).
 *
 * @example
 * integer({ min: 1, why: 'no run could start' }).default(8);
 */
export function integer(options: IntegerOptions) {
  const unit = options.unit ? ` ${options.unit}` : '';
  const why = options.why ? ` (${options.why})` : '';
  const range =
    options.max === undefined
      ? `an integer of at least ${options.min}${unit}`
      : `an integer from ${options.min} to ${options.max}${unit}`;
  return checked((raw) => {
    const value = Number(raw.trim());
    const got = `; got ${gotValue(raw)}`;
    if (!Number.isSafeInteger(value)) return { problem: `must be ${range}${why}${got}` };
    if (value < options.min)
      return { problem: `must be at least ${options.min}${unit}${why}${got}` };
    if (options.max !== undefined && value > options.max)
      return { problem: `must be at most ${options.max}${unit}${why}${got}` };
    return value;
  });
}

const TRUE_WORDS = ['1', 'true', 'yes', 'on'];
const FALSE_WORDS = ['0', 'false', 'no', 'off'];

/** `1/true/yes/on` or `0/false/no/off`, any case. */
export function flag() {
  return checked((raw) => {
    const word = raw.trim().toLowerCase();
    if (TRUE_WORDS.includes(word)) return true;
    if (FALSE_WORDS.includes(word)) return false;
    return { problem: `must be true or false (1/0, yes/no, on/off); got ${gotValue(raw)}` };
  });
}

/** Comma-separated items, trimmed, empty ones dropped. */
export function list(options: { atLeastOne?: string } = {}) {
  return checked((raw) => {
    const items = raw
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0);
    if (options.atLeastOne && items.length === 0)
      return {
        problem: `is set but names no ${options.atLeastOne} (${gotValue(raw)}): give comma-separated ${options.atLeastOne}s, or unset it`,
      };
    return items;
  });
}

/** Text, trimmed. Never echoed in an error, so it may hold a secret. */
export function text() {
  return z.string().transform((raw) => raw.trim());
}

/** One of `values`, any case (returned in lower case). */
export function oneOf<const T extends readonly string[]>(values: T) {
  return checked((raw): T[number] | { problem: string } => {
    const word = raw.trim().toLowerCase();
    if ((values as readonly string[]).includes(word)) return word as T[number];
    return { problem: `must be one of ${values.join(', ')}; got ${gotValue(raw)}` };
  });
}

/**
 * An http(s) site root: a pasted `/wiki` or `/wiki/...` suffix and trailing slashes are dropped
 * (the SDK adds `/wiki/api/v2` and `/wiki/rest/api`).
 */
export function siteUrl() {
  return checked((raw) => {
    let url: URL;
    try {
      url = new URL(raw.trim());
    } catch {
      return {
        problem: `is not a URL (it must look like https://acme.atlassian.net); got ${gotValue(raw)}`,
      };
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      return { problem: `must be an http(s) URL; got "${url.protocol}"` };
    const pathname = url.pathname.replace(/\/wiki(\/.*)?$/, '').replace(/\/+$/, '');
    return `${url.origin}${pathname}`;
  });
}

/** A PostgreSQL URL (its password is never echoed). */
export function databaseUrl() {
  return checked((raw) => {
    const problem = databaseUrlProblem(raw.trim());
    return problem === undefined ? raw.trim() : { problem };
  });
}

/** Blank means unset: `WORKBENCH_PORT=` in a `.env` keeps the default. */
export function isUnset(raw: RawValue): raw is undefined {
  return raw === undefined || raw.trim() === '';
}
