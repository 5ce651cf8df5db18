/**
 * The error of a call refused because the site is paused for longer than the caller may wait:
 * Confluence's hourly quota is used up (`RateLimit-Reason: confluence-quota-…`, Atlassian's
 * `Retry-After: 1847`), or a `Retry-After` beyond the client's maximum. Its code `RATE_LIMITED`,
 * status 429 and `details.retryAt` are a contract: the jobs engine pauses a job until `retryAt`
 * instead of failing the item.
 */
import { ConfluenceError } from './errors.ts';
import type { SitePause } from './site-limiter.ts';

export interface RateLimitedContext {
  operation: string | undefined;
  method: string;
  /** Site-relative path, without the query. */
  path: string;
  retries: number;
  nowMs: number;
  /** What Confluence asked to wait, when a 429 said so (default: what is left of the pause). */
  retryAfterMs?: number | undefined;
}

/**
 * @example
 * rateLimitedError({ until: Date.now() + 1_847_000, reason: 'confluence-quota-global-based', quota: true },
 *   { operation: 'pages.get', method: 'GET', path: '/wiki/api/v2/pages/1', retries: 0, nowMs: Date.now() });
 */
export function rateLimitedError(pause: SitePause, context: RateLimitedContext): ConfluenceError {
  const retryAt = pause.until;
  const when = `${new Date(retryAt).toISOString()} (in ${describeWait(retryAt - context.nowMs)})`;
  const what = pause.quota
    ? `Confluence's rate-limit quota for this site and credential is used up (${pause.reason})`
    : `Confluence asked the workbench to wait longer than it may (${pause.reason})`;
  return new ConfluenceError({
    status: 429,
    code: 'RATE_LIMITED',
    message: `${context.operation ? `${context.operation}: ` : ''}${what}: no call goes to the site until ${when} (${context.method} ${context.path})`,
    ...(context.operation ? { operation: context.operation } : {}),
    method: context.method,
    path: context.path,
    retries: context.retries,
    retryAfterMs: context.retryAfterMs ?? Math.max(0, retryAt - context.nowMs),
    retryAt,
    hint: `Do not retry before ${when}: every call to this site fails until then. Return what you have so far and run again after that time.`,
  });
}

function describeWait(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  if (seconds < 120) return `${seconds} s`;
  return `${Math.ceil(seconds / 60)} min`;
}
