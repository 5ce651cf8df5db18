/**
 * Errors the run session raises itself, before or instead of a Confluence call: bad arguments
 * (phase `runtime`, code `VALIDATION`), a policy refusal (phase `policy`, a `POLICY_*` code naming
 * the rule) and a recorded replay that no longer matches (`REPLAY_DIVERGED`). Each is a
 * {@link HostErrorShape}, so the script can catch it and the envelope reports its phase.
 */
import type { ErrorPhase } from '../../../sandbox/types.ts';
import { HostError } from '../host-error.ts';

export type SessionErrorCode =
  | 'VALIDATION'
  | 'POLICY_READ_ONLY'
  | 'POLICY_OPERATION_NOT_ALLOWED'
  | 'POLICY_SPACE_NOT_ALLOWED'
  | 'POLICY_SPACE_UNKNOWN'
  | 'POLICY_MAX_WRITES'
  | 'POLICY_QUERY_NOT_NARROWED'
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
export class SessionError extends HostError {
  declare name: SessionErrorInit['name'];

  constructor(init: SessionErrorInit) {
    super(init);
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
