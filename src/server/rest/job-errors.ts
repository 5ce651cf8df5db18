/**
 * The jobs layer's typed errors (JobsError in src/jobs/errors.ts: `JOB_NOT_FOUND`, `JOB_EXISTS`,
 * `JOB_FINISHED`, `JOB_BUSY`, `INVALID_JOB`), translated once for REST by their stable `code`.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HttpError } from '../http/http-error.ts';

/** A thrown value with a stable string code, as every layer's typed error has. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * The HTTP status for a jobs error code: unknown id 404, a conflict with the job's state 409,
 * anything else the caller sent 400; `undefined` for what is not a jobs error (a 500).
 *
 * @example
 * jobErrorStatus('JOB_NOT_FOUND'); // 404
 */
export function jobErrorStatus(code: string | undefined): ContentfulStatusCode | undefined {
  if (code === undefined) return undefined;
  if (code.endsWith('_NOT_FOUND')) return 404;
  // JOB_BUSY: another live process runs the job (src/jobs/errors.ts).
  if (['JOB_EXISTS', 'JOB_FINISHED', 'JOB_BUSY'].includes(code) || code.endsWith('_CONFLICT'))
    return 409;
  if (code.startsWith('INVALID_') || code.startsWith('JOB_')) return 400;
  return undefined;
}

/**
 * Runs a jobs call, turning its typed errors into {@link HttpError}s (other errors pass on).
 *
 * @example
 * const status = await translateJobErrors(() => jobs.status(jobId));
 */
export async function translateJobErrors<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const code = errorCode(error);
    const status = jobErrorStatus(code);
    if (status === undefined || !(error instanceof Error)) throw error;
    throw new HttpError(status, code!, error.message);
  }
}
