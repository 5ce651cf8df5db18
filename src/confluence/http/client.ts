/**
 * The HTTP client of one Confluence site: auth, the site limiter, retries, timeouts and typed
 * errors around `fetch` (passed in, so the in-process emulator is reached without a socket).
 *
 * Retries (DESIGN.md, "The Confluence SDK"; notes/confluence-api.md §3.5): a 429 is always retried
 * (Confluence did not act on it), after at least its `Retry-After`, which also pauses the whole
 * site; a pause longer than `maxRetryAfterMs` (an hourly quota) fails the call at once with
 * `RATE_LIMITED` and `details.retryAt`, and so does every call made while it lasts, without
 * sending anything. Every answer's rate-limit headers reach the site limiter, which paces the
 * site by them. A 5xx, a timeout or a dropped connection only when the request is idempotent, so a POST
 * is never sent twice. Back-off is exponential with jitter and capped (p-retry: maintained,
 * AbortSignal-aware, per-error retry decisions). Cancelling the caller's signal stops a request
 * in flight, waiting for the limiter, or sleeping between attempts.
 */
import pRetry from 'p-retry';
import type { ConfluenceAuth } from '../../config.ts';
import type { HttpRequestSpec, HttpResponseData } from '../operation.ts';
import { createCredentials } from './auth.ts';
import { ConfluenceError } from './errors.ts';
import { finalError, isRetryable } from './retry-decision.ts';
import { type SiteLimiterRegistry, siteLimiters } from './limiter-registry.ts';
import { parseRateLimitHeaders } from './rate-limit-headers.ts';
import { rateLimitedError } from './rate-limited-error.ts';
import { requestInit } from './request-init.ts';
import {
  createResponseBudget,
  DEFAULT_MAX_RESPONSE_BYTES,
  type ResponseBudget,
} from './response-budget.ts';
import { sendOnce } from './send-once.ts';
import {
  createSiteLimiter,
  type SiteLimiter,
  type SiteLimiterOptions,
  type SitePause,
  SitePausedError,
} from './site-limiter.ts';
import { normalizeBaseUrl, requestUrl } from './urls.ts';

/** One attempt's deadline. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/** Retries after the first attempt (Atlassian's own guidance: at most 4). */
export const DEFAULT_MAX_RETRIES = 4;
/** First back-off; doubles each retry, times a random factor in [1, 2). */
export const DEFAULT_MIN_RETRY_DELAY_MS = 500;
/** Longest back-off between two attempts. */
export const DEFAULT_MAX_RETRY_DELAY_MS = 30_000;
/** A `Retry-After` or site pause longer than this fails the call at once rather than stall the run. */
export const DEFAULT_MAX_RETRY_AFTER_MS = 60_000;

export interface RetryLimits {
  maxRetries: number;
  minRetryDelayMs: number;
  maxRetryDelayMs: number;
  maxRetryAfterMs: number;
}

export interface ConfluenceClientOptions {
  /** Site root: `https://acme.atlassian.net`, `https://api.atlassian.com/ex/confluence/{cloudId}`, or an emulator. */
  baseUrl: string;
  /** Omit only for a server that needs none. */
  auth?: ConfluenceAuth;
  /** Default: the global `fetch`. Pass `(input, init) => app.request(input, init)` for an in-process emulator. */
  fetch?: typeof fetch;
  /**
   * The site limiter to use. Default: the one the registry (`limiters`) holds for this site and
   * credential, shared with every other client of them in the process.
   */
  limiter?: SiteLimiter;
  /** Without `limiters`: build a limiter of this client's own with these limits, shared with no one. */
  limits?: SiteLimiterOptions;
  /** Where the shared limiter comes from (default: the process-wide `siteLimiters`). */
  limiters?: SiteLimiterRegistry;
  retry?: Partial<RetryLimits>;
  requestTimeoutMs?: number;
  /** The largest answer read, in bytes (default {@link DEFAULT_MAX_RESPONSE_BYTES}). */
  maxResponseBytes?: number;
  /** Bytes of answers read at once: share one between clients (the service does); default: one of this client's own. */
  responseBudget?: ResponseBudget;
  /** Epoch milliseconds (for `Retry-After` dates). */
  now?: () => number;
  userAgent?: string;
}

