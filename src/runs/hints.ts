/**
 * Hints that tell the script's author (often a model) how to fix a failed run. The sandbox gives
 * one for its own failures (limits, syntax, types); Confluence and policy errors get theirs here,
 * by HTTP status or code. Whatever the cause, a run that applied writes before failing says so:
 * repeating the script blindly would repeat them (cloudflare/cloudflare-os#444,
 * shared/notes/peers-code-mode.md G6).
 */
import type { RunError } from '../../sandbox/types.ts';

export interface HintContext {
  /** Writes that reached Confluence before the failure. */
  writesApplied: number;
  /** The largest `timeoutMs` a caller may ask for. */
  maxTimeoutMs: number;
  /** The largest `cpuTimeMs` a caller may ask for (absent: not said). */
  maxCpuTimeMs?: number;
  /** The largest `maxHostCalls` a caller may ask for (absent: not said). */
  maxHostCalls?: number;
  /** The server's cap on a return value, in bytes (absent: not said). */
  maxResultBytes?: number;
}

const CONFLUENCE_HINTS: Record<number, string> = {
  400: 'Confluence rejected the arguments: compare them with the declaration (describe_sdk) and the message.',
  401: 'The workbench could not authenticate to Confluence; the script cannot fix this (check the server credentials).',
  403: "The workbench's Confluence account may not do this; the script cannot fix this (ask for permission, or touch other content).",
  404: 'Nothing has this id or key: find the right one first (confluence.search.cql or a list operation).',
  409: 'Version conflict: read the page again for its current version.number, then update with version.number + 1.',
  413: 'The request is too large for Confluence: send smaller bodies or fewer items at once.',
  429: 'Confluence is rate limiting: make fewer calls at once, or spread the work over several runs.',
};

const CODE_HINTS: Record<string, string> = {
  CANCELLED:
    'The run was stopped by its caller before it finished; nothing in the script caused this.',
  WORKER_KILLED: 'Run the script again: it is not known to be at fault.',
  WORKER_UNRESPONSIVE: 'Run the script again: it is not known to be at fault.',
  REPLAY_DIVERGED:
    'The script made other calls than the recorded run (see divergence): a recorded replay can only answer the calls the original run made, in the same order and with the same arguments.',
  VALIDATION:
    'The arguments do not match the operation: see the issues in the message and the declaration (describe_sdk).',
  // No dry run here: under read-only, planned writes are refused as well.
  POLICY_READ_ONLY:
    'This workbench is read-only: every write is refused, in dry runs too. Do the task with reads only, or ask the operator.',
  // Not a refusal of the task: a cap per run. The writes before it stand, so the rest is a re-run.
  POLICY_MAX_WRITES:
    'This run reached the cap on writes per run (the figure is in the message); the writes before it were applied. Run again for the items not yet done (query again: what is done no longer matches), or split the work across runs.',
  POLICY_SPACE_NOT_ALLOWED:
    'The workbench only allows the spaces named in the message: do not retry; work in those spaces only.',
  POLICY_SPACE_UNKNOWN:
    'The workbench only allows some spaces and could not tell the space of this call: name the object by an id in an allowed space, or use another operation.',
  POLICY_QUERY_NOT_NARROWED:
    'Fix the CQL (balanced parentheses and quotes, ORDER BY last): the workbench narrows every query to its allowed spaces.',
};

/**
 * The hint for a failed run: the sandbox's, else one by code, status or phase; plus a warning
 * when writes were applied before the failure.
 *
 * @example
 * hintFor({ phase: 'confluence', code: 'CONFLICT', message: '…', status: 409 }, { writesApplied: 0, maxTimeoutMs: 120_000 });
 * // 'Version conflict: read the page again …'
 */
export function hintFor(error: RunError, context: HintContext): string | undefined {
  const base = error.hint ?? hintByCause(error, context);
  const timeout = limitHint(error, context);
  const writes =
    context.writesApplied > 0
      ? `${context.writesApplied} write(s) were applied before the failure (see writes): check them before running again, or the script will repeat them.`
      : undefined;
  const parts = [base, timeout, writes].filter((part): part is string => Boolean(part));
  return parts.length > 0 ? parts.join(' ') : undefined;
}

