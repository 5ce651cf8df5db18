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

/**
 * A path parameter that cannot be one URL segment (`..`, `.`, empty): refused before anything is
 * sent, as bad arguments are (phase `runtime`, code `VALIDATION`).
 */
export class PathParameterError extends HostError {
  constructor(parameter: string, value: string) {
    super({
      name: 'ValidationError',
      code: 'VALIDATION',
      phase: 'runtime',
      message: `invalid arguments: ${parameter}: ${JSON.stringify(value)} is not a name or id (it would be read as URL path navigation)`,
      details: { parameter, value },
    });
  }
}
