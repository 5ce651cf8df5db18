/**
 * A run's call trace (the session ledger) as stored: whole when it fits the per-run cap, else
 * with the responses of the later calls dropped, so one run of thousands of page reads cannot
 * fill the disk. Recorded replay reads responses from here, so it stops where they stop.
 */
import type { CallRecord } from '../../confluence/types.ts';

/**
 * @example
 * const { json, complete } = limitTrace(session.ledger(), 16_000_000);
 */
export function limitTrace(
  calls: CallRecord[],
  maxChars: number,
): { json: string; complete: boolean } {
  const whole = JSON.stringify(calls);
  if (whole.length <= maxChars) return { json: whole, complete: true };
  let used = 2;
  let dropping = false;
  const kept = calls.map((call) => {
    if (!dropping) {
      used += JSON.stringify(call).length + 1;
      if (used <= maxChars) return call;
      dropping = true;
    }
    const { response: _response, ...withoutResponse } = call;
    return withoutResponse;
  });
  return { json: JSON.stringify(kept), complete: false };
}
