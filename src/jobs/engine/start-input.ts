/**
 * A start request checked before anything runs: the id, the options and the item snapshot. The
 * script itself is checked in the sandbox (./script.ts).
 */
import { JobsError } from '../errors.ts';
import type { StartJobInput } from '../types.ts';
import { resolveJobOptions, type ResolvedJobOptions } from './options.ts';
import { snapshotOf } from './snapshot.ts';

/** Job ids the caller chooses: safe in a file name, a URL and a shell. */
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export interface CheckedInput {
  id: string;
  options: ResolvedJobOptions;
  items?: ReturnType<typeof snapshotOf>;
}

/**
 * @example
 * checkedInput({ code, items: [{ id: '1' }] }, 120_000, () => 'job_1'); // { id: 'job_1', options: {…}, items: [{ key: '1', … }] }
 * @throws JobsError `INVALID_JOB`
 */
export function checkedInput(
  input: StartJobInput,
  maxItemTimeoutMs: number,
  newId: () => string,
): CheckedInput {
  if (typeof input !== 'object' || input === null)
    throw new JobsError(
      'INVALID_JOB',
      'the job must be an object { code, items?, params?, options? }',
    );
  if (input.id !== undefined && (typeof input.id !== 'string' || !ID_PATTERN.test(input.id))) {
    throw new JobsError(
      'INVALID_JOB',
      `a job id is 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit; got ${JSON.stringify(input.id)}`,
    );
  }
  if (input.params !== undefined && JSON.stringify(input.params) === undefined)
    throw new JobsError('INVALID_JOB', 'params must be a JSON value');
  const resolved = resolveJobOptions(input.options, maxItemTimeoutMs);
  const items = input.items === undefined ? undefined : snapshotOf(input.items);
  return {
    id: input.id ?? newId(),
    options: resolved,
    ...(items ? { items } : {}),
  };
}