/**
 * Names the limit that was actually hit and what the caller may ask for instead (or that this is
 * the server's ceiling, set by the operator).
 */
function limitHint(error: RunError, context: HintContext): string | undefined {
  const reachedCeiling = (max: number | undefined) =>
    max !== undefined && error.limit !== undefined && error.limit.limit >= max;
  switch (error.code) {
    case 'WALL_TIME_LIMIT':
      return reachedCeiling(context.maxTimeoutMs)
        ? `${context.maxTimeoutMs} ms is the server's maximum run time (WORKBENCH_MAX_RUN_TIMEOUT_MS): split the work over several runs.`
        : `For a longer run, pass timeoutMs (at most ${context.maxTimeoutMs} ms).`;
    case 'CPU_TIME_LIMIT':
      if (context.maxCpuTimeMs === undefined) return undefined;
      return reachedCeiling(context.maxCpuTimeMs)
        ? `${context.maxCpuTimeMs} ms is the server's maximum CPU time per run (WORKBENCH_MAX_CPU_TIME_MS): do less per run.`
        : `For more CPU time, pass cpuTimeMs (at most ${context.maxCpuTimeMs} ms).`;
    case 'HOST_CALL_LIMIT':
      if (context.maxHostCalls === undefined) return undefined;
      return reachedCeiling(context.maxHostCalls)
        ? `${context.maxHostCalls} is the server's maximum of Confluence calls per run (WORKBENCH_MAX_HOST_CALLS): split the work over several runs.`
        : `For more Confluence calls, pass maxHostCalls (at most ${context.maxHostCalls}).`;
    case 'RETURN_SIZE_LIMIT':
      return context.maxResultBytes === undefined
        ? undefined
        : `Results are stored up to ${context.maxResultBytes} bytes of JSON (WORKBENCH_MAX_RESULT_BYTES); below that, a large result is kept whole and summarized (read it by resultRef).`;
    default:
      return undefined;
  }
}

function hintByCause(error: RunError, context: HintContext): string | undefined {
  const code = error.hostCode ?? error.code;
  const quotaHint = rateLimitedHint(error);
  if (quotaHint) return quotaHint;
  if (CODE_HINTS[code]) return CODE_HINTS[code];
  if (error.phase === 'confluence') {
    if (error.status !== undefined && CONFLUENCE_HINTS[error.status])
      return CONFLUENCE_HINTS[error.status];
    if (error.status !== undefined && error.status >= 500) {
      return 'Confluence failed on its side (the SDK already retried what was safe to retry): try again later, or catch the error and carry on with the other items.';
    }
    return 'Catch errors you expect around the Confluence call (try/catch), or check the arguments.';
  }
  if (error.phase === 'policy') {
    return "The workbench's policy refused this (read-only mode, allowed spaces or operations, or writes per run): do not retry it. Run with dryRun: true to see what the script would write.";
  }
  if (error.phase === 'typecheck')
    return 'Fix the type error at the line shown; describe_sdk gives the exact declaration of an operation.';
  if (error.phase === 'compile') {
    return 'Send TypeScript statements with top-level await and a final return, or a module with `export default async function (params) { … }`.';
  }
  if (error.phase === 'runtime') {
    return 'Check the line shown for an undefined value or a wrong property name; catch errors you expect with try/catch.';
  }
  if (error.phase === 'timeout')
    return `Ask for less per run. Pass timeoutMs (at most ${context.maxTimeoutMs} ms) for longer work.`;
  return undefined;
}

/** A site paused until `retryAt` (an hourly quota): the SDK's hint names the time to come back. */
function rateLimitedHint(error: RunError): string | undefined {
  if (error.phase !== 'confluence' || error.hostCode !== 'RATE_LIMITED') return undefined;
  const details = error.details as { retryAt?: unknown; hint?: unknown } | undefined;
  if (typeof details?.retryAt !== 'number' || typeof details.hint !== 'string') return undefined;
  return details.hint;
}
