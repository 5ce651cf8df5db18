/**
 * Recorded mode: every call is answered from a recorded ledger, in order, and nothing is sent.
 * The first call whose operation or arguments differ from the recording ends the replay: it and
 * every later call fail with `REPLAY_DIVERGED`, saying the call index, what the recording expected
 * and what came (`replay --mode recorded` reports it).
 */
import { isDeepStrictEqual } from 'node:util';
import type { CallRecord } from '../types.ts';
import { SessionError } from './errors.ts';

/** Characters of JSON quoted per side in a divergence message. */
const MAX_QUOTED_CHARS = 200;

export interface ReplayDivergence {
  /** 0-based index of the first call that differs. */
  index: number;
  /** What the recording holds at that index; absent when the recording ran out. */
  expected?: { operation: string; args: unknown };
  actual: { operation: string; args: unknown };
  message: string;
}

export interface ReplayState {
  /** Recorded calls answered so far. */
  consumed: number;
  total: number;
  divergence?: ReplayDivergence;
}

export interface Replay {
  /** The recorded call matching this one; throws `REPLAY_DIVERGED` when it does not match. */
  next(index: number, operation: string, args: unknown): CallRecord;
  state(): ReplayState;
}

export function createReplay(recorded: readonly CallRecord[]): Replay {
  const calls = [...recorded].sort((a, b) => a.index - b.index);
  let consumed = 0;
  let divergence: ReplayDivergence | undefined;

  return {
    next(index, operation, args) {
      if (divergence) throw divergedError(divergence, index);
      const expected = calls[index];
      // Recordings are stored as JSON: compare what this call would have been stored as.
      const actualArgs = toJson(args);
      if (
        expected &&
        expected.operation === operation &&
        isDeepStrictEqual(toJson(expected.args), actualArgs)
      ) {
        consumed += 1;
        return expected;
      }
      divergence = {
        index,
        ...(expected ? { expected: { operation: expected.operation, args: expected.args } } : {}),
        actual: { operation, args: actualArgs },
        message: expected
          ? `replay diverged at call #${index}: the recording has ${describe(expected.operation, expected.args)} but the script called ${describe(operation, actualArgs)}`
          : `replay diverged at call #${index}: the recording has only ${calls.length} calls but the script called ${describe(operation, actualArgs)}`,
      };
      throw divergedError(divergence, index);
    },
    state: () => ({ consumed, total: calls.length, ...(divergence ? { divergence } : {}) }),
  };
}

function divergedError(divergence: ReplayDivergence, index: number): SessionError {
  const message =
    index === divergence.index
      ? divergence.message
      : `${divergence.message} (call #${index} was not replayed)`;
  return new SessionError({
    name: 'ReplayError',
    code: 'REPLAY_DIVERGED',
    phase: 'runtime',
    message,
    details: { index: divergence.index, expected: divergence.expected, actual: divergence.actual },
  });
}

function describe(operation: string, args: unknown): string {
  const json = JSON.stringify(args) ?? 'undefined';
  return `${operation}(${json.length > MAX_QUOTED_CHARS ? `${json.slice(0, MAX_QUOTED_CHARS)}…` : json})`;
}

function toJson(value: unknown): unknown {
  const json = JSON.stringify(value);
  return json === undefined ? undefined : (JSON.parse(json) as unknown);
}
