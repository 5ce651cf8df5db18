/**
 * The base of every error the SDK throws to a script: a {@link HostErrorShape} whose JSON (name,
 * message, code, phase, status, details: never a stack or a cause) is what crosses into the
 * isolate and into the call ledger. The wire's `ConfluenceError`, the session's `SessionError` and
 * the composites' `OperationError` extend it.
 */
import type { ErrorPhase, HostErrorShape } from '../../sandbox/types.ts';

export interface HostErrorInit {
  name: string;
  message: string;
  code: string;
  phase: ErrorPhase;
  status?: number;
  details?: unknown;
  cause?: unknown;
}

/**
 * @example
 * class QuotaError extends HostError {
 *   constructor() { super({ name: 'QuotaError', message: 'quota spent', code: 'QUOTA', phase: 'limit' }); }
 * }
 */
export abstract class HostError extends Error implements HostErrorShape {
  readonly code: string;
  readonly phase: ErrorPhase;
  readonly status: number | undefined;
  readonly details: unknown;

  constructor(init: HostErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = init.name;
    this.code = init.code;
    this.phase = init.phase;
    this.status = init.status;
    this.details = init.details;
  }

  /** The JSON that crosses into the isolate and into the ledger: no stack, no cause. */
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
