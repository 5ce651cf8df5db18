/**
 * The one HTTP-aware error of the service (STYLE.md, Hono's `HTTPException`): thrown anywhere in a
 * route, translated once by {@link httpErrorHandler} into a JSON body with a stable code.
 */
import type { Context, ErrorHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from 'pino';

export interface HttpErrorOptions {
  /** Extra response headers, e.g. `Retry-After`. */
  headers?: Record<string, string>;
  /** Machine-readable details (validation issues, limits). */
  details?: unknown;
}

/**
 * @example
 * throw new HttpError(404, 'RUN_NOT_FOUND', `no run with id "${runId}"`);
 */
export class HttpError extends Error {
  override name = 'HttpError';
  readonly status: ContentfulStatusCode;
  /** Stable code, e.g. `INVALID_BODY`, `NOT_FOUND`, `BUSY`. */
  readonly code: string;
  readonly headers: Record<string, string>;
  readonly details: unknown;

  constructor(
    status: ContentfulStatusCode,
    code: string,
    message: string,
    options: HttpErrorOptions = {},
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = options.headers ?? {};
    this.details = options.details;
  }
}

/**
 * The body of every REST error: `{ error: { code, message, details? } }`.
 *
 * @example
 * return c.json(errorBody('NOT_FOUND', 'no route GET /x'), 404);
 */
export function errorBody(code: string, message: string, details?: unknown): { error: object } {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/**
 * `app.onError(...)`: HttpErrors become their JSON body; anything else is a 500 whose message
 * names the request id (the log has the stack, the client does not).
 *
 * @example
 * app.onError(httpErrorHandler(logger));
 */
export function httpErrorHandler(logger: Logger): ErrorHandler {
  return function onError(error: Error, c: Context) {
    if (error instanceof HttpError) {
      return c.json(
        errorBody(error.code, error.message, error.details),
        error.status,
        error.headers,
      );
    }
    const requestId = c.get('requestId') as string | undefined;
    logger.error({ err: error, requestId }, 'unhandled error');
    return c.json(
      errorBody(
        'INTERNAL',
        `internal error; quote request id ${requestId ?? 'unknown'} when reporting it`,
      ),
      500,
    );
  };
}
