/**
 * The item snapshot from the script's `items(params)` generator, run once in the sandbox with an
 * enumeration budget larger than a run's (a search over thousands of pages), then made durable
 * in one transaction before any item runs: a search the job itself changes cannot shift under it.
 */
import type { SandboxLimits } from '../../../sandbox/types.ts';
import { JobsError } from '../errors.ts';
import { MAX_JOB_ITEMS } from './options.ts';
import type { AttemptContext } from './run-item.ts';
import { snapshotOf } from './snapshot.ts';

/** What `items()` may use: ten times a run's calls and CPU, four minutes, 256 MB of items. */
export const ENUMERATION_LIMITS: Partial<SandboxLimits> = {
  wallTimeMs: 240_000,
  cpuTimeMs: 50_000,
  maxHostCalls: 5_000,
  maxReturnBytes: 256 * 1024 * 1024,
  memoryMb: 512,
};

/**
 * @example
 * const error = await enumerateItems(context, signal); // undefined once the snapshot is stored
 * @returns why the enumeration failed, or `undefined` when the snapshot is stored.
 */
export async function enumerateItems(
  context: AttemptContext,
  signal: AbortSignal,
): Promise<string | undefined> {
  const session = context.createSession(context.options.dryRun ? 'dry-run' : 'live');
  const result = await context.sandbox.run({
    code: context.code,
    params: context.params,
    host: session.host,
    entry: { name: 'items', args: [context.params], collect: { maxValues: MAX_JOB_ITEMS } },
    skipTypecheck: true,
    limits: ENUMERATION_LIMITS,
    signal,
  });
  if (signal.aborted) return 'stopped while enumerating';
  if (!result.ok) {
    const error = result.error;
    const where = error?.line === undefined ? '' : ` at line ${error.line}`;
    return `items() failed${where}: ${error?.message ?? 'unknown error'}`;
  }
  try {
    const snapshot = snapshotOf(result.value);
    // What items() spent on Confluence counts in the job's call figures.
    await context.store.saveItems(context.jobId, snapshot, context.now(), session.summary());
    return undefined;
  } catch (error) {
    if (error instanceof JobsError) return `items() yielded bad items: ${error.message}`;
    throw error;
  }
}
