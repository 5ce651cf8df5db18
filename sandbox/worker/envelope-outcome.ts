/**
 * What the in-isolate runtime reported (a tagged string, sandbox/isolate/envelope.ts) as the run's
 * outcome: the JSON of the return value, checked once more against maxReturnBytes here (the
 * runtime's count is only an early stop), or a RunError with generated positions. The string
 * comes from code a script could have tampered with, so everything is checked.
 */
import type { CapturedError, HostErrorFields } from '../isolate/capture-error.ts';
import {
  OUTCOME_INVALID,
  OUTCOME_RETURNED,
  OUTCOME_THROWN,
  OUTCOME_TOO_LARGE,
} from '../isolate/envelope.ts';
import type { ResolvedLimits } from '../limits.ts';
import { limitError, scriptError } from '../run-errors.ts';
import type { RunError } from '../types.ts';

export function fromEnvelope(
  envelope: unknown,
  limits: ResolvedLimits,
): RunError | { json: string } {
  const text = typeof envelope === 'string' ? envelope : '';
  const tag = text.slice(0, 1);
  const body = text.slice(1);
  switch (tag) {
    case OUTCOME_RETURNED: {
      const bytes = Buffer.byteLength(body);
      if (bytes > limits.maxReturnBytes) {
        return limitError('maxReturnBytes', limits.maxReturnBytes, bytes, 'RETURN_SIZE_LIMIT');
      }
      return { json: body };
    }
    case OUTCOME_TOO_LARGE: {
      const reached = Number(body.split(',')[1]);
      return limitError(
        'maxReturnBytes',
        limits.maxReturnBytes,
        Number.isFinite(reached) ? reached : 0,
        'RETURN_SIZE_LIMIT',
        'at least',
      );
    }
    case OUTCOME_INVALID:
      return {
        phase: 'runtime',
        code: 'RESULT_NOT_SERIALIZABLE',
        message: `the return value could not be converted to JSON: ${body.slice(0, 1_000)}`,
        hint: 'Return plain data (objects, arrays, strings, numbers).',
      };
    case OUTCOME_THROWN:
      return thrownError(body, limits);
    default:
      return {
        phase: 'runtime',
        code: 'SANDBOX_ERROR',
        message: 'the sandbox runtime reported an unreadable outcome',
      };
  }
}

function thrownError(body: string, limits: ResolvedLimits): RunError {
  const captured = decodeCaptured(body);
  const error = scriptError(captured);
  if (error.code === 'MEMORY_LIMIT') {
    // A failed ArrayBuffer allocation is the memory limit speaking: say which.
    error.message += ` (memory limit ${limits.memoryMb} MB)`;
    error.limit = { name: 'memoryMb', limit: limits.memoryMb, reached: limits.memoryMb };
  }
  return error;
}

/** The captured error, with its host fields decoded; only string fields are kept. */
function decodeCaptured(body: string): CapturedError & { hostFields?: HostErrorFields } {
  let raw: Record<string, unknown> = {};
  try {
    raw = JSON.parse(body) as Record<string, unknown>;
  } catch {
    // an unreadable report: keep the defaults below
  }
  const text = (key: string, fallback: string) =>
    typeof raw[key] === 'string' ? (raw[key] as string) : fallback;
  const captured: CapturedError & { hostFields?: HostErrorFields } = {
    kind: raw['kind'] === 'non-error' ? 'non-error' : 'thrown',
    name: text('name', 'Error'),
    message: text('message', ''),
  };
  const stack = text('stack', '');
  if (stack) captured.stack = stack;
  if (typeof raw['host'] === 'string') {
    try {
      captured.hostFields = JSON.parse(raw['host']) as HostErrorFields;
    } catch {
      // not a host error after all
    }
  }
  return captured;
}
