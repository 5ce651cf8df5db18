/**
 * The fault controller: holds the fault configuration, decides per request which fault (if any)
 * applies, and counts what it injected. Tests and benchmarks drive it in-process
 * (`emulator.faults`) or over HTTP (`/__emulator/faults`).
 */
import { EmulatorError } from '../http/errors.ts';
import { type FaultConfig, type FaultConfigInput, faultConfigSchema, inScope } from './config.ts';
import { createEnforcedRate, createQuotaState, throttleHeaders } from './rate-faults.ts';

export interface FaultCounters {
  /** Requests that reached the fault layer (under /wiki). */
  requests: number;
  rateLimited: number;
  /** 429s from the `throttle` share. */
  throttled: number;
  /** 429s because the `quota` ran out. */
  quotaLimited: number;
  /** 429s because a credential went over the `enforce` rate (0: every client stayed under it). */
  enforced: number;
  errors: number;
  dropped: number;
  delayed: number;
}

/** What the middleware must do with one request. */
export type FaultDecision =
  | { kind: 'none'; delayMs: number; headers: Record<string, string> }
  | { kind: 'rate-limit'; delayMs: number; headers: Record<string, string> }
  | { kind: 'error'; delayMs: number; status: number; headers: Record<string, string> }
  | { kind: 'drop'; delayMs: number; headers: Record<string, string> };

export interface FaultController {
  /** The active configuration and the counters since the last `set`/`clear`. */
  get(): { config: FaultConfig; counters: FaultCounters };
  /** Replaces the configuration (validated: a bad one throws a 400 `EmulatorError`). */
  set(config: FaultConfigInput): FaultConfig;
  /** Removes every fault and resets the counters. */
  clear(): void;
  /** `credential`: the request's Authorization header, for the per-credential `enforce` rate. */
  decide(method: string, path: string, credential?: string): FaultDecision;
}

export interface FaultControllerOptions {
  now: () => number;
  /** Uniform in [0, 1); injected so tests can make ratios deterministic. */
  random?: () => number;
}

/**
 * @example
 * const faults = createFaultController({ now: Date.now });
 * faults.set({ errors: { ratio: 1, status: 503, count: 2 } }); // the next two requests fail
 */
export function createFaultController(options: FaultControllerOptions): FaultController {
  const random = options.random ?? Math.random;
  let config: FaultConfig = {};
  let counters = emptyCounters();
  let window = { startedAt: 0, used: 0 };
  const quota = createQuotaState();
  const enforced = createEnforcedRate();

  function rateLimitHeaders(limit: NonNullable<FaultConfig['rateLimit']>, at: number) {
    if (at - window.startedAt >= limit.windowMs) window = { startedAt: at, used: 0 };
    window.used += 1;
    const remaining = Math.max(0, limit.requests - window.used);
    const resetAt = window.startedAt + limit.windowMs;
    // Header names and meanings: developer.atlassian.com/cloud/confluence/rate-limiting/.
    const headers: Record<string, string> = {
      'X-RateLimit-Limit': String(limit.requests),
      'X-RateLimit-Remaining': String(remaining),
      'X-RateLimit-Reset': new Date(resetAt).toISOString(),
      'X-RateLimit-NearLimit': String(remaining < limit.requests * 0.2),
    };
    const exceeded = window.used > limit.requests;
    if (exceeded) {
      const seconds = limit.retryAfterSeconds ?? Math.max(1, Math.ceil((resetAt - at) / 1000));
      headers['Retry-After'] = String(seconds);
      headers['RateLimit-Reason'] = 'confluence-quota-tenant-based';
    }
    return { headers, exceeded };
  }

  function delayFor(method: string, path: string): number {
    const latency = config.latency;
    if (!latency || !inScope(latency, method, path)) return 0;
    if (latency.count !== undefined && counters.delayed >= latency.count) return 0;
    counters.delayed += 1;
    return latency.ms + Math.floor(random() * (latency.jitterMs + 1));
  }

  function fires(fault: { ratio: number; count?: number | undefined }, used: number): boolean {
    if (fault.count !== undefined && used >= fault.count) return false;
    return fault.ratio >= 1 || random() < fault.ratio;
  }

  return {
    get: () => ({ config: structuredClone(config), counters: { ...counters } }),
    set(input) {
      const parsed = faultConfigSchema.safeParse(input);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue?.path.join('.') || 'body';
        throw new EmulatorError(
          'BAD_REQUEST',
          `Invalid fault configuration at ${where}: ${issue?.message}`,
          {
            parameter: where,
          },
        );
      }
      config = parsed.data;
      counters = emptyCounters();
      quota.reset();
      enforced.reset();
      window = { startedAt: options.now(), used: 0 };
      return structuredClone(config);
    },
    clear() {
      config = {};
      counters = emptyCounters();
      quota.reset();
      enforced.reset();
    },
    decide(method, path, credential = '') {
      counters.requests += 1;
      const delayMs = delayFor(method, path);
      let headers: Record<string, string> = {};
      if (
        config.drop &&
        inScope(config.drop, method, path) &&
        fires(config.drop, counters.dropped)
      ) {
        counters.dropped += 1;
        return { kind: 'drop', delayMs, headers };
      }
      if (config.quota && inScope(config.quota, method, path)) {
        const verdict = quota.check(config.quota, options.now());
        if (verdict.exceeded) {
          counters.quotaLimited += 1;
          return { kind: 'rate-limit', delayMs, headers: verdict.headers };
        }
      }
      if (config.enforce && inScope(config.enforce, method, path)) {
        const verdict = enforced.check(config.enforce, credential, options.now());
        headers = verdict.headers;
        if (verdict.exceeded) {
          counters.enforced += 1;
          return { kind: 'rate-limit', delayMs, headers };
        }
      }
      if (config.rateLimit && inScope(config.rateLimit, method, path)) {
        const limited = rateLimitHeaders(config.rateLimit, options.now());
        headers = limited.headers;
        if (limited.exceeded) {
          counters.rateLimited += 1;
          return { kind: 'rate-limit', delayMs, headers };
        }
      }
      const throttle = config.throttle;
      if (throttle && inScope(throttle, method, path) && fires(throttle, counters.throttled)) {
        counters.throttled += 1;
        return { kind: 'rate-limit', delayMs, headers: throttleHeaders(throttle, options.now()) };
      }
      const errors = config.errors;
      if (errors && inScope(errors, method, path) && fires(errors, counters.errors)) {
        counters.errors += 1;
        return { kind: 'error', delayMs, status: errors.status, headers };
      }
      return { kind: 'none', delayMs, headers };
    },
  };
}

function emptyCounters(): FaultCounters {
  return {
    requests: 0,
    rateLimited: 0,
    throttled: 0,
    quotaLimited: 0,
    enforced: 0,
    errors: 0,
    dropped: 0,
    delayed: 0,
  };
}
