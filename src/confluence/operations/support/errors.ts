/**
 * The error composites throw when Confluence's answer is fine but the request cannot be served
 * (a space key that does not exist, a download over its size limit). Like the wire's
 * `ConfluenceError` it is a {@link HostErrorShape} in phase `confluence`, so the script sees
 * `status` and `code` and the ledger records them.
 */
import { HostError } from '../../host-error.ts';

export class OperationError extends HostError {
  constructor(code: string, message: string, options: { status?: number; details?: unknown } = {}) {
    super({ name: 'ConfluenceError', message, code, phase: 'confluence', ...options });
  }
}
