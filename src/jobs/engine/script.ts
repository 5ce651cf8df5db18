/**
 * The job script, checked once before anything runs: it compiles, it type-checks against the SDK,
 * it is a module whose default export is a function, and it exports an `items` generator when no
 * items are given. A script that fails here is refused whole (`INVALID_JOB`, exit code 2).
 */
import type { Sandbox } from '../../../sandbox/types.ts';
import { JobsError } from '../errors.ts';

const GENERATORS = ['AsyncGeneratorFunction', 'GeneratorFunction'];

/**
 * @example
 * await checkJobScript(sandbox, code, { needsItems: true });
 * @throws JobsError `INVALID_JOB` with the phase, line and column of the problem.
 */
export async function checkJobScript(
  sandbox: Pick<Sandbox, 'run'>,
  code: unknown,
  options: { needsItems: boolean; params?: unknown },
): Promise<void> {
  if (typeof code !== 'string' || code.trim() === '')
    throw new JobsError('INVALID_JOB', 'the job script must be a non-empty string of TypeScript');
  const outcome = await sandbox.run({
    code,
    params: options.params,
    entry: { name: 'default', args: [], describe: true },
    host: {},
  });
  if (!outcome.ok) {
    const error = outcome.error;
    const where =
      error?.line === undefined ? '' : ` (line ${error.line}, column ${error.column ?? 1})`;
    const hint = error?.hint ? `; ${error.hint}` : '';
    throw new JobsError(
      'INVALID_JOB',
      `the job script was refused in phase ${error?.phase ?? 'compile'}: ${error?.message ?? 'unknown error'}${where.length > 0 && !error?.message.includes('(line') ? where : ''}${hint}`,
      error,
    );
  }
  const kinds = (outcome.value ?? {}) as Record<string, string>;
  if (!kinds['default']?.endsWith('Function')) {
    throw new JobsError(
      'INVALID_JOB',
      `the job script's default export must be a function (item, params) => output; it is ${kinds['default'] ?? 'missing'}`,
    );
  }
  if (kinds['items'] !== undefined && !GENERATORS.includes(kinds['items'])) {
    throw new JobsError(
      'INVALID_JOB',
      `export items must be a generator: \`export async function* items(params) { yield … }\`; it is ${kinds['items']}`,
    );
  }
  if (options.needsItems && kinds['items'] === undefined) {
    throw new JobsError(
      'INVALID_JOB',
      'no items: give them (--items FILE, or items in the request) or export `async function* items(params)` from the script',
    );
  }
}
