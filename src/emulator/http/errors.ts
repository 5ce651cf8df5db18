/**
 * The one error class every emulator layer throws. It carries the HTTP status and a stable code;
 * `error-handler.ts` turns it into Confluence's v1 or v2 error body in one place.
 */

/** Stable codes. v2 bodies carry them verbatim in `errors[].code`. */
export type EmulatorErrorCode =
  | 'INVALID_REQUEST_PARAMETER'
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'TOO_MANY_REQUESTS'
  | 'INTERNAL_SERVER_ERROR'
  | 'SERVICE_UNAVAILABLE';

const STATUS_BY_CODE: Record<EmulatorErrorCode, number> = {
  INVALID_REQUEST_PARAMETER: 400,
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_SERVER_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
};

export interface EmulatorErrorOptions {
  /** The query, path or body parameter at fault, named as on the wire (`limit`, `body.title`). */
  parameter?: string;
  /** Overrides the status implied by the code (e.g. a 502 fault). */
  status?: number;
  /** Extra response headers (`Retry-After` on a 429). */
  headers?: Record<string, string>;
}

/**
 * @example throw new EmulatorError('NOT_FOUND', 'No page found with id 42');
 */
export class EmulatorError extends Error {
  override name = 'EmulatorError';
  readonly code: EmulatorErrorCode;
  readonly status: number;
  readonly parameter: string | undefined;
  readonly headers: Record<string, string>;

  constructor(code: EmulatorErrorCode, message: string, options: EmulatorErrorOptions = {}) {
    super(message);
    this.code = code;
    this.status = options.status ?? STATUS_BY_CODE[code];
    this.parameter = options.parameter;
    this.headers = options.headers ?? {};
  }
}

/** A 400 naming the offending parameter, worded like Confluence's own parameter errors. */
export function invalidParameter(parameter: string, message: string): EmulatorError {
  return new EmulatorError('INVALID_REQUEST_PARAMETER', message, { parameter });
}

/** A 404 for an id that does not exist or that the caller may not see (v2 never says 403). */
export function notFound(message = 'Not Found'): EmulatorError {
  return new EmulatorError('NOT_FOUND', message);
}

export function badRequest(message: string, parameter?: string): EmulatorError {
  return new EmulatorError('BAD_REQUEST', message, { parameter });
}

export function conflict(message: string): EmulatorError {
  return new EmulatorError('CONFLICT', message);
}

export function forbidden(message: string): EmulatorError {
  return new EmulatorError('FORBIDDEN', message);
}
