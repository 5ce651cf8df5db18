/**
 * The one error the wire layer throws: a Confluence answer that is not a success, or a request
 * that never got one (network, timeout, cancellation). It is a {@link HostErrorShape}, so the
 * sandbox re-creates it inside the isolate with its `status`, `code` and phase `confluence`.
 */
import { HostError } from '../host-error.ts';

/** Codes the client itself produces, beside Confluence's own (`CONFLICT`, `NOT_FOUND`, ...). */
export type ClientErrorCode =
  | 'NETWORK_ERROR'
  | 'TIMEOUT'
  | 'ABORTED'
  | 'INVALID_REQUEST'
  | 'INVALID_RESPONSE'
  | 'RATE_LIMITED'
  /** An answer over the per-response cap: not read past it, the connection dropped. */
  | 'RESPONSE_TOO_LARGE'
  /** Answers being read at once over the shared budget. */
  | 'RESPONSE_MEMORY_LIMIT'
  /** A redirect not followed: unexpected, or leading outside the site's root. */
  | 'REDIRECT_REFUSED';

export interface ConfluenceErrorDetails {
  /** Registry operation that made the request, when known (`pages.get`). */
  operation?: string;
  method: string;
  /** Site-relative path of the last attempt, without the query (`/wiki/api/v2/pages/1`). */
  path: string;
  /** Retries made before giving up. */
  retries: number;
  /** What Confluence asked us to wait, when it said (429/503 `Retry-After`). */
  retryAfterMs?: number;
  /** Epoch ms before which no call goes to the site (`RATE_LIMITED`: a quota or a pause too long to wait out). */
  retryAt?: number;
  /** What the script's author can do about it. */
  hint?: string;
}

export interface ConfluenceErrorInit extends ConfluenceErrorDetails {
  message: string;
  code: string;
  status?: number;
  cause?: unknown;
}

/**
 * A failed Confluence call.
 * @example
 * try { await client.request({ api: 'v2', method: 'GET', path: '/pages/1' }); }
 * catch (error) { if (error instanceof ConfluenceError && error.status === 404) console.log(error.code); }
 */
export class ConfluenceError extends HostError {
  declare readonly details: ConfluenceErrorDetails;

  constructor(init: ConfluenceErrorInit) {
    const { message, code, status, cause, ...details } = init;
    super({
      name: 'ConfluenceError',
      message,
      code,
      phase: 'confluence',
      details,
      ...(status === undefined ? {} : { status }),
      ...(cause === undefined ? {} : { cause }),
    });
  }

  get retries(): number {
    return this.details.retries;
  }
}

/**
 * Stable code for an HTTP status when Confluence gave none (v1 bodies, text, empty).
 * @example codeForStatus(404) // 'NOT_FOUND'
 */
export function codeForStatus(status: number): string {
  const known: Record<number, string> = {
    400: 'BAD_REQUEST',
    401: 'UNAUTHORIZED',
    403: 'FORBIDDEN',
    404: 'NOT_FOUND',
    405: 'METHOD_NOT_ALLOWED',
    409: 'CONFLICT',
    410: 'GONE',
    413: 'PAYLOAD_TOO_LARGE',
    415: 'UNSUPPORTED_MEDIA_TYPE',
    429: 'RATE_LIMITED',
    500: 'INTERNAL_SERVER_ERROR',
    502: 'BAD_GATEWAY',
    503: 'SERVICE_UNAVAILABLE',
    504: 'GATEWAY_TIMEOUT',
  };
  return known[status] ?? `HTTP_${status}`;
}

/** A short fix for the statuses an author can act on; `undefined` when there is nothing to add. */
export function hintForStatus(status: number): string | undefined {
  if (status === 401) {
    return 'the workbench credentials were rejected: the operator must check CONFLUENCE_EMAIL/CONFLUENCE_API_TOKEN or CONFLUENCE_ACCESS_TOKEN (scoped and OAuth tokens need CONFLUENCE_CLOUD_ID)';
  }
  if (status === 403)
    return 'the workbench account may not do this: ask for the permission or pick other content';
  if (status === 404) {
    return 'check the id or key; Confluence also answers 404 for content the account may not see';
  }
  if (status === 409) {
    return 'the content changed since it was read (or the title is taken): read it again and retry with the current version number plus one';
  }
  if (status === 413)
    return 'the request body is too large (Confluence limit about 5 MB): split the content';
  if (status === 429)
    return 'Confluence is rate limiting this site: make fewer calls or run fewer in parallel';
  return undefined;
}