/** Told before each retry, so a caller can say why it is waiting (`run` prints it on stderr). */
export interface RetryEvent {
  /** 1-based attempt that failed. */
  attempt: number;
  /** Retries this request may make at most (the one announced is `attempt` of them). */
  maxRetries: number;
  error: ConfluenceError;
  /** The back-off p-retry chose; a `Retry-After` pause may hold the next attempt longer. */
  delayMs: number;
  /** How long the next attempt waits at least: the back-off, or the site's pause when longer. */
  waitMs: number;
}

/** A wait on the site's pause, before a request's first attempt. */
export interface PausedEvent {
  waitMs: number;
  /** The `RateLimit-Reason` Confluence gave, else `Retry-After`. */
  reason: string;
}

/** Pauses shorter than this pass without a notice: too short for anyone to wonder. */
export const PAUSE_NOTICE_MS = 1_000;

export interface RequestOptions {
  signal?: AbortSignal;
  /** Registry name, quoted in errors (`pages.get: Confluence answered 404 …`). */
  operation?: string;
  /** Safe to resend after a 5xx or network error. Default: every method but POST. */
  idempotent?: boolean;
  /** Called before each retry (the ledger counts them). */
  onRetry?: (event: RetryEvent) => void;
  /**
   * Called once when the request's first attempt is held for at least {@link PAUSE_NOTICE_MS} by
   * a pause of the site another request began (a 429's `Retry-After`, an hourly quota, an
   * instance on the same database): how long it will wait, and why. Its own retries are told by
   * `onRetry`.
   */
  onPaused?: (event: PausedEvent) => void;
  /**
   * Called right before each attempt goes on the wire, after the limiter let it through; a throw
   * stops the request unsent (not retried) and is what `request` rejects with.
   */
  beforeSend?: () => void;
}

export interface ConfluenceClient {
  /** The normalized site root, without `/wiki`. */
  readonly baseUrl: string;
  readonly limiter: SiteLimiter;
  /** Sends one request; resolves with a 2xx/3xx answer or rejects with a {@link ConfluenceError}. */
  request(spec: HttpRequestSpec, options?: RequestOptions): Promise<HttpResponseData>;
}

/**
 * @example
 * const client = createConfluenceClient({
 *   baseUrl: 'https://acme.atlassian.net',
 *   auth: { kind: 'basic', email: 'me@acme.com', apiToken: process.env.TOKEN! },
 * });
 * const page = await client.request({ api: 'v2', method: 'GET', path: '/pages/123' });
 */
