/**
 * When the next request to a site may start. Three constraints, the strictest wins:
 * - the rate: at most `rate` starts in any `intervalMs` (a sliding log, so no burst at window
 *   edges), where `rate` adapts (AIMD): a burst 429 halves it, and each run of successes as long
 *   as the current rate adds a tenth of the configured rate back, until it is reached again;
 * - the server's own count: when `X-RateLimit-Remaining`/`RateLimit` says little is left before
 *   the reset, the remaining requests are spread evenly until then instead of sent in a burst,
 *   and none starts when nothing is left (Atlassian: "distribute requests evenly", "Avoid using
 *   concurrency to bypass limits", notes/jobs-triggers-scale.md §1c);
 * - pauses are the limiter's business, not the pacer's.
 */
import type { RateLimitSignal } from './rate-limit-headers.ts';

/** A burst 429 multiplies the rate by this. */
export const RATE_DECREASE_FACTOR = 0.5;
/** Each recovery step adds this share of the configured rate (at least one request). */
export const RATE_RECOVERY_SHARE = 0.1;
/** Below this share of the server's limit left, requests are spread until the reset. */
export const LOW_REMAINING_SHARE = 0.2;

export interface PacerStats {
  /** Starts allowed per interval now (`Infinity`: unpaced). */
  currentRate: number;
  configuredRate: number;
  intervalMs: number;
  /** Burst 429s seen. */
  throttled: number;
  /** What the server last said is left, and when it resets (epoch ms), while that holds. */
  serverRemaining?: number;
  serverResetAt?: number;
}

export interface Pacer {
  /** Milliseconds until a start is allowed at `at` (0: now). */
  waitMs(at: number): number;
  started(at: number): void;
  succeeded(): void;
  /**
   * A burst 429: lower the rate, once per episode however many calls were in flight: later 429s
   * are ignored until an interval has passed after `pausedUntil` (the pause this 429 began).
   */
  throttled(at: number, pausedUntil: number): void;
  /** The server's count, from an answer; `othersInFlight` may not be counted in it yet. */
  observe(signal: RateLimitSignal, othersInFlight: number, at: number): void;
  stats(at: number): PacerStats;
}

export function createPacer(configuredRate: number, intervalMs: number): Pacer {
  let rate = configuredRate;
  /** The rate to climb back to: the configured one, or the rate measured when an unpaced site was throttled. */
  let ceiling = configuredRate;
  let streak = 0;
  let throttledCount = 0;
  let quietUntil = Number.NEGATIVE_INFINITY;
  let starts: number[] = [];
  let server: { remaining: number; resetAt: number; limit?: number } | undefined;

  function prune(at: number) {
    const from = at - intervalMs;
    if (starts.length > 0 && starts[0]! <= from) starts = starts.filter((time) => time > from);
    if (server && at >= server.resetAt) server = undefined;
  }

  function serverWait(at: number): number {
    if (!server) return 0;
    if (server.remaining <= 0) return server.resetAt - at;
    const low =
      server.limit === undefined
        ? server.remaining <= 1
        : server.remaining < server.limit * LOW_REMAINING_SHARE;
    if (!low) return 0;
    const last = starts.at(-1);
    if (last === undefined) return 0;
    const spacing = (server.resetAt - last) / (server.remaining + 1);
    return Math.max(0, last + spacing - at);
  }

  return {
    waitMs(at) {
      prune(at);
      const rateWait =
        Number.isFinite(rate) && starts.length >= rate
          ? starts[starts.length - Math.floor(rate)]! + intervalMs - at
          : 0;
      return Math.max(0, rateWait, serverWait(at));
    },
    started(at) {
      starts.push(at);
      if (server) server.remaining -= 1;
    },
    succeeded() {
      if (rate >= configuredRate) return;
      streak += 1;
      if (streak < Math.max(1, rate)) return;
      streak = 0;
      rate += Math.max(1, Math.ceil(ceiling * RATE_RECOVERY_SHARE));
      if (rate >= ceiling) rate = configuredRate;
    },
    throttled(at, pausedUntil) {
      throttledCount += 1;
      if (at < quietUntil) return;
      quietUntil = Math.max(at, pausedUntil) + intervalMs;
      prune(at);
      // An unpaced site has no rate to halve: halve what it was doing, and climb back to that.
      const base = Number.isFinite(rate) ? rate : Math.max(1, starts.length);
      if (!Number.isFinite(rate)) ceiling = base;
      rate = Math.max(1, Math.floor(base * RATE_DECREASE_FACTOR));
      streak = 0;
    },
    observe(signal, othersInFlight, at) {
      if (signal.remaining === undefined || signal.resetAt === undefined) return;
      if (signal.resetAt <= at) return;
      // A late answer from a window that has already been replaced says nothing about this one.
      if (server !== undefined && signal.resetAt < server.resetAt - 1_000) return;
      const remaining = Math.max(0, signal.remaining - othersInFlight);
      const sameWindow = server !== undefined && Math.abs(server.resetAt - signal.resetAt) < 1_000;
      server = {
        remaining: sameWindow ? Math.min(server!.remaining, remaining) : remaining,
        resetAt: signal.resetAt,
        ...(signal.limit === undefined ? {} : { limit: signal.limit }),
      };
    },
    stats(at) {
      prune(at);
      return {
        currentRate: rate,
        configuredRate,
        intervalMs,
        throttled: throttledCount,
        ...(server ? { serverRemaining: server.remaining, serverResetAt: server.resetAt } : {}),
      };
    },
  };
}
