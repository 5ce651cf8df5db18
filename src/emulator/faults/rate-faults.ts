/**
 * The rate-limit faults beside the plain `rateLimit` window, each answering 429 with the headers
 * Confluence Cloud sends (developer.atlassian.com/cloud/confluence/rate-limiting/, notes/
 * confluence-api.md §3.5): a burst share (`throttle`), the hourly quota running out (`quota`,
 * Atlassian's example `Retry-After: 1847` with `RateLimit-Reason: confluence-quota-global-based`),
 * and a rate enforced per credential (`enforce`) so tests and benchmarks can check that clients
 * stay under it: every answer then carries `X-RateLimit-*` for that credential's window.
 */
import { createHash } from 'node:crypto';
import type { FaultConfig } from './config.ts';

type Headers = Record<string, string>;
export interface RateVerdict {
  headers: Headers;
  exceeded: boolean;
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** A burst 429 with its Retry-After, as Atlassian sends it. */
export function throttleHeaders(
  throttle: NonNullable<FaultConfig['throttle']>,
  at: number,
): Headers {
  return {
    'Retry-After': String(throttle.retryAfterSeconds),
    'RateLimit-Reason': throttle.reason,
    'X-RateLimit-Remaining': '0',
    'X-RateLimit-Reset': new Date(at + throttle.retryAfterSeconds * 1000).toISOString(),
  };
}

/** The hourly quota: `after` requests go through, then every request is refused until the reset. */
export function createQuotaState() {
  let admitted = 0;
  let resetAt: number | undefined;
  return {
    check(quota: NonNullable<FaultConfig['quota']>, at: number): RateVerdict {
      if (resetAt !== undefined && at >= resetAt) {
        resetAt = undefined;
        admitted = 0;
      }
      if (resetAt === undefined && admitted < quota.after) {
        admitted += 1;
        return { headers: {}, exceeded: false };
      }
      resetAt ??= at + quota.retryAfterSeconds * 1000;
      const left = seconds(resetAt - at);
      return {
        exceeded: true,
        headers: {
          'Retry-After': String(left),
          'RateLimit-Reason': quota.reason,
          'X-RateLimit-Limit': String(quota.limit),
          'X-RateLimit-Remaining': '0',
          'X-RateLimit-Reset': new Date(resetAt).toISOString(),
          'X-RateLimit-NearLimit': 'true',
          'RateLimit-Policy': `"global-app-quota";q=${quota.limit};w=3600`,
          RateLimit: `"global-app-quota";r=0;t=${left}`,
        },
      };
    },
    reset() {
      admitted = 0;
      resetAt = undefined;
    },
  };
}

/** A fixed window per credential (the Authorization header, kept only as a hash). */
export function createEnforcedRate() {
  const windows = new Map<string, { startedAt: number; used: number }>();
  return {
    check(
      enforce: NonNullable<FaultConfig['enforce']>,
      credential: string,
      at: number,
    ): RateVerdict {
      const key = createHash('sha256').update(credential).digest('hex');
      let window = windows.get(key);
      if (!window || at - window.startedAt >= enforce.windowMs) {
        window = { startedAt: at, used: 0 };
        windows.set(key, window);
      }
      const exceeded = window.used >= enforce.requests;
      if (!exceeded) window.used += 1;
      const resetAt = window.startedAt + enforce.windowMs;
      const remaining = enforce.requests - window.used;
      const headers: Headers = {
        'X-RateLimit-Limit': String(enforce.requests),
        'X-RateLimit-Remaining': String(remaining),
        'X-RateLimit-Reset': new Date(resetAt).toISOString(),
        'X-RateLimit-NearLimit': String(remaining < enforce.requests * 0.2),
      };
      if (exceeded) {
        headers['Retry-After'] = String(seconds(resetAt - at));
        headers['RateLimit-Reason'] = 'confluence-burst-based';
      }
      return { headers, exceeded };
    },
    reset() {
      windows.clear();
    },
  };
}
