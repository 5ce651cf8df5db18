/**
 * The emulator's request log: when each `/wiki` request arrived, what it was and how it was
 * answered, seen from the site's side. Tests and benchmarks read it to check what no client can
 * report about itself, e.g. that several workbench instances together stayed within a site's rate
 * limit (`peakInWindow`). Kept only where the fault routes are served (`--faults`), in a bounded
 * ring: past `capacity` the oldest entries go, and `dropped` says how many.
 */
import type { MiddlewareHandler } from 'hono';
import type { EmulatorEnv } from '../http/env.ts';

export interface LoggedRequest {
  /** Arrival, ms since epoch (the emulator's clock), before any injected latency. */
  at: number;
  method: string;
  path: string;
  /** The status answered; 0 when a fault dropped the connection. */
  status: number;
}

export interface RequestLogPage {
  requests: LoggedRequest[];
  /** Entries the ring let go of since the last clear (the oldest first). */
  dropped: number;
}

export interface RequestLog {
  record(request: LoggedRequest): void;
  /** The entries that arrived at or after `since` (all by default), oldest first. */
  list(since?: number): RequestLogPage;
  clear(): void;
}

/** Entries kept at most by default: about 10 MB, several minutes of a benchmark at full speed. */
export const DEFAULT_REQUEST_LOG_CAPACITY = 200_000;

/**
 * @example
 * const log = createRequestLog();
 * log.record({ at: Date.now(), method: 'GET', path: '/wiki/api/v2/pages', status: 200 });
 * log.list().requests.length; // 1
 */
export function createRequestLog(capacity = DEFAULT_REQUEST_LOG_CAPACITY): RequestLog {
  if (!Number.isInteger(capacity) || capacity < 1)
    throw new RangeError(`capacity must be a positive integer; got ${capacity}`);
  let ring: LoggedRequest[] = [];
  let start = 0;
  let dropped = 0;
  return {
    record(request) {
      if (ring.length < capacity) {
        ring.push(request);
        return;
      }
      ring[start] = request;
      start = (start + 1) % capacity;
      dropped += 1;
    },
    list(since) {
      const ordered = [...ring.slice(start), ...ring.slice(0, start)];
      // Arrivals are recorded as they come, so `at` only grows along the ring.
      return {
        requests: since === undefined ? ordered : ordered.filter((entry) => entry.at >= since),
        dropped,
      };
    },
    clear() {
      ring = [];
      start = 0;
      dropped = 0;
    },
  };
}

/**
 * The most requests that arrived within any `windowMs` span (a sliding window over arrival times),
 * the figure a site's rate limit is about.
 *
 * @example
 * peakInWindow([0, 100, 900, 1_000, 1_500], 1_000); // 3 (100, 900 and 1,000 fall in [100, 1,100))
 */
export function peakInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let peak = 0;
  let first = 0;
  for (let last = 0; last < sorted.length; last++) {
    while (sorted[last]! - sorted[first]! >= windowMs) first += 1;
    peak = Math.max(peak, last - first + 1);
  }
  return peak;
}

/** Records every request that passes, its arrival first, its status once answered. */
export function logRequests(log: RequestLog, now: () => number): MiddlewareHandler<EmulatorEnv> {
  return async function recordRequest(c, next) {
    const entry: LoggedRequest = { at: now(), method: c.req.method, path: c.req.path, status: 0 };
    log.record(entry);
    await next();
    entry.status = c.res.status;
  };
}
