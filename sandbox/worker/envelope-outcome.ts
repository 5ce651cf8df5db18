/**
 * What the in-isolate runtime reported (ExecuteEnvelope) as the run's outcome: the JSON of the
 * return value, checked once more against maxReturnBytes here (the runtime's count is only an
 * early stop), or a RunError with generated positions.
 */
import type { ExecuteEnvelope } from '../isolate/runtime.ts';
import type { ResolvedLimits } from '../limits.ts';
import { limitError, scriptError } from '../run-errors.ts';
import type { RunError } from '../types.ts';

export function fromEnvelope(
  envelope: ExecuteEnvelope,
  limits: ResolvedLimits,
): RunError | { json: string } {
  if (envelope.ok) {
    const bytes = Buffer.byteLength(envelope.json);
    if (bytes > limits.maxReturnBytes) {
      return limitError('maxReturnBytes', limits.maxReturnBytes, bytes, 'RETURN_SIZE_LIMIT');
    }
    return { json: envelope.json };
  }
  if ('returnTooLarge' in envelope) {
    const { limit, reached } = envelope.returnTooLarge;
    return limitError('maxReturnBytes', limit, reached, 'RETURN_SIZE_LIMIT', 'at least');
  }
  if ('returnInvalid' in envelope) {
    return {
      phase: 'runtime',
      code: 'RESULT_NOT_SERIALIZABLE',
      message: `the return value could not be converted to JSON: ${envelope.returnInvalid}`,
      hint: 'Return plain data (objects, arrays, strings, numbers).',
    };
  }
  const error = scriptError(envelope.error);
  if (error.code === 'MEMORY_LIMIT') {
    // A failed ArrayBuffer allocation is the memory limit speaking: say which.
    error.message += ` (memory limit ${limits.memoryMb} MB)`;
    error.limit = { name: 'memoryMb', limit: limits.memoryMb, reached: limits.memoryMb };
  }
  return error;
}
