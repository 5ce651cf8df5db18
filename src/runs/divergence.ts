/**
 * A recorded replay's divergence as the envelope reports it. The session (recorded mode) stops
 * at the first call that differs from the recording; a script that makes fewer calls than
 * recorded diverges too, at the first call it did not make.
 */
import type { ReplayState } from '../confluence/index.ts';
import type { CallRecord } from '../confluence/types.ts';
import type { ReplayDivergence } from './types.ts';

/**
 * @example
 * const divergence = divergenceOf(session.replayState(), recording);
 * if (divergence) console.log(divergence.message);
 */
export function divergenceOf(
  state: ReplayState | undefined,
  recording: readonly CallRecord[],
): ReplayDivergence | undefined {
  if (!state) return undefined;
  const found = state.divergence;
  if (found) {
    return {
      callIndex: found.index,
      message: found.message,
      expected: found.expected ?? null,
      got: found.actual,
    };
  }
  if (state.consumed >= state.total) return undefined;
  const next = recording[state.consumed];
  return {
    callIndex: state.consumed,
    message: `replay diverged at call #${state.consumed}: the script stopped after ${state.consumed} of the ${state.total} recorded calls`,
    expected: next ? { operation: next.operation, args: next.args } : null,
    got: null,
  };
}

/**
 * The calls a recorded replay can answer: those of a trace whose responses were all kept, or the
 * prefix before the first call whose response was dropped by the trace cap.
 */
export function replayableCalls(trace: readonly CallRecord[], complete: boolean): CallRecord[] {
  if (complete) return [...trace];
  const firstDropped = trace.findIndex(
    (call) => call.response === undefined && call.responseBytes > 0,
  );
  return firstDropped < 0 ? [...trace] : trace.slice(0, firstDropped);
}
