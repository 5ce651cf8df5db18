/**
 * Errors of the runs layer. Script failures are never errors (they are envelopes with
 * `status: 'error'`); these are the caller's mistakes: an unknown run or result, a bad JSON path.
 * The server and the CLI translate them once, by `code` (404 for `*_NOT_FOUND`, 503 for
 * STORE_UNAVAILABLE, 400 otherwise).
 */

export type RunsErrorCode =
  /** No stored run has this id (never existed, or removed by retention). */
  | 'RUN_NOT_FOUND'
  /** No stored result has this ref (never existed, or removed by retention). */
  | 'RESULT_NOT_FOUND'
  /** The JSON path does not parse. */
  | 'RESULT_PATH_INVALID'
  /** The JSON path parses but names nothing in the stored value. */
  | 'RESULT_PATH_NOT_FOUND'
  /** An option is out of range or of the wrong type (offset, limit, mode, ...). */
  | 'INVALID_OPTION'
  /** The shared runs database (WORKBENCH_DATABASE_URL) is unreachable just now (HTTP 503). */
  | 'STORE_UNAVAILABLE';

/**
 * A typed error of the runs layer, with a stable string code.
 *
 * @example
 * try {
 *   await runs.readResult('res_nope');
 * } catch (error) {
 *   if (error instanceof RunsError && error.code === 'RESULT_NOT_FOUND') return notFound();
 *   throw error;
 * }
 */
export class RunsError extends Error {
  override name = 'RunsError';
  readonly code: RunsErrorCode;

  constructor(code: RunsErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** True for the codes that mean "no such thing" (HTTP 404), false for bad input (HTTP 400). */
export function isNotFound(error: RunsError): boolean {
  return (
    error.code === 'RUN_NOT_FOUND' ||
    error.code === 'RESULT_NOT_FOUND' ||
    error.code === 'RESULT_PATH_NOT_FOUND'
  );
}
