/**
 * One limiter per Confluence site, shared by every run against it: a concurrency cap, a
 * request-rate limit, and a site-wide pause when Confluence answers 429 with `Retry-After`, so a
 * rate-limit storm slows every caller at once instead of each retrying into it.
 *
 * Built on p-queue (maintained, AbortSignal-aware): its `strict` mode is a sliding window, the
 * token bucket's stricter form: no more than `requestsPerInterval` requests start in any
 * `intervalMs`, with no burst at window edges. A request waiting for a slot, for the rate or for
 * a pause is dropped from the queue when its signal aborts.
 */
import PQueue from 'p-queue';

/** Requests in flight at once per site. */
export const DEFAULT_SITE_CONCURRENCY = 10;
/** Requests started per interval per site (Atlassian publishes no figure; bursts of ~20 parallel calls have drawn 429s: notes/peers-confluence.md P5). */
export const DEFAULT_SITE_REQUESTS_PER_INTERVAL = 25;
export const DEFAULT_SITE_INTERVAL_MS = 1_000;

export interface SiteLimiterOptions {
  /** Requests in flight at once (default {@link DEFAULT_SITE_CONCURRENCY}). */
  concurrency?: number;
  /** Requests started per `intervalMs`; `Infinity` turns the rate limit off (default {@link DEFAULT_SITE_REQUESTS_PER_INTERVAL}). */
  requestsPerInterval?: number;
  /** Length of the rate window in milliseconds (default {@link DEFAULT_SITE_INTERVAL_MS}). */
  intervalMs?: number;
}

export interface SiteLimiterStats {
  /** Requests holding a slot. */
  running: number;
  /** Requests waiting for a slot, the rate, or a pause to end. */
  waiting: number;
  /** Epoch ms until which the site is paused after a 429, when it is. */
  pausedUntil?: number;
}

export interface SiteLimiter {
  /** Runs `task` when a slot and the rate allow; rejects with the signal's reason if it aborts first. */
  schedule<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Holds every request to the site for `ms` (a `Retry-After`); overlapping pauses extend, never shorten. */
  pauseFor(ms: number): void;
  stats(): SiteLimiterStats;
}

/**
 * @example
 * const limiter = createSiteLimiter({ concurrency: 4, requestsPerInterval: 10 });
 * const clientA = createConfluenceClient({ baseUrl, auth, limiter });
 * const clientB = createConfluenceClient({ baseUrl, auth: otherAuth, limiter }); // same site, same budget
 */
export function createSiteLimiter(options: SiteLimiterOptions = {}): SiteLimiter {
  const requestsPerInterval = options.requestsPerInterval ?? DEFAULT_SITE_REQUESTS_PER_INTERVAL;
  const rateLimited = Number.isFinite(requestsPerInterval);
  const queue = new PQueue({
    concurrency: options.concurrency ?? DEFAULT_SITE_CONCURRENCY,
    ...(rateLimited
      ? {
          intervalCap: requestsPerInterval,
          interval: options.intervalMs ?? DEFAULT_SITE_INTERVAL_MS,
          strict: true,
        }
      : {}),
  });
  let pausedUntil = 0;
  let resumeTimer: ReturnType<typeof setTimeout> | undefined;

  return {
    schedule(task, signal) {
      return queue.add(task, signal ? { signal } : {}) as Promise<Awaited<ReturnType<typeof task>>>;
    },
    pauseFor(ms) {
      const until = Date.now() + Math.max(0, ms);
      if (until <= pausedUntil) return;
      pausedUntil = until;
      queue.pause();
      clearTimeout(resumeTimer);
      resumeTimer = setTimeout(() => {
        pausedUntil = 0;
        queue.start();
      }, until - Date.now());
    },
    stats() {
      return {
        running: queue.pending,
        waiting: queue.size,
        ...(pausedUntil > Date.now() ? { pausedUntil } : {}),
      };
    },
  };
}
