/**
 * The error composites throw when Confluence's answer is fine but the request cannot be served
 * (a space key that does not exist, a download that is not a file). It carries the fields of a
 * host error (sandbox/types.ts `HostErrorShape`), so the script sees `status` and `code`.
 */
export class OperationError extends Error {
  override name = 'ConfluenceError';
  readonly status: number | undefined;
  readonly code: string;
  readonly phase = 'confluence';
  readonly details: unknown;

  constructor(code: string, message: string, options: { status?: number; details?: unknown } = {}) {
    super(message);
    this.code = code;
    this.status = options.status;
    this.details = options.details;
  }
}
