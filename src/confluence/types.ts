/**
 * The SDK's run-level contract: what the runs layer asks of the SDK for one run, and the call
 * ledger it gets back (the base of the envelope's `calls` and `writes`, of traces and of replay).
 */
import type { ErrorPhase, HostFunction } from '../../sandbox/types.ts';

export type OperationKind = 'read' | 'write';

/** How a run reaches Confluence. */
export type SessionMode =
  /** Reads and writes go to the site. */
  | 'live'
  /** Reads go to the site; writes are recorded as planned, not sent, and answered with a plausible synthetic response. */
  | 'dry-run'
  /** Nothing is sent: every call is answered from a recorded ledger, in order; a divergence is an error. */
  | 'recorded';

/** One call the script made, as the ledger keeps it. Credentials never appear here. */
export interface CallRecord {
  /** 0-based order of the call in the run. */
  index: number;
  /** Registry name, e.g. `pages.get`. */
  operation: string;
  kind: OperationKind;
  /** The arguments as the script gave them (after validation). */
  args: unknown;
  /**
   * `ok`: answered; `error`: failed (Confluence, network or validation); `planned`: a write held
   * back by dry-run; `refused`: stopped by policy before anything was sent.
   */
  status: 'ok' | 'error' | 'planned' | 'refused';
  /** HTTP status of the last attempt, when a request was sent. */
  httpStatus?: number;
  /** `phase` is where the run fails if the script lets the error escape (see sandbox/types.ts). */
  error?: { code: string; message: string; status?: number; phase?: ErrorPhase };
  /** What a write targets, in words a reader can check: `page 123`, `space MKT`, `label urgent on page 42`. */
  target?: string;
  /** Retries beyond the first attempt (429s, 5xx, network). */
  retries: number;
  /** Milliseconds from the call to its answer, retries included. */
  durationMs: number;
  /** Bytes of the JSON answer handed to the script. */
  responseBytes: number;
  /** The answer handed to the script (kept for traces and recorded replay). */
  response?: unknown;
  /** Items the allowed-spaces policy took out of this answer (they belong to other spaces). */
  withheld?: number;
  /** Epoch milliseconds when the call started. */
  startedAt: number;
}

/** The envelope's `calls` figure. */
export interface CallSummary {
  total: number;
  reads: number;
  writes: number;
  retries: number;
  failed: number;
}

/** The envelope's `writes` list: every write attempted. */
export interface WriteRecord {
  operation: string;
  target: string;
  /** `replayed`: a recorded replay answered it from the recording; nothing was sent. */
  status: 'applied' | 'planned' | 'replayed' | 'failed';
}

/** The envelope's `withheld`: items the policy took out of answers, and why. */
export interface Withheld {
  count: number;
  reason: string;
}

/** One run's view of the SDK. */
export interface RunSession {
  /** Host functions by operation name; handed to the sandbox as `RunRequest.host`. */
  host: Record<string, HostFunction>;
  /** Every call so far, in order. */
  ledger(): CallRecord[];
  summary(): CallSummary;
  writes(): WriteRecord[];
  /** Items withheld from answers by the allowed-spaces policy; `undefined` when none were. */
  withheld?(): Withheld | undefined;
}

/**
 * A call about to wait and try again (a 5xx, a 429, a dropped connection): told as it happens so
 * that a person is not left in silence (`run` prints it on stderr); never stored.
 */
export interface RetryNotice {
  /** The operation that waits (`pages.get`). */
  operation: string;
  /** The retry about to be made (1-based), of at most `maxRetries`. */
  retry: number;
  maxRetries: number;
  /** How long it waits before it tries again, at least. */
  waitMs: number;
  /** The HTTP status Confluence answered, when it answered. */
  status?: number;
  /** The error's code: `SERVICE_UNAVAILABLE`, `RATE_LIMITED`, `NETWORK_ERROR`, `TIMEOUT`, … */
  code: string;
  /**
   * Set (with `code` `SITE_PAUSED` and `retry` 0) when the call waits, before its first attempt,
   * on a pause another call began: why the site is paused (`confluence-quota-global-based`,
   * `Retry-After`).
   */
  pausedBy?: string;
}
