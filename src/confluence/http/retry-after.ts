/**
 * `Retry-After` is either delay-seconds or an HTTP date (RFC 9110 §10.2.3); Confluence sends
 * seconds on 429 and sometimes on 503 (developer.atlassian.com/cloud/confluence/rate-limiting/).
 */

/**
 * Milliseconds to wait, or `undefined` when the header is absent or unreadable.
 * @example parseRetryAfter('3', Date.now()) // 3000
 * @example parseRetryAfter('Wed, 21 Oct 2026 07:28:00 GMT', Date.now())
 */
export function parseRetryAfter(
  value: string | null | undefined,
  nowMs: number,
): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  // Only an HTTP date (it names a weekday or a month); Date.parse accepts far more than that.
  if (!/[A-Za-z]{3}/.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
