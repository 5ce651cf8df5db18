/**
 * A job's options: the caller's, checked and completed with the defaults (named constants with
 * units, STYLE.md 5), then stored with the job so that a resume runs it the same way.
 */
import { JobsError } from '../errors.ts';
import type { JobOptions } from '../types.ts';

export const DEFAULT_CONCURRENCY = 4;
export const MAX_CONCURRENCY = 64;
/**
 * Five, not two: the SDK re-sends only requests that are safe to repeat, so a create answered 5xx
 * comes back to the item, which reconciles it and sends it again. With two retries and 5% of 5xx
 * answers, about one item in 8,000 failed (0.05^3; the storm test saw it); with five, one in 64
 * million, and the back-off (0.25 s doubling) rides out a burst of about 8 s.
 */
export const DEFAULT_RETRIES = 5;
export const MAX_RETRIES = 20;
/** An item attempt's wall-clock limit (the run service's own default). */
export const DEFAULT_ITEM_TIMEOUT_MS = 30_000;
/** Items a job may hold (input or `items()`). */
export const MAX_JOB_ITEMS = 1_000_000;
/** One item's JSON. */
export const MAX_ITEM_BYTES = 64 * 1024;

export interface ResolvedJobOptions {
  concurrency: number;
  retries: number;
  /** `null`: the job never stops for failures. */
  maxFailures: number | null;
  dryRun: boolean;
  itemTimeoutMs: number;
}

/**
 * @example
 * resolveJobOptions({ concurrency: 8 }, 120_000); // { concurrency: 8, retries: 5, maxFailures: null, dryRun: false, itemTimeoutMs: 30000 }
 * @throws JobsError `INVALID_JOB` for a value out of range.
 */
export function resolveJobOptions(
  options: JobOptions | undefined,
  maxItemTimeoutMs: number,
): ResolvedJobOptions {
  const given = (options ?? {}) as Record<string, unknown>;
  if (typeof given !== 'object' || Array.isArray(given))
    throw new JobsError('INVALID_JOB', 'options must be an object');
  const known = ['concurrency', 'retries', 'maxFailures', 'dryRun', 'itemTimeoutMs'];
  const unknown = Object.keys(given).filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new JobsError(
      'INVALID_JOB',
      `unknown job option ${unknown.join(', ')}; the options are ${known.join(', ')}`,
    );
  }
  if (given['dryRun'] !== undefined && typeof given['dryRun'] !== 'boolean')
    throw new JobsError(
      'INVALID_JOB',
      `dryRun must be true or false; got ${String(given['dryRun'])}`,
    );
  const maxFailures = integer(given, 'maxFailures', 1, Number.MAX_SAFE_INTEGER);
  return {
    concurrency: integer(given, 'concurrency', 1, MAX_CONCURRENCY) ?? DEFAULT_CONCURRENCY,
    retries: integer(given, 'retries', 0, MAX_RETRIES) ?? DEFAULT_RETRIES,
    maxFailures: maxFailures ?? null,
    dryRun: given['dryRun'] === true,
    itemTimeoutMs: Math.min(
      integer(given, 'itemTimeoutMs', 10, Number.MAX_SAFE_INTEGER) ?? DEFAULT_ITEM_TIMEOUT_MS,
      maxItemTimeoutMs,
    ),
  };
}

function integer(
  given: Record<string, unknown>,
  name: string,
  minimum: number,
  maximum: number,
): number | undefined {
  const value = given[name];
  if (value === undefined) return undefined;
  if (
    typeof value !== 'number' ||
    !Number.isSafeInteger(value) ||
    value < minimum ||
    value > maximum
  ) {
    throw new JobsError(
      'INVALID_JOB',
      `${name} must be an integer from ${minimum} to ${maximum}; got ${JSON.stringify(value)}`,
    );
  }
  return value;
}
