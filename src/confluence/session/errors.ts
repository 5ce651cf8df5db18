/**
 * Errors the run session raises itself, before or instead of a Confluence call: bad arguments
 * (phase `runtime`, code `VALIDATION`), a policy refusal (phase `policy`, a `POLICY_*` code naming
 * the rule) and a recorded replay that no longer matches (`REPLAY_DIVERGED`). Each is a
 * {@link HostErrorShape}, so the script can catch it and the envelope reports its phase.
 */
import type { ErrorPhase, HostErrorShape } from '../../../sandbox/types.ts';

export type SessionErrorCode =
  | 'VALIDATION'
  | 'POLICY_READ_ONLY'
  | 'POLICY_OPERATION_NOT_ALLOWED'
  | 'POLICY_SPACE_NOT_ALLOWED'
  | 'POLICY_SPACE_UNKNOWN'
  | 'POLICY_MAX_WRITES'
  | 'REPLAY_DIVERGED'
  | 'UNKNOWN_OPERATION';

export interface SessionErrorInit {
  name: 'ValidationError' | 'PolicyError' | 'ReplayError' | 'RecordedError';
  code: SessionErrorCode | string;
  phase: ErrorPhase;
  message: string;
  status?: number;
  details?: unknown;
}

/**
 * @example
 * catch (error) { if (error instanceof SessionError && error.code === 'POLICY_READ_ONLY') … }
 */
export class SessionError extends Error implements HostErrorShape {
  override name: SessionErrorInit['name'];
  readonly code: string;
  readonly phase: ErrorPhase;
  readonly status: number | undefined;
  readonly details: unknown;

  constructor(init: SessionErrorInit) {
    super(init.message);
    this.name = init.name;
    this.code = init.code;
    this.phase = init.phase;
    this.status = init.status;
    this.details = init.details;
  }

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

/** A policy refusal; `rule` is the PolicyConfig field that refused. */
export function policyError(code: SessionErrorCode, message: string, rule: string): SessionError {
  return new SessionError({
    name: 'PolicyError',
    code,
    phase: 'policy',
    message,
    details: { rule },
  });
}
