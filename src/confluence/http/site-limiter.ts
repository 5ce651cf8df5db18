/**
 * The limiter of one Confluence site and credential, shared by every client, run and job that
 * uses them (see limiter-registry.ts): a concurrency cap, an adaptive request rate that also
 * follows the server's own count (site-pacer.ts), and a site-wide pause when Confluence answers
 * 429 (or 503) with `Retry-After`, or says its hourly quota is used up, so a rate-limit storm
 * slows every caller at once instead of each retrying into it.
 *
 * The concurrency cap is p-queue (maintained, AbortSignal-aware). A request holding a slot then
 * waits at the gate for the rate and any pause; a caller that cannot wait as long as a pause
 * lasts (`maxWaitMs`) is refused at once with a {@link SitePausedError}, both when it arrives and
 * when a longer pause begins while it waits, so an hour-long quota pause never hangs a run.
 */
import PQueue from 'p-queue';
import { isQuotaReason, nextUtcHour, type RateLimitSignal } from './rate-limit-headers.ts';
import { createPacer, type PacerStats } from './site-pacer.ts';

/** Requests in flight at once per site. */
export const DEFAULT_SITE_CONCURRENCY = 10;
/** Requests started per interval per site (Atlassian publishes no figure; bursts of ~20 parallel calls have drawn 429s: notes/peers-confluence.md P5). */
export const DEFAULT_SITE_REQUESTS_PER_INTERVAL = 25;
export const DEFAULT_SITE_INTERVAL_MS = 1_000;
/** Longest single timer (setTimeout overflows past 2^31 - 1 ms); a longer wait re-arms. */
const MAX_NAP_MS = 60_000;

export interface SiteLimiterOptions {
  /** Requests in flight at once (default {@link DEFAULT_SITE_CONCURRENCY}). */
  concurrency?: number;
  /** Requests started per `intervalMs`; `Infinity` turns the rate limit off (default {@link DEFAULT_SITE_REQUESTS_PER_INTERVAL}). */
  requestsPerInterval?: number;
  /** Length of the rate window in milliseconds (default {@link DEFAULT_SITE_INTERVAL_MS}). */
  intervalMs?: number;
}

export interface SiteLimiterStats extends PacerStats {
  /** Requests holding a slot and sent (or being sent). */
  running: number;
  /** Requests waiting for a slot, the rate, or a pause to end. */
  waiting: number;
  /** Epoch ms until which the site is paused, when it is. */
  pausedUntil?: number;
  /** Why: the `RateLimit-Reason` Confluence gave (`confluence-quota-global-based`), else `Retry-After`. */
  pauseReason?: string;
}

export interface ScheduleOptions {
  /** Refuse rather than wait longer than this for a pause to end (default: wait however long). */
  maxWaitMs?: number;
  /**
   * Told whenever the request is about to wait on a pause (again after each nap of a long one):
   * the pause, and how long is left. The caller keeps what it needs (the client, the first).
   */
  onPause?: (pause: SitePause, waitMs: number) => void;
}

/** A site pause a call could not wait out. */
export interface SitePause {
  /** Epoch ms when the site may be called again. */
  until: number;
  reason: string;
  /** Confluence said its hourly quota is used up. */
  quota: boolean;
}

/** Thrown by {@link SiteLimiter.schedule} for a call that would wait longer than its `maxWaitMs`. */
export class SitePausedError extends Error {
  readonly pause: SitePause;
  constructor(pause: SitePause) {
    super(`the site is paused until ${new Date(pause.until).toISOString()} (${pause.reason})`);
    this.name = 'SitePausedError';
    this.pause = pause;
  }
}

export interface SiteLimiter {
  /** Runs `task` when a slot, the rate and any pause allow; rejects with the signal's reason if it aborts first. */
  schedule<T>(task: () => Promise<T>, signal?: AbortSignal, options?: ScheduleOptions): Promise<T>;
  /** Holds every request to the site for `ms`; overlapping pauses extend, never shorten. */
  pauseFor(ms: number, reason?: string): void;
  /** Honours a pause learned elsewhere (another instance, through the database); extends, never shortens. */
  adopt(pause: SitePause): void;
  /** Reads one answer's status and rate-limit headers; returns the pause it began, if any. */
  observe(status: number, signal: RateLimitSignal): SitePause | undefined;
  stats(): SiteLimiterStats;
}