export function createConfluenceClient(options: ConfluenceClientOptions): ConfluenceClient {
  const baseUrl = normalizeBaseUrl(options.baseUrl);
  const credentials = createCredentials(options.auth);
  const limiter =
    options.limiter ??
    (options.limits && !options.limiters
      ? createSiteLimiter(options.limits)
      : (options.limiters ?? siteLimiters).limiterFor(baseUrl, options.auth, options.limits));
  const doFetch = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;
  const timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const budget = options.responseBudget ?? createResponseBudget();
  const retry: RetryLimits = {
    maxRetries: DEFAULT_MAX_RETRIES,
    minRetryDelayMs: DEFAULT_MIN_RETRY_DELAY_MS,
    maxRetryDelayMs: DEFAULT_MAX_RETRY_DELAY_MS,
    maxRetryAfterMs: DEFAULT_MAX_RETRY_AFTER_MS,
    ...options.retry,
  };
  const baseHeaders: Record<string, string> = {
    accept: 'application/json',
    'user-agent': options.userAgent ?? 'confluence-workbench',
    ...(credentials.authorization ? { authorization: credentials.authorization } : {}),
  };

  async function request(
    spec: HttpRequestSpec,
    requestOptions: RequestOptions = {},
  ): Promise<HttpResponseData> {
    const { signal, operation, onPaused } = requestOptions;
    const idempotent = requestOptions.idempotent ?? spec.method !== 'POST';
    const url = requestUrl(baseUrl, spec);
    const init = requestInit(spec, baseHeaders);
    let retries = 0;
    /** What beforeSend threw, if it refused an attempt. */
    let unsent: unknown;
    /** Whether onPaused was told (once per request, however many naps the pause takes). */
    let pauseTold = false;
    /** The pause the last answer began, if any (set by the fetch the attempt goes through). */
    const last: { pause?: SitePause | undefined } = {};
    const observedFetch: typeof fetch = async (input, init) => {
      last.pause = undefined;
      const response = await doFetch(input, init);
      last.pause = limiter.observe(response.status, parseRateLimitHeaders(response.headers, now()));
      return response;
    };
    const refused = (sitePause: SitePause, retryAfterMs?: number) =>
      rateLimitedError(sitePause, {
        operation,
        method: spec.method,
        path: url.pathname,
        retries,
        nowMs: now(),
        retryAfterMs,
      });
    const attempt = async () => {
      try {
        return await limiter.schedule(
          async () => {
            try {
              requestOptions.beforeSend?.();
            } catch (error) {
              unsent = error;
              throw error;
            }
            return sendOnce({
              fetch: observedFetch,
              url,
              init,
              signal,
              timeoutMs,
              operation,
              redact: credentials.redact,
              retries,
              now,
              // A request may lower the cap (a download's maxBytes), never raise it.
              maxResponseBytes: Math.min(
                spec.maxResponseBytes ?? maxResponseBytes,
                maxResponseBytes,
              ),
              budget,
              siteRoot: `${baseUrl}/wiki/`,
              acceptRedirect: spec.acceptRedirect === true,
            });
          },
          signal,
          {
            maxWaitMs: retry.maxRetryAfterMs,
            // Its own retries are told by onRetry, with the wait they will have.
            ...(retries === 0 && onPaused
              ? {
                  onPause: (pause: SitePause, waitMs: number) => {
                    if (pauseTold || waitMs < PAUSE_NOTICE_MS) return;
                    pauseTold = true;
                    onPaused({ waitMs, reason: pause.reason || 'Retry-After' });
                  },
                }
              : {}),
          },
        );
      } catch (error) {
        if (error instanceof SitePausedError) throw refused(error.pause);
        // The 429 began a pause this call may not wait out (an hourly quota): fail now. (A 503 with
        // a long Retry-After still pauses the site but keeps its own error.)
        const pause = last.pause;
        if (
          pause &&
          error instanceof ConfluenceError &&
          error.status === 429 &&
          pause.until - now() > retry.maxRetryAfterMs
        )
          throw refused(pause, error.details.retryAfterMs);
        throw error;
      }
    };
    try {
      return await pRetry(attempt, {
        retries: retry.maxRetries,
        factor: 2,
        minTimeout: retry.minRetryDelayMs,
        maxTimeout: retry.maxRetryDelayMs,
        randomize: true,
        ...(signal ? { signal } : {}),
        shouldRetry: ({ error, attemptNumber, retryDelay }) => {
          if (!(error instanceof ConfluenceError) || !isRetryable(error, idempotent, retry))
            return false;
          retries += 1;
          // A Retry-After pauses the whole site (limiter.observe): the next attempt waits for
          // that too, so the wait announced is the longest of the three.
          const pausedForMs = Math.max(
            last.pause ? last.pause.until - now() : 0,
            error.details.retryAfterMs ?? 0,
          );
          requestOptions.onRetry?.({
            attempt: attemptNumber,
            maxRetries: retry.maxRetries,
            error,
            delayMs: retryDelay,
            waitMs: Math.max(retryDelay, pausedForMs),
          });
          return true;
        },
      });
    } catch (error) {
      // beforeSend's refusal is the caller's own error: passed on as it is.
      if (unsent !== undefined && error === unsent) throw error;
      throw finalError(error, { signal, operation, method: spec.method, url, retries });
    }
  }

  return { baseUrl, limiter, request };
}
