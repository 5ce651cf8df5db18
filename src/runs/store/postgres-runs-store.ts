/**
 * The runs store over PostgreSQL (WORKBENCH_DATABASE_URL): the same tables, retention and
 * ownership filter as the SQLite store, so a run saved by one instance is listed, read and
 * replayed by every other. Each call answers within a deadline: when the database is away, a read
 * fails in a few seconds with RunsError STORE_UNAVAILABLE instead of hanging on the pool.
 * (Runs saved meanwhile are kept by ./outage-buffer.ts, which wraps this store.)
 */
import type { PostgresClient, PostgresPool } from '../../storage/postgres/pool.ts';
import { withTransaction } from '../../storage/postgres/pool.ts';
import { migrate } from '../../storage/postgres/migrations.ts';
import { RunsError } from '../errors.ts';
import { RUNS_MIGRATIONS, RUNS_SQL, runParameters } from './postgres-tables.ts';
import type { RunRow, RunSummaryRow } from './run-table.ts';
import { fromRunRow, fromSummaryRow, toResultRow, toRunRow } from './run-rows.ts';
import {
  DEFAULT_LIST_LIMIT,
  type RunsStore,
  type RunsStoreOptions,
  resolveRunsStoreOptions,
} from './runs-store.ts';

export { RUNS_MIGRATIONS };

/** How long one store call may wait on the database before it fails (STORE_UNAVAILABLE). */
export const DEFAULT_DATABASE_DEADLINE_MS = 4_000;

export interface PostgresRunsStoreOptions extends RunsStoreOptions {
  /** Milliseconds one call may take (default {@link DEFAULT_DATABASE_DEADLINE_MS}). */
  deadlineMs?: number;
}

/**
 * Migrates the runs tables (`migrate(pool, 'runs', RUNS_MIGRATIONS)`), then returns the store.
 *
 * @example
 * const store = await createPostgresRunsStore(workbench.database.pool, { retention: { maxRuns: 500 } });
 * await store.list({ client: 'docs-agent' });
 */
export async function createPostgresRunsStore(
  pool: PostgresPool,
  options: PostgresRunsStoreOptions = {},
): Promise<RunsStore> {
  await migrate(pool, 'runs', RUNS_MIGRATIONS);
  const { now, retention, maxTraceChars } = resolveRunsStoreOptions(options);
  const deadline = withDeadline(options.deadlineMs ?? DEFAULT_DATABASE_DEADLINE_MS);

  const prune = async (client: PostgresClient): Promise<number> => {
    let removed = 0;
    for (const [sql, limit] of [
      [RUNS_SQL.deleteOlderThan, now() - retention.maxAgeMs],
      [RUNS_SQL.deleteBeyondCount, retention.maxRuns],
      [RUNS_SQL.deleteBeyondBytes, retention.maxStoreChars],
    ] as const) {
      removed += (await client.query(sql, [limit])).rowCount ?? 0;
    }
    return removed;
  };

  return {
    async save(run) {
      const row = toRunRow(run, maxTraceChars);
      const result = toResultRow(run);
      await deadline('save the run', () =>
        withTransaction(pool, async (client) => {
          await client.query(RUNS_SQL.insertRun, runParameters(row));
          if (result) {
            await client.query(RUNS_SQL.insertResult, [
              result.ref,
              result.run_id,
              result.created_at,
              result.chars,
              result.value,
            ]);
          }
          await prune(client);
        }),
      );
    },
    async get(runId) {
      const { rows } = await deadline('read the run', () =>
        pool.query<RunRow>(RUNS_SQL.getRun, [runId]),
      );
      return rows[0] ? fromRunRow(rows[0]) : undefined;
    },
    async list(listOptions = {}) {
      const { rows } = await deadline('list runs', () =>
        pool.query<RunSummaryRow>(RUNS_SQL.list, [
          listOptions.status ?? null,
          listOptions.client ?? null,
          listOptions.limit ?? DEFAULT_LIST_LIMIT,
        ]),
      );
      return rows.map(fromSummaryRow);
    },
    async readResult(resultRef, client) {
      const { rows } = await deadline('read the result', () =>
        pool.query<{ value: string }>(RUNS_SQL.getOwnedResult, [resultRef, client ?? null]),
      );
      return rows[0]?.value;
    },
    prune: () => deadline('prune runs', () => withTransaction(pool, prune)),
  };
}

/**
 * Runs database work within `ms`, and turns "the database is not there" into RunsError
 * STORE_UNAVAILABLE (errors the database itself answered, like a unique violation, pass as they
 * are). Work past its deadline is left to finish or fail on its own; its outcome is ignored.
 */
function withDeadline(ms: number) {
  return async <T>(what: string, work: () => Promise<T>): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const running = work();
    try {
      return await Promise.race([
        running,
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`the database did not answer in ${ms} ms`)),
            ms,
          );
        }),
      ]);
    } catch (error) {
      running.catch(() => undefined);
      if (!isUnreachable(error)) throw error;
      throw new RunsError(
        'STORE_UNAVAILABLE',
        `could not ${what}: the runs database is unreachable (${(error as Error).message})`,
      );
    } finally {
      clearTimeout(timer);
    }
  };
}

/**
 * True when the error says the database could not be reached or went away, rather than that it
 * answered with an error: PostgreSQL's SQLSTATE classes 08 (connection exception), 53
 * (insufficient resources) and 57P (server shutting down), socket errors (ECONNREFUSED, …), the
 * pool's own timeouts and closed connections.
 *
 * @example
 * isUnreachable(Object.assign(new Error('duplicate key'), { code: '23505' })); // false
 */
export function isUnreachable(error: unknown): boolean {
  if (error instanceof RunsError) return error.code === 'STORE_UNAVAILABLE';
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return /^(08|53|57P)/.test(code);
  if (typeof code === 'string' && code.startsWith('E')) return true;
  return /did not answer|timeout|terminated|Connection|ECONN|EPIPE|socket|closed/i.test(
    error.message,
  );
}
