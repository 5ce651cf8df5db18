/**
 * The error composites throw when Confluence's answer is fine but the request cannot be served
 * (a space key that does not exist, a download over its size limit). Like the wire's
 * `ConfluenceError` it is a {@link HostErrorShape} in phase `confluence`, so the script sees
 * `status` and `code` and the ledger records them.
 */
import type { HostErrorShape } from '../../../../sandbox/types.ts';

export class OperationError extends Error implements HostErrorShape {
  override name = 'ConfluenceError';
  readonly status: number | undefined;
  readonly code: string;
  readonly phase = 'confluence' as const;
  readonly details: unknown;

  constructor(code: string, message: string, options: { status?: number; details?: unknown } = {}) {
    super(message);
    this.code = code;
    this.status = options.status;
    this.details = options.details;
  }

  /** What crosses into the isolate and the ledger: no stack. */
  toJSON(): HostErrorShape {
    return {
      name: this.name,
      message: this.message,
      code: this.code,
      phase: this.phase,
      ...(this.status === undefined ? {} : { status: this.status }),
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }
}
