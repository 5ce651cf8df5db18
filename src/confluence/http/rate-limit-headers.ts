/**
 * What a Confluence answer says about the site's rate limit, from every header form Atlassian
 * sends (notes/confluence-api.md §3.5, notes/jobs-triggers-scale.md §1c):
 * - `X-RateLimit-Limit`, `X-RateLimit-Remaining`, `X-RateLimit-Reset` (Cloud: an ISO-8601 time;
 *   other servers send epoch seconds or seconds to wait, all three are read);
 * - the IETF draft's structured fields as Cloud sends them, `RateLimit-Policy:
 *   "global-app-quota";q=65000;w=3600` and `RateLimit: "global-app-quota";r=11000;t=600` (`r` only
 *   when most of the quota is used), parsed with structured-headers (RFC 9651), plus the older
 *   draft's `RateLimit-Limit/-Remaining/-Reset` (seconds);
 * - `RateLimit-Reason` (`confluence-quota-global-based`, `confluence-quota-tenant-based`,
 *   `confluence-burst-based`) and `Retry-After`.
 * The `Beta-` prefixed forms of the beta period are read when the plain ones are absent.
 */
import { parseList } from 'structured-headers';
import { parseRetryAfter } from './retry-after.ts';

export interface RateLimitSignal {
  /** Requests (or points) the window allows. */
  limit?: number;
  /** What is left of it. */
  remaining?: number;
  /** Epoch ms when the window resets. */
  resetAt?: number;
  /** `RateLimit-Reason`, as sent. */
  reason?: string;
  /** `Retry-After`, in ms. */
  retryAfterMs?: number;
}

/** Below 1e9 a bare number is a delay in seconds; above, epoch seconds (GitHub-style servers). */
const EPOCH_SECONDS_FLOOR = 1e9;

/**
 * @example
 * parseRateLimitHeaders(new Headers({ 'x-ratelimit-remaining': '3', 'x-ratelimit-reset': '2026-12-06T22:00:00Z' }), Date.now())
 * // { remaining: 3, resetAt: 1796594400000 }
 */
export function parseRateLimitHeaders(headers: Headers, nowMs: number): RateLimitSignal {
  const get = (name: string) => headers.get(name) ?? headers.get(`beta-${name}`);
  const signal: RateLimitSignal = {};
  const structured = structuredFields(get('ratelimit'), get('ratelimit-policy'), nowMs);
  const limit =
    count(get('x-ratelimit-limit')) ?? structured.limit ?? count(get('ratelimit-limit'));
  const remaining =
    count(get('x-ratelimit-remaining')) ??
    structured.remaining ??
    count(get('ratelimit-remaining'));
  const resetAt =
    resetTime(get('x-ratelimit-reset'), nowMs) ??
    structured.resetAt ??
    resetTime(get('ratelimit-reset'), nowMs);
  const reason = get('ratelimit-reason')?.trim();
  const retryAfterMs = parseRetryAfter(get('retry-after'), nowMs);
  if (limit !== undefined) signal.limit = limit;
  if (remaining !== undefined) signal.remaining = remaining;
  if (resetAt !== undefined) signal.resetAt = resetAt;
  if (reason) signal.reason = reason;
  if (retryAfterMs !== undefined) signal.retryAfterMs = retryAfterMs;
  return signal;
}

/**
 * An hourly quota, not a burst limit: Atlassian blocks every request until the top of the hour.
 * @example isQuotaReason('confluence-quota-global-based') // true
 */
export function isQuotaReason(reason: string | undefined): boolean {
  return reason !== undefined && /quota/i.test(reason);
}

/** Atlassian's quota windows reset "at the top of each UTC hour", with no carry-over. */
export function nextUtcHour(nowMs: number): number {
  const hour = 3_600_000;
  return Math.floor(nowMs / hour) * hour + hour;
}

function count(value: string | null): number | undefined {
  if (value === null || !/^\s*\d+\s*$/.test(value)) return undefined;
  return Number(value);
}

function resetTime(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    const figure = Number(trimmed);
    return figure >= EPOCH_SECONDS_FLOOR ? figure * 1000 : nowMs + figure * 1000;
  }
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : at;
}

/** The first policy that says something; a malformed field is ignored, never fatal. */
function structuredFields(
  rateLimit: string | null,
  policy: string | null,
  nowMs: number,
): RateLimitSignal {
  const result: RateLimitSignal = {};
  const state = firstParams(rateLimit);
  const quota = firstParams(policy);
  const remaining = state?.get('r');
  const seconds = state?.get('t');
  const limit = quota?.get('q');
  if (typeof remaining === 'number') result.remaining = remaining;
  if (typeof seconds === 'number') result.resetAt = nowMs + seconds * 1000;
  if (typeof limit === 'number') result.limit = limit;
  return result;
}

function firstParams(value: string | null): Map<string, unknown> | undefined {
  if (value === null) return undefined;
  try {
    const first = parseList(value)[0];
    return first ? (first[1] as Map<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
