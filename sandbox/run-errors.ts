/**
 * Turns how a run ended inside the worker (an isolated-vm rejection, a captured script error, a
 * limit) into a RunError. Positions stay generated here; the parent maps them to the user's code.
 * isolated-vm's messages are listed in shared/notes/isolated-vm.md §2.3.
 */
import { type RunError, type SandboxLimits, isErrorPhase } from './types.ts';
import type { CapturedError, HostErrorFields } from './isolate/capture-error.ts';

/**
 * A run its caller stopped (a client's cancellation, Ctrl-C, a shutdown): nothing in the script is
 * at fault, so the hint says what to check, not how to fix code.
 */
export const CANCELLED: RunError = {
  phase: 'runtime',
  code: 'CANCELLED',
  message: 'the run was cancelled',
  hint: 'The run was stopped by its caller before it finished; nothing in the script caused this. Writes it applied before the stop are listed under writes.',
};

const LIMIT_TEXT: Record<string, { what: string; unit: string; hint: string }> = {
  maxHostCalls: {
    what: 'host calls',
    unit: 'calls',
    hint: 'Fetch in bulk (list/search with a limit) instead of one call per item.',
  },
  maxArgBytes: {
    what: 'host call arguments',
    unit: 'bytes',
    hint: 'Send smaller arguments, e.g. split a large body into several updates.',
  },
  maxHostResultBytes: {
    what: 'a host call answer',
    unit: 'bytes',
    hint: 'Ask for less: fewer items per page, or without the body.',
  },
  maxReturnBytes: {
    what: 'the return value',
    unit: 'bytes',
    hint: 'Return a summary (counts, ids, titles), not whole pages.',
  },
  maxCodeBytes: { what: 'the script', unit: 'bytes', hint: 'Send a shorter script.' },
  maxParamsBytes: {
    what: 'params',
    unit: 'bytes',
    hint: 'Pass ids or a query in params, not the data itself.',
  },
};

/**
 * A `limit`-phase error quoting the limit and the figure reached.
 * @example limitError('maxHostCalls', 500, 501, 'HOST_CALL_LIMIT')
 */
export function limitError(
  name: keyof SandboxLimits,
  limit: number,
  reached: number,
  code: string,
  detail?: string,
): RunError {
  const text = LIMIT_TEXT[name] ?? { what: name, unit: '', hint: '' };
  const about = detail ? ` (${detail.slice(0, 100)})` : '';
  return {
    phase: 'limit',
    code,
    message:
      `${text.what}${about} exceeded the limit of ${limit} ${text.unit}: reached ${reached}`.trim(),
    hint: text.hint,
    limit: { name, limit, reached },
  };
}

export function timeoutError(
  name: 'syncTimeoutMs' | 'wallTimeMs' | 'cpuTimeMs',
  limit: number,
  reached: number,
  hostCallsInFlight = 0,
): RunError {
  const rounded = Math.round(reached);
  const texts = {
    syncTimeoutMs: [
      'SYNC_TIMEOUT',
      `the script ran synchronously past the ${limit} ms limit (${rounded} ms)`,
      'Look for an endless loop or a heavy computation before the first await.',
    ],
    cpuTimeMs: [
      'CPU_TIME_LIMIT',
      `the script used more than its ${limit} ms of CPU time (${rounded} ms)`,
      'Look for an endless loop, or do less work per run.',
    ],
    wallTimeMs: [
      'WALL_TIME_LIMIT',
      `the run passed its ${limit} ms deadline (${rounded} ms)`,
      hostCallsInFlight === 0
        ? 'No host call was in flight: does the script await a promise that never settles?'
        : `${hostCallsInFlight} host call(s) were still in flight: ask for less per run.`,
    ],
  } as const;
  const [code, message, hint] = texts[name];
  return { phase: 'timeout', code, message, hint, limit: { name, limit, reached: rounded } };
}

export function memoryError(memoryMb: number): RunError {
  return {
    phase: 'memory',
    code: 'MEMORY_LIMIT',
    message: `the script used more than its ${memoryMb} MB memory limit`,
    hint: 'Keep less in memory: process items as they come, and return a summary.',
    limit: { name: 'memoryMb', limit: memoryMb, reached: memoryMb },
  };
}

/** A script error captured inside the isolate (stack still in generated positions). */
export function scriptError(captured: CapturedError & { hostFields?: HostErrorFields }): RunError {
  if (captured.kind === 'non-error') {
    return {
      phase: 'runtime',
      code: 'NON_ERROR_THROWN',
      message: captured.message,
      hint: 'Throw `new Error(message)` so the error carries a line number.',
    };
  }
  const text = `${captured.name}: ${captured.message}`;
  const host = captured.hostFields;
  if (host) {
    const phase = isErrorPhase(host.phase) ? host.phase : 'runtime';
    return {
      phase,
      code: host.code ?? 'HOST_ERROR',
      message: text,
      ...(captured.stack ? { stack: captured.stack } : {}),
      ...(host.status !== undefined ? { status: host.status } : {}),
      ...(host.code !== undefined ? { hostCode: host.code } : {}),
      ...(host.details !== undefined ? { details: host.details } : {}),
    };
  }
  if (captured.name === 'RangeError' && /Array buffer allocation failed/.test(captured.message)) {
    return { ...memoryErrorWithStack(captured), message: text };
  }
  const hint = /Maximum call stack size exceeded/.test(captured.message)
    ? 'The recursion is too deep: use a loop or an explicit stack.'
    : undefined;
  return {
    phase: 'runtime',
    code: 'RUNTIME_ERROR',
    message: text,
    ...(captured.stack ? { stack: captured.stack } : {}),
    ...(hint ? { hint } : {}),
  };
}

function memoryErrorWithStack(captured: CapturedError): RunError {
  return {
    phase: 'memory',
    code: 'MEMORY_LIMIT',
    message: captured.message,
    hint: 'Allocate smaller buffers.',
    ...(captured.stack ? { stack: captured.stack } : {}),
  };
}

/** What an isolated-vm rejection means when no limit of ours was hit first. */
export function classifyIsolateFailure(
  error: unknown,
  isDisposed: boolean,
  memoryMb: number,
  syncTimeoutMs: number,
  elapsedMs: number,
): RunError {
  const message = error instanceof Error ? error.message : String(error);
  if (/memory limit/i.test(message) || isDisposed) return memoryError(memoryMb);
  if (/Script execution timed out/.test(message))
    return timeoutError('syncTimeoutMs', syncTimeoutMs, elapsedMs);
  return {
    phase: 'runtime',
    code: 'SANDBOX_ERROR',
    message: `the sandbox failed: ${message.slice(0, 300)}`,
  };
}