/**
 * @example
 * const limiter = createSiteLimiter({ concurrency: 4, requestsPerInterval: 10 });
 * const clientA = createConfluenceClient({ baseUrl, auth, limiter });
 * const clientB = createConfluenceClient({ baseUrl, auth, limiter }); // one budget
 */
export function createSiteLimiter(
  options: SiteLimiterOptions = {},
  now: () => number = Date.now,
): SiteLimiter {
  const queue = new PQueue({ concurrency: options.concurrency ?? DEFAULT_SITE_CONCURRENCY });
  const pacer = createPacer(
    options.requestsPerInterval ?? DEFAULT_SITE_REQUESTS_PER_INTERVAL,
    options.intervalMs ?? DEFAULT_SITE_INTERVAL_MS,
  );
  let pause: SitePause = { until: 0, reason: '', quota: false };
  let atGate = 0;
  const wakers = new Set<() => void>();

  function refuses(maxWaitMs: number | undefined, at: number): boolean {
    return maxWaitMs !== undefined && pause.until - at > maxWaitMs;
  }

  async function admit(signal: AbortSignal | undefined, scheduleOptions: ScheduleOptions) {
    const { maxWaitMs, onPause } = scheduleOptions;
    atGate += 1;
    try {
      for (;;) {
        signal?.throwIfAborted();
        const at = now();
        if (refuses(maxWaitMs, at)) throw new SitePausedError({ ...pause });
        if (pause.until > at) onPause?.({ ...pause }, pause.until - at);
        const wait = Math.max(pause.until - at, pacer.waitMs(at));
        if (wait <= 0) break;
        await nap(Math.min(wait, MAX_NAP_MS), signal, wakers);
      }
      pacer.started(now());
    } finally {
      atGate -= 1;
    }
  }

  function pauseUntil(until: number, reason: string, quota: boolean) {
    if (until <= pause.until) return;
    pause = { until, reason, quota };
    // Waiters re-check at once: those that cannot wait this long are refused now, not in an hour.
    for (const wake of [...wakers]) wake();
  }

  return {
    schedule(task, signal, scheduleOptions = {}) {
      const { maxWaitMs } = scheduleOptions;
      if (refuses(maxWaitMs, now())) return Promise.reject(new SitePausedError({ ...pause }));
      return queue.add(
        async () => {
          await admit(signal, scheduleOptions);
          return task();
        },
        signal ? { signal } : {},
      ) as Promise<Awaited<ReturnType<typeof task>>>;
    },
    pauseFor(ms, reason = 'Retry-After') {
      pauseUntil(now() + Math.max(0, ms), reason, false);
    },
    adopt(shared) {
      pauseUntil(shared.until, shared.reason, shared.quota);
    },
    observe(status, signal) {
      const at = now();
      pacer.observe(signal, Math.max(0, queue.pending - atGate - 1), at);
      // Any answer but a 429 or a 5xx went through the site's limits: it counts toward recovery.
      if (status !== 429 && status < 500) {
        pacer.succeeded();
        return undefined;
      }
      if (status !== 429 && !(status === 503 && signal.retryAfterMs !== undefined))
        return undefined;
      const quota = isQuotaReason(signal.reason);
      const waitMs =
        signal.retryAfterMs ?? (quota ? (signal.resetAt ?? nextUtcHour(at)) - at : undefined);
      const until = waitMs === undefined ? at : at + Math.max(0, waitMs);
      if (status === 429 && !quota) pacer.throttled(at, until);
      if (waitMs === undefined) return undefined;
      const reason = signal.reason ?? `Retry-After after a ${status}`;
      pauseUntil(until, reason, quota);
      return { until, reason, quota };
    },
    stats() {
      const at = now();
      return {
        running: queue.pending - atGate,
        waiting: queue.size + atGate,
        ...(pause.until > at ? { pausedUntil: pause.until, pauseReason: pause.reason } : {}),
        ...pacer.stats(at),
      };
    },
  };
}

/** Sleeps `ms`, or until a waker runs (a new pause), or rejects when `signal` aborts. */
function nap(ms: number, signal: AbortSignal | undefined, wakers: Set<() => void>): Promise<void> {
  return new Promise((resolve, reject) => {
    const finish = () => {
      clearTimeout(timer);
      wakers.delete(wake);
      signal?.removeEventListener('abort', onAbort);
    };
    const wake = () => {
      finish();
      resolve();
    };
    const onAbort = () => {
      finish();
      reject(signal!.reason);
    };
    const timer = setTimeout(wake, ms);
    wakers.add(wake);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
