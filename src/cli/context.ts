/**
 * What every command shares: the I/O, the configuration (environment plus global flags, resolved
 * by src/config.ts), and the ways to reach the workbench: the whole of it for commands that run
 * scripts, or only the runs store for commands that read what was stored (no sandbox to start).
 * The workbench and the service are imported when a command needs them, so that `--help`,
 * `types` and `runs` start fast.
 */
import type { Logger } from 'pino';
import {
  type ConfigOverrides,
  type WorkbenchConfig,
  assertSettingsInRange,
  loadConfig,
  unknownVariableWarnings,
} from '../config.ts';
import { resolveRunLimits } from '../runs/limits.ts';
import { createResultReader, type ResultReader } from '../runs/result-reader.ts';
import { openRunsStore } from '../runs/store/open-runs-store.ts';
import type { RunsStore, RunsStoreOptions } from '../runs/store/runs-store.ts';
import { openSharedDatabase } from '../storage/shared-database.ts';
import type { Workbench, WorkbenchOptions } from '../workbench.ts';
import { type CliIo, writeLine } from './io.ts';

export interface CommandContext {
  io: CliIo;
  /** Flags given before the command (`--data-dir`). */
  globalOverrides(): ConfigOverrides;
  /** The exit code the command decided on. */
  exitCode: number;
  /** The environment's warnings were printed (once per command, however often it is read). */
  warned?: boolean;
}

/** The configuration: environment, then global flags, then the command's own flags. */
export function resolveConfig(
  context: CommandContext,
  overrides: ConfigOverrides = {},
): WorkbenchConfig {
  assertSettingsInRange(context.io.env);
  if (!context.warned) {
    context.warned = true;
    for (const warning of unknownVariableWarnings(context.io.env))
      writeLine(context.io.stderr, `confluence-workbench: warning: ${warning}`);
  }
  return loadConfig(context.io.env, { ...context.globalOverrides(), ...overrides });
}

/** The logger of in-process commands: JSON lines on stderr, so stdout stays the command's output. */
export async function stderrLogger(config: WorkbenchConfig): Promise<Logger> {
  const { createServiceLogger } = await import('../server/service-logger.ts');
  return createServiceLogger({ level: config.logLevel, destination: 'stderr' });
}

/**
 * The workbench of a command that runs one script (`run`, `replay`): one sandbox worker; with
 * `--quiet`, a log that says errors only.
 */
export async function runnerOptions(flags: { quiet?: boolean }): Promise<WorkbenchOptions> {
  if (!flags.quiet) return { sandbox: { workers: 1 } };
  const { createServiceLogger } = await import('../server/service-logger.ts');
  const logger = createServiceLogger({ level: 'error', destination: 'stderr' });
  return { sandbox: { workers: 1 }, logger };
}

/**
 * Runs `work` on a whole workbench and closes it afterwards, whatever happens.
 *
 * @example
 * await withWorkbench(context, {}, (workbench) => workbench.runs.execute({ code }));
 */
export async function withWorkbench<T>(
  context: CommandContext,
  options: WorkbenchOptions,
  work: (workbench: Workbench) => Promise<T>,
): Promise<T> {
  const config = resolveConfig(context);
  const { createWorkbench } = await import('../workbench.ts');
  const workbench = await createWorkbench(config, {
    logger: await stderrLogger(config),
    ...options,
  });
  try {
    return await work(workbench);
  } finally {
    await workbench.close();
  }
}

/**
 * The runs store alone, for commands that only read it (or prune it, with `storeOptions`): the
 * shared PostgreSQL when WORKBENCH_DATABASE_URL is set, as `serve` uses it, else runs.sqlite.
 */
export async function withStore<T>(
  context: CommandContext,
  work: (store: RunsStore, reader: ResultReader, config: WorkbenchConfig) => Promise<T> | T,
  storeOptions: (config: WorkbenchConfig) => RunsStoreOptions = () => ({}),
): Promise<T> {
  const config = resolveConfig(context);
  const shared = await openSharedDatabase(config);
  try {
    const runs = await openRunsStore({ shared, dataDir: config.dataDir, ...storeOptions(config) });
    try {
      return await work(runs.store, createResultReader(runs.store, resolveRunLimits()), config);
    } finally {
      await runs.close();
    }
  } finally {
    await shared?.close();
  }
}
