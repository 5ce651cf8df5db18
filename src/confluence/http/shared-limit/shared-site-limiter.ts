/**
 * The limiter of one site and credential when several instances share a PostgreSQL database: the
 * process's own {@link SiteLimiter} (concurrency, AIMD pacing, the server's `X-RateLimit-*` count,
 * local pauses) with one more gate in front of each request, the shared token bucket.
 *
 * - The rate: each request takes one token from the bucket row (`limiter_take`, one round trip,
 *   under the row's lock), so N instances together stay within the configured rate. The bucket
 *   holds one token at most: requests are spaced evenly (Atlassian: "distribute requests evenly"),
 *   and no window of one interval ever holds more than the configured count, aggregated.
 *   Within an instance, one request at a time stands at the gate, so a queue of waiters does not
 *   poll the row once each per token.
 * - Pauses: a 429's pause (until, reason, quota or not) is written to the row before the request
 *   that drew it settles, and every acquire reads the row, so every instance honours it before its
 *   next request (no cache); a quota pause longer than a call may wait refuses the call with the
 *   same `retryAt` on every instance.
 * - Concurrency (requests in flight) stays per instance.
 * - When the database does not answer (database-link.ts), requests are paced by a local pacer at
 *   the configured rate divided by the instances alive when it was last heard from, and rejoin the
 *   bucket as soon as it answers; a pause seen meanwhile is published then.
 */
import PQueue from 'p-queue';
import type { RateLimitSignal } from '../rate-limit-headers.ts';
import {
  type ScheduleOptions,
  type SiteLimiter,
  type SitePause,
  SitePausedError,
} from '../site-limiter.ts';
import { createPacer, type Pacer } from '../site-pacer.ts';
import type { BucketKey, BucketRate, BucketStore } from './bucket-store.ts';
import type { DatabaseLink } from './database-link.ts';

/** Longest single sleep at the gate; a longer wait asks the row again. */
const MAX_NAP_MS = 1_000;

export interface SharedSiteLimiterOptions {
  /** This process's limiter of the site and credential. */
  local: SiteLimiter;
  key: BucketKey;
  /** Requests per `intervalMs` for all instances together (`Infinity`: pauses only). */
  requestsPerInterval: number;
  intervalMs: number;
  store: BucketStore;
  link: DatabaseLink;
  /** Instances alive at the last heartbeat: the divisor of the fallback share. */
  liveInstances: () => number;
  now: () => number;
}

export function createSharedSiteLimiter(options: SharedSiteLimiterOptions): SiteLimiter {
  const { local, key, store, link, now } = options;
  const rate: BucketRate = Number.isFinite(options.requestsPerInterval)
    ? { capacity: 1, perMs: options.requestsPerInterval / options.intervalMs }
    : { capacity: 1, perMs: null };
  const gate = new PQueue({ concurrency: 1 });
  let fallback: Pacer | undefined;
  let unpublished: SitePause | undefined;
  let publishing: Promise<void> = Promise.resolve();

  function publish(pause: SitePause) {
    if (!link.up) {
      unpublished = pause; // published when the database answers again, not waited on now
      return;
    }
    publishing = link
      .run(() => store.publishPause(key, pause))
      .then(
        () => {
          if (unpublished === pause) unpublished = undefined;
        },
        () => {
          unpublished = pause;
        },
      );
  }

  /** The local pace while the database is away: the configured rate shared by the instances last seen. */
  function fallbackWaitMs(at: number): number {
    if (rate.perMs === null) return 0;
    // One start per (interval / share): evenly spaced, like the bucket, never a burst.
    fallback ??= createPacer(
      1,
      (options.intervalMs * options.liveInstances()) / options.requestsPerInterval,
    );
    const wait = fallback.waitMs(at);
    if (wait <= 0) fallback.started(at);
    return wait;
  }

  async function pass(signal: AbortSignal | undefined, scheduleOptions: ScheduleOptions) {
    const { maxWaitMs, onPause } = scheduleOptions;
    for (;;) {
      signal?.throwIfAborted();
      let waitMs: number;
      if (link.up) {
        try {
          const take = await link.run(() => store.take(key, rate, now()));
          fallback = undefined;
          if (unpublished && unpublished.until > now()) publish(unpublished);
          if (take.kind === 'granted') return;
          if (take.kind === 'paused') {
            local.adopt(take.pause);
            if (maxWaitMs !== undefined && take.pause.until - now() > maxWaitMs)
              throw new SitePausedError(take.pause);
            waitMs = take.pause.until - now();
            onPause?.(take.pause, waitMs);
          } else {
            waitMs = take.waitMs + 1; // timers may fire a hair before the token is whole
          }
        } catch (error) {
          if (error instanceof SitePausedError) throw error;
          continue; // the link is down now: pace locally
        }
      } else {
        waitMs = fallbackWaitMs(now());
        if (waitMs <= 0) return;
      }
      await sleep(Math.min(Math.max(1, waitMs), MAX_NAP_MS), signal);
    }
  }

  return {
    schedule<T>(
      task: () => Promise<T>,
      signal?: AbortSignal,
      scheduleOptions: ScheduleOptions = {},
    ) {
      return local.schedule(
        async () => {
          await gate.add(() => pass(signal, scheduleOptions), signal ? { signal } : {});
          try {
            return await task();
          } finally {
            // A pause this request drew is in the database before its caller hears of it.
            await publishing;
          }
        },
        signal,
        scheduleOptions,
      );
    },
    pauseFor(ms, reason = 'Retry-After') {
      local.pauseFor(ms, reason);
      publish({ until: now() + Math.max(0, ms), reason, quota: false });
    },
    adopt(pause) {
      local.adopt(pause);
    },
    observe(status: number, signal: RateLimitSignal) {
      const pause = local.observe(status, signal);
      if (pause) publish(pause);
      return pause;
    },
    stats() {
      return local.stats();
    },
  };
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
