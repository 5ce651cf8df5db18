/**
 * The database several instances share when WORKBENCH_DATABASE_URL is set (DESIGN.md, "Storage"):
 * one connection pool per process, opened by createWorkbench and handed to every store that has a
 * PostgreSQL implementation (runs and results, jobs and their leases, the site's rate limit).
 * Without the variable there is none, and each store uses its SQLite file in WORKBENCH_DATA_DIR.
 *
 * @example
 * const shared = await openSharedDatabase(config, logger);
 * if (shared) await migrate(shared.pool, 'runs', RUNS_MIGRATIONS);
 */
import type { Logger } from 'pino';
import type { WorkbenchConfig } from '../config.ts';
import { createPostgresPool, describeDatabaseUrl, type PostgresPool } from './postgres/pool.ts';

export interface DatabaseHealth {
  ok: boolean;
  /** The URL without its password. */
  database: string;
  /** Round trip of `SELECT 1`, when it answered. */
  latencyMs?: number;
  /** Why it did not answer. */
  error?: string;
}

export interface SharedDatabase {
  readonly kind: 'postgres';
  readonly pool: PostgresPool;
  /** The URL without its password: what logs and /healthz may show. */
  readonly description: string;
  /** Asks the database for `SELECT 1` within `timeoutMs` (default 2,000). Never rejects. */
  health(timeoutMs?: number): Promise<DatabaseHealth>;
  close(): Promise<void>;
}

/** Pool size per instance: the sandbox's runs, the job workers and the limiter share it. */
export const DEFAULT_POOL_SIZE = 10;

export async function openSharedDatabase(
  config: WorkbenchConfig,
  logger?: Logger,
): Promise<SharedDatabase | null> {
  if (config.databaseUrl === undefined) return null;
  const description = describeDatabaseUrl(config.databaseUrl);
  const pool = createPostgresPool(config.databaseUrl, {
    max: DEFAULT_POOL_SIZE,
    onIdleError: (error) =>
      logger?.warn({ database: description, err: error.message }, 'database connection lost'),
  });
  let closed: Promise<void> | undefined;
  return {
    kind: 'postgres',
    pool,
    description,
    async health(timeoutMs = 2_000) {
      const started = performance.now();
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          pool.query('SELECT 1'),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs);
          }),
        ]);
        return {
          ok: true,
          database: description,
          latencyMs: Math.round((performance.now() - started) * 10) / 10,
        };
      } catch (error) {
        return {
          ok: false,
          database: description,
          error: error instanceof Error ? error.message : String(error),
        };
      } finally {
        clearTimeout(timer);
      }
    },
    close() {
      closed ??= pool.end();
      return closed;
    },
  };
}
