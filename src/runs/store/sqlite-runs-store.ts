/**
 * The runs store over SQLite (node:sqlite), the embedded default: runs.sqlite in the data dir.
 * Synchronous underneath; the RunsStore contract is async so that PostgreSQL can stand in
 * (./postgres-runs-store.ts). The SQL lives in ./run-table.ts and ./result-table.ts.
 */
import type { DatabaseSync } from 'node:sqlite';
import { transaction } from './database.ts';
import { RESULTS_SCHEMA, type ResultRow, resultStatements } from './result-table.ts';
import {
  migrateRunsTable,
  RUNS_SCHEMA,
  type RunRow,
  type RunSummaryRow,
  runStatements,
} from './run-table.ts';
import { fromRunRow, fromSummaryRow, toResultRow, toRunRow } from './run-rows.ts';
import {
  DEFAULT_LIST_LIMIT,
  type RunsStore,
  type RunsStoreOptions,
  resolveRunsStoreOptions,
} from './runs-store.ts';

/**
 * @example
 * const store = createSqliteRunsStore(openRunsDatabase(':memory:'), { retention: { maxRuns: 100 } });
 * await store.save({ runId, createdAt: Date.now(), mode: 'live', code, envelope, logs: [], calls: [] });
 */
export function createSqliteRunsStore(db: DatabaseSync, options: RunsStoreOptions = {}): RunsStore {
  db.exec(RUNS_SCHEMA);
  migrateRunsTable(db);
  db.exec(RESULTS_SCHEMA);
  const runs = runStatements(db);
  const results = resultStatements(db);
  const { now, retention, maxTraceChars } = resolveRunsStoreOptions(options);

  const prune = (): number => {
    let removed = 0;
    removed += Number(runs.deleteOlderThan.run(now() - retention.maxAgeMs).changes);
    removed += Number(runs.deleteBeyondCount.run(retention.maxRuns).changes);
    removed += Number(runs.deleteBeyondBytes.run(retention.maxStoreChars).changes);
    return removed;
  };

  return {
    async save(run) {
      const row = toRunRow(run, maxTraceChars);
      const result = toResultRow(run);
      transaction(db, () => {
        runs.insert.run({ ...row });
        if (result) results.insert.run({ ...result });
        prune();
      });
    },
    async get(runId) {
      const row = runs.get.get(runId) as RunRow | undefined;
      return row ? fromRunRow(row) : undefined;
    },
    async list(listOptions = {}) {
      const rows = runs.list.all({
        status: listOptions.status ?? null,
        client: listOptions.client ?? null,
        limit: listOptions.limit ?? DEFAULT_LIST_LIMIT,
      }) as unknown as RunSummaryRow[];
      return rows.map(fromSummaryRow);
    },
    async readResult(resultRef, client) {
      const row = results.getOwned.get({ ref: resultRef, client: client ?? null }) as
        Pick<ResultRow, 'value'> | undefined;
      return row?.value;
    },
    prune: async () => transaction(db, prune),
  };
}
