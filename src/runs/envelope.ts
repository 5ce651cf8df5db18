/**
 * Builds the run envelope (src/runs/types.ts, DESIGN.md "The run envelope") from what the sandbox
 * and the session report: the result summarized to the budget, the logs capped, the error with
 * its phase, position and hint, the call figures and the writes.
 */
import type { Diagnostic, RunError, RunResult } from '../../sandbox/types.ts';
import type { CallSummary, SessionMode, Withheld, WriteRecord } from '../confluence/types.ts';
import { hintFor } from './hints.ts';
import type { RunLimits } from './limits.ts';
import { capLogs } from './logs.ts';
import type { Summary } from './summarize.ts';
import type { ReplayDivergence, RunEnvelope, RunEnvelopeError } from './types.ts';

export interface EnvelopeParts {
  runId: string;
  mode: SessionMode;
  outcome: RunResult;
  calls: CallSummary;
  writes: WriteRecord[];
  /** Items the policy withheld from answers, when there were any. */
  withheld?: Withheld;
  durationMs: number;
  limits: RunLimits;
  /** The summarized return value, when the script returned one. */
  summary?: Summary;
  /** Where the full value is stored; shown when the summary cut something. */
  resultRef?: string;
  replayOf?: string;
  divergence?: ReplayDivergence;
  /** Notes of the runs layer itself (e.g. the run could not be stored). */
  notes?: string[];
}

/**
 * @example
 * const envelope = buildEnvelope({ runId, mode: 'live', outcome, calls: session.summary(), writes: session.writes(), durationMs, limits });
 */
export function buildEnvelope(parts: EnvelopeParts): RunEnvelope {
  const { outcome, limits } = parts;
  const logs = capLogs(outcome.logs, {
    budgetChars: limits.logBudgetChars,
    maxLines: limits.maxLogLines,
    maxLineChars: limits.maxLogLineChars,
    droppedBySandbox: outcome.logsTruncated,
  });
  const warnings = [...outcome.warnings.map(formatDiagnostic), ...(parts.notes ?? [])];
  const truncated = parts.summary?.truncated ?? false;
  const applied = parts.writes.filter((write) => write.status === 'applied').length;
  return {
    runId: parts.runId,
    status: outcome.ok ? 'ok' : 'error',
    ...(parts.summary ? { result: parts.summary.value } : {}),
    truncated,
    ...(truncated && parts.resultRef ? { resultRef: parts.resultRef } : {}),
    logs: logs.lines,
    ...(outcome.ok || !outcome.error
      ? {}
      : { error: toEnvelopeError(outcome.error, applied, limits) }),
    calls: parts.calls,
    writes: parts.writes,
    ...(parts.withheld ? { withheld: parts.withheld } : {}),
    durationMs: Math.round(parts.durationMs),
    ...(warnings.length > 0 ? { warnings } : {}),
    mode: parts.mode,
    ...(parts.replayOf ? { replayOf: parts.replayOf } : {}),
    ...(parts.divergence ? { divergence: parts.divergence } : {}),
  };
}

/** The sandbox's error as the envelope shows it: phase, code, message, position, frame, hint. */
export function toEnvelopeError(
  error: RunError,
  writesApplied: number,
  limits: Pick<RunLimits, 'maxRunTimeoutMs' | 'maxCpuTimeMs' | 'maxHostCalls' | 'maxResultBytes'>,
): RunEnvelopeError {
  const hint = hintFor(error, {
    writesApplied,
    maxTimeoutMs: limits.maxRunTimeoutMs,
    maxCpuTimeMs: limits.maxCpuTimeMs,
    maxHostCalls: limits.maxHostCalls,
    maxResultBytes: limits.maxResultBytes,
  });
  return {
    phase: error.phase,
    code: error.code,
    message: error.message,
    ...(error.line === undefined ? {} : { line: error.line }),
    ...(error.column === undefined ? {} : { column: error.column }),
    ...(hint ? { hint } : {}),
    ...(error.frame ? { frame: error.frame } : {}),
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.limit ? { limit: error.limit } : {}),
  };
}

/** `line:col TSxxxx message`, as the envelope's `warnings` say it. */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  return `${diagnostic.line}:${diagnostic.column} TS${diagnostic.code} ${diagnostic.message}`;
}
