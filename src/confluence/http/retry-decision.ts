/**
 * What the client decides once an attempt has failed: whether to try again, and the one error a
 * caller finally sees (with the retries made; a cancellation as `ABORTED`).
 */
import type { RetryLimits } from './client.ts';
import { ConfluenceError } from './errors.ts';

/** 429 always (unless the wait asked for is beyond reason); 5xx, timeouts and drops only when idempotent. */
export function isRetryable(
  error: ConfluenceError,
  idempotent: boolean,
  limits: RetryLimits,
): boolean {
  if (error.details.retryAt !== undefined) return false;
  const retryAfterMs = error.details.retryAfterMs;
  if (retryAfterMs !== undefined && retryAfterMs > limits.maxRetryAfterMs) return false;
  if (error.status === 429) return true;
  if (!idempotent) return false;
  if (error.status !== undefined) return error.status >= 500;
  return error.code === 'NETWORK_ERROR' || error.code === 'TIMEOUT';
}

export interface FinalContext {
  signal: AbortSignal | undefined;
  operation: string | undefined;
  method: string;
  url: URL;
  retries: number;
}

/** Gives every rejection the same type, with the retries made; a cancellation becomes `ABORTED`. */
export function finalError(error: unknown, context: FinalContext): ConfluenceError {
  if (error instanceof ConfluenceError) {
    if (error.details.retries !== context.retries) error.details.retries = context.retries;
    if (
      error.status === 429 &&
      error.details.retryAfterMs !== undefined &&
      error.details.retryAt === undefined
    ) {
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
