/**
 * Translates every error thrown under `/wiki` into Confluence's error body, exactly once
 * (STYLE.md principle 4). Shapes: shared/notes/confluence-api.md §3.6.
 * - v2 (`/wiki/api/v2`): `{"errors":[{"status":409,"code":"CONFLICT","title":"…","detail":null}]}`
 *   (community.developer.atlassian.com thread 98344).
 * - v1 (`/wiki/rest/api`): `{"statusCode":404,"data":{"authorized":…,"valid":…,"errors":[…],
 *   "successful":false},"message":"…"}` (community thread 55894).
 */
import type { Context } from 'hono';
import { EmulatorError } from './errors.ts';
import { ConnectionDroppedError } from '../faults/errors.ts';

export interface V2ErrorBody {
  errors: Array<{ status: number; code: string; title: string; detail: string | null }>;
}

export interface V1ErrorBody {
  statusCode: number;
  data: {
    authorized: boolean;
    valid: boolean;
    errors: Array<{ message: { translation: string; args: unknown[] } }>;
    successful: false;
  };
  message: string;
}

/** True for the v1 REST API; its errors use the v1 envelope. */
export function isV1Path(path: string): boolean {
  return path.includes('/wiki/rest/api/');
}

export function v2ErrorBody(error: EmulatorError): V2ErrorBody {
  return {
    errors: [{ status: error.status, code: error.code, title: error.message, detail: null }],
  };
}

export function v1ErrorBody(error: EmulatorError): V1ErrorBody {
  return {
    statusCode: error.status,
    data: {
      authorized: error.status !== 401 && error.status !== 403,
      valid: error.status !== 400,
      errors: [{ message: { translation: error.message, args: [] } }],
      successful: false,
    },
    message: error.message,
  };
}

/** Hono `onError` handler for the emulator app. */
export function handleEmulatorError(error: Error, c: Context): Response {
  // A dropped connection must look like a network failure to the caller, not like an answer.
  if (error instanceof ConnectionDroppedError) throw error;
  const emulatorError =
    error instanceof EmulatorError ? error : internalError(error, c.req.method, c.req.path);
  const body = isV1Path(c.req.path) ? v1ErrorBody(emulatorError) : v2ErrorBody(emulatorError);
  for (const [name, value] of Object.entries(emulatorError.headers)) c.header(name, value);
  return c.json(body, emulatorError.status as 400);
}

function internalError(error: Error, method: string, path: string): EmulatorError {
  // Hono's own HTTPException (e.g. from a body-limit middleware) keeps its status.
  const status = (error as { status?: unknown }).status;
  if (typeof status === 'number' && status >= 400 && status < 600) {
    return new EmulatorError(status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST', error.message, {
      status,
    });
  }
  return new EmulatorError(
    'INTERNAL_SERVER_ERROR',
    `Internal error on ${method} ${path}: ${error.message}`,
  );
}
