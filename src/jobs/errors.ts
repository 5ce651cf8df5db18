/**
 * The jobs layer's one error class, with stable codes the surfaces translate exactly once (CLI
 * exit code 2, REST status, MCP `isError`).
 */

export type JobsErrorCode =
  /** Bad script form, options, params or items. */
  | 'INVALID_JOB'
  /** `--id` names a job that exists. */
  | 'JOB_EXISTS'
  | 'JOB_NOT_FOUND'
  /** Resume or pause of a job that is done, failed or cancelled. */
  | 'JOB_FINISHED'
  /** Resume of a job another live process is running. */
  | 'JOB_BUSY';

/**
 * @example
 * throw new JobsError('JOB_NOT_FOUND', `no job "${jobId}"`);
 */
export class JobsError extends Error {
  override name = 'JobsError';
  readonly code: JobsErrorCode;
  readonly details: unknown;

  constructor(code: JobsErrorCode, message: string, details?: unknown) {
    super(message);
    this.code = code;
    this.details = details;
  }
}
