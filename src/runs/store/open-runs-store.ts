/**
 * Which runs store an instance uses, decided in one place for the service and the CLI: the shared
 * PostgreSQL when WORKBENCH_DATABASE_URL opened one (wrapped in the outage buffer, so runs that
 * finish while it is away are kept and saved later), else runs.sqlite in the data dir.
 */
import path from 'node:path';
import type { SharedDatabase } from '../../storage/shared-database.ts';
import { openRunsDatabase, RUNS_DATABASE_FILE } from './database.ts';
import { type OutageBufferOptions, withOutageBuffer } from './outage-buffer.ts';
import { createPostgresRunsStore } from './postgres-runs-store.ts';
import type { RunsStore, RunsStoreOptions } from './runs-store.ts';
import { createSqliteRunsStore } from './sqlite-runs-store.ts';

export interface OpenRunsStoreOptions extends RunsStoreOptions {
  /** The shared database (`workbench.database`); null or absent: SQLite. */
  shared?: SharedDatabase | null;
  /** The SQLite file or `:memory:` (default: runs.sqlite in `dataDir`). */
  sqliteFile?: string;
  dataDir: string;
  /** Keep runs in memory while the shared database is away (the service; default false). */
  outageBuffer?: boolean | OutageBufferOptions;
}

export interface OpenedRunsStore {
  store: RunsStore;
  kind: 'postgres' | 'sqlite';
  /** Runs finished here and waiting for the database (always 0 without the outage buffer). */
  pendingRuns(): number;
  /** Closes the SQLite file, or saves what is pending; the shared pool is its owner's to close. */
  close(): Promise<void>;
}

/**
 * @example
 * const runs = await openRunsStore({ shared: workbench.database, dataDir: config.dataDir });
 * await runs.store.list();
 * await runs.close();
 */
export async function openRunsStore(options: OpenRunsStoreOptions): Promise<OpenedRunsStore> {
  const { shared, sqliteFile, dataDir, outageBuffer, ...storeOptions } = options;
  if (shared) {
    const store = await createPostgresRunsStore(shared.pool, storeOptions);
    if (!outageBuffer) {
      return { store, kind: 'postgres', pendingRuns: () => 0, close: async () => undefined };
    }
    const buffered = withOutageBuffer(store, {
      ...(typeof outageBuffer === 'object' ? outageBuffer : {}),
      ...(storeOptions.maxTraceChars === undefined
        ? {}
        : { maxTraceChars: storeOptions.maxTraceChars }),
    });
    return {
      store: buffered,
      kind: 'postgres',
      pendingRuns: buffered.pendingRuns,
      close: buffered.close,
    };
  }
  const database = openRunsDatabase(sqliteFile ?? path.join(dataDir, RUNS_DATABASE_FILE));
  try {
    return {
      store: createSqliteRunsStore(database, storeOptions),
      kind: 'sqlite',
      pendingRuns: () => 0,
      close: async () => database.close(),
    };
  } catch (error) {
    database.close();
    throw error;
  }
}
