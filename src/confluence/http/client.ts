/**
 * The HTTP client of one Confluence site: auth, the site limiter, retries, timeouts and typed
 * errors around `fetch` (passed in, so the in-process emulator is reached without a socket).
 *
 * Retries (DESIGN.md, "The Confluence SDK"; notes/confluence-api.md §3.5): a 429 is always retried
 * (Confluence did not act on it), after at least its `Retry-After`, which also pauses the whole
 * site; a 5xx, a timeout or a dropped connection only when the request is idempotent, so a POST
 * is never sent twice. Back-off is exponential with jitter and capped (p-retry: maintained,
 * AbortSignal-aware, per-error retry decisions). Cancelling the caller's signal stops a request
 * in flight, waiting for the limiter, or sleeping between attempts.
 */
import pRetry from 'p-retry';
import type { ConfluenceAuth } from '../../config.ts';
import type { HttpRequestSpec, HttpResponseData } from '../operation.ts';
import { createCredentials } from './auth.ts';
import { ConfluenceError } from './errors.ts';
import { requestInit } from './request-init.ts';
import {
  createResponseBudget,
  DEFAULT_MAX_RESPONSE_BYTES,
  type ResponseBudget,
} from './response-budget.ts';
import { sendOnce } from './send-once.ts';
import { createSiteLimiter, type SiteLimiter, type SiteLimiterOptions } from './site-limiter.ts';
import { normalizeBaseUrl, requestUrl } from './urls.ts';

/** One attempt's deadline. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/** Retries after the first attempt (Atlassian's own guidance: at most 4). */
export const DEFAULT_MAX_RETRIES = 4;
/** First back-off; doubles each retry, times a random factor in [1, 2). */
export const DEFAULT_MIN_RETRY_DELAY_MS = 500;
/** Longest back-off between two attempts. */
export const DEFAULT_MAX_RETRY_DELAY_MS = 30_000;
/** A `Retry-After` longer than this fails the call at once rather than stall the run. */
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
  /** Share one limiter between clients of the same site; default: a limiter of this client's own. */
  limiter?: SiteLimiter;
  /** Used to build the client's own limiter when `limiter` is not given. */
  limits?: SiteLimiterOptions;
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

export interface RetryEvent {
  /** 1-based attempt that failed. */
  attempt: number;
  error: ConfluenceError;
  /** The back-off p-retry chose; a `Retry-After` pause may hold the next attempt longer. */
  delayMs: number;
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Registry name, quoted in errors (`pages.get: Confluence answered 404 …`). */
  operation?: string;
  /** Safe to resend after a 5xx or network error. Default: every method but POST. */
  idempotent?: boolean;
  /** Called before each retry (the ledger counts them). */
  onRetry?: (event: RetryEvent) => void;
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
  const limiter = options.limiter ?? createSiteLimiter(options.limits);
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
    const { signal, operation } = requestOptions;
    const idempotent = requestOptions.idempotent ?? spec.method !== 'POST';
    const url = requestUrl(baseUrl, spec);
    const init = requestInit(spec, baseHeaders);
    let retries = 0;
    const attempt = () =>
      limiter.schedule(
        () =>
          sendOnce({
            fetch: doFetch,
            url,
            init,
            signal,
            timeoutMs,
            operation,
            redact: credentials.redact,
            retries,
            now,
            // A request may lower the cap (a download's maxBytes), never raise it.
            maxResponseBytes: Math.min(spec.maxResponseBytes ?? maxResponseBytes, maxResponseBytes),
            budget,
            siteRoot: `${baseUrl}/wiki/`,
            acceptRedirect: spec.acceptRedirect === true,
          }),
        signal,
      );
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
          if (error.details.retryAfterMs !== undefined)
            limiter.pauseFor(error.details.retryAfterMs);
          retries += 1;
          requestOptions.onRetry?.({ attempt: attemptNumber, error, delayMs: retryDelay });
          return true;
        },
      });
    } catch (error) {
      throw finalError(error, { signal, operation, method: spec.method, url, retries });
    }
  }

  return { baseUrl, limiter, request };
}

/** 429 always (unless the wait asked for is beyond reason); 5xx, timeouts and drops only when idempotent. */
function isRetryable(error: ConfluenceError, idempotent: boolean, limits: RetryLimits): boolean {
  const retryAfterMs = error.details.retryAfterMs;
  if (retryAfterMs !== undefined && retryAfterMs > limits.maxRetryAfterMs) return false;
  if (error.status === 429) return true;
  if (!idempotent) return false;
  if (error.status !== undefined) return error.status >= 500;
  return error.code === 'NETWORK_ERROR' || error.code === 'TIMEOUT';
}

interface FinalContext {
  signal: AbortSignal | undefined;
  operation: string | undefined;
  method: string;
  url: URL;
  retries: number;
}

/** Gives every rejection the same type, with the retries made; a cancellation becomes `ABORTED`. */
function finalError(error: unknown, context: FinalContext): ConfluenceError {
  if (error instanceof ConfluenceError) {
    if (error.details.retries !== context.retries) error.details.retries = context.retries;
    if (error.status === 429 && error.details.retryAfterMs !== undefined) {
      error.details.hint =
        `${error.details.hint ?? ''} (Confluence asked to wait ${Math.ceil(error.details.retryAfterMs / 1000)} s)`.trim();
    }
    return error;
  }
  const aborted = context.signal?.aborted === true;
  return new ConfluenceError({
    code: aborted ? 'ABORTED' : 'NETWORK_ERROR',
    message: `${context.operation ? `${context.operation}: ` : ''}${aborted ? 'the call was cancelled' : 'the request failed'} (${context.method} ${context.url.pathname})`,
    ...(context.operation ? { operation: context.operation } : {}),
    method: context.method,
    path: context.url.pathname,
    retries: context.retries,
    cause: error,
  });
}
