/**
 * The jobs store over `node:sqlite` (`jobs.sqlite` in WORKBENCH_DATA_DIR, WAL, so `job status` in
 * one process reads while `job start` writes in another, and two processes on one host can work
 * one job's items under leases). Synchronous inside; the interface is asynchronous so that the
 * PostgreSQL store (./postgres-jobs-store.ts) can take its place. The SQL is ./jobs-sql.ts.
 */
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import type { CallSummary } from '../../confluence/types.ts';
import { transaction } from '../../runs/store/database.ts';
import { JobsError } from '../errors.ts';
import type {
  CallRow,
  HeldLease,
  ItemClaim,
  ItemRow,
  JobRow,
  JobsStore,
  NewItem,
} from './jobs-store.ts';
import { jobsSql, updateJobSql } from './jobs-sql.ts';
import {
  addCallsParams,
  attemptOf,
  countsOf,
  finishItemParams,
  insertJobParams,
  recordCallParams,
} from './rows.ts';
import { ADDED_ITEM_COLUMNS, JOBS_SCHEMA } from './schema.ts';

/** The jobs database's file name inside WORKBENCH_DATA_DIR. */
export const JOBS_DATABASE_FILE = 'jobs.sqlite';

/** Creates the schema, and adds the columns a file made by an older build lacks. */
function ensureSchema(db: DatabaseSync): void {
  db.exec(JOBS_SCHEMA);
  const columns = new Set(
    (db.prepare('PRAGMA table_info(job_items)').all() as { name: string }[]).map((c) => c.name),
  );
  for (const [name, type] of ADDED_ITEM_COLUMNS) {
    if (!columns.has(name)) db.exec(`ALTER TABLE job_items ADD COLUMN ${name} ${type}`);
  }
}

/**
 * @example
 * const store = createSqliteJobsStore(openRunsDatabase(path.join(dataDir, JOBS_DATABASE_FILE)));
 */
export function createSqliteJobsStore(db: DatabaseSync): JobsStore {
  ensureSchema(db);
  const text = jobsSql('sqlite');
  const cache = new Map<string, StatementSync>();
  const prepared = (sql: string): StatementSync => {
    let statement = cache.get(sql);
    if (!statement) cache.set(sql, (statement = db.prepare(sql)));
    return statement;
  };
  const run = (sql: string, ...params: SQLInputValue[]) =>
    Number(prepared(sql).run(...params).changes);
  const all = <T>(sql: string, ...params: SQLInputValue[]) =>
    prepared(sql).all(...params) as unknown as T[];
  const insertItems = (jobId: string, items: NewItem[], now: number) => {
    const insert = prepared(
      `INSERT INTO job_items (job_id, position, key, item, state) VALUES (?, ?, ?, ?, 'pending')`,
    );
    items.forEach((item, position) => insert.run(jobId, position, item.key, item.item));
    run(text.markEnumerated, items.length, now, jobId);
  };
  const getJob = (jobId: string) => all<JobRow>(text.getJob, jobId)[0];
  const writeCall = (row: CallRow) => run(text.recordCall, ...recordCallParams(row));
  const addCalls = (jobId: string, calls: CallSummary, now: number) =>
    run(text.addCalls, ...addCallsParams(jobId, calls, now));

  const store: Synchronous<JobsStore> = {
    createJob(job, items) {
      transaction(db, () => {
        if (getJob(job.id)) {
          throw new JobsError('JOB_EXISTS', `a job "${job.id}" exists already; choose another id`);
        }
        run(text.insertJob, ...insertJobParams(job));
        if (items) insertItems(job.id, items, job.now);
      });
    },
    saveItems(jobId, items, now, calls) {
      transaction(db, () => {
        const job = getJob(jobId);
        if (!job || job.enumerated) return;
        insertItems(jobId, items, now);
        if (calls) addCalls(jobId, calls, now);
      });
    },
    getJob,
    listJobs({ limit, state, client }) {
      const s = state ?? null;
      const c = client ?? null;
      return all<JobRow>(text.listJobs, s, s, c, c, limit);
    },
    activeJobs: (limit) => all<JobRow>(text.activeJobs, limit),
    updateJob(jobId, update, now) {
      const statement = updateJobSql(update, now, jobId);
      if (statement) run(statement.sql, ...statement.params);
    },
    transitionJob(jobId, from, update, now) {
      const statement = updateJobSql(update, now, jobId, from)!;
      return run(statement.sql, ...statement.params) === 1;
    },
    takeOwnership: (jobId, owner, expected, now) =>
      run(text.takeOwnership, owner, now, now, jobId, expected) === 1,
    heartbeat: (jobId, owner, now) => run(text.heartbeat, now, jobId, owner) === 1,
    releaseOwnership(jobId, owner, now) {
      run(text.releaseOwnership, now, jobId, owner);
    },
    counts: (jobId) => countsOf(all(text.counts, jobId)),
    requeueRunning: (jobId, owner) => run(text.requeueRunning, jobId, owner ?? null, owner ?? null),
    leaseOwners: (jobId) =>
      all<{ lease_owner: string }>(text.leaseOwners, jobId).map((row) => row.lease_owner),
    claimItems(jobId, lease, limit, now) {
      // IMMEDIATE: the write lock first, so two processes' claims queue instead of overlapping.
      return transaction(db, () =>
        all<ItemClaim>(text.claimItems, lease.owner, lease.until, now, jobId, now, limit),
      ).sort((a, b) => a.position - b.position);
    },
    renewLeases: (jobId, lease) =>
      all<HeldLease>(text.renewLeases, lease.until, jobId, lease.owner),
    retryItem: (jobId, position, attempt) =>
      run(text.retryItem, jobId, position, attempt) === 1 ? attempt + 1 : undefined,
    finishItem(jobId, position, attempt, outcome) {
      return transaction(db, () => {
        const changed = run(
          text.finishItem,
          ...finishItemParams(jobId, position, attempt, outcome),
        );
        if (changed !== 1) return false;
        // The item is finished now: its last rows are written under the same (checked) fence.
        for (const row of outcome.ledger ?? []) writeCall(row);
        addCalls(jobId, outcome.calls, outcome.now);
        return true;
      });
    },
    releaseItem: (jobId, position, attempt) =>
      run(text.releaseItem, jobId, position, attempt) === 1,
    skipPending: (jobId, now) => run(text.skipPending, now, jobId),
    items(jobId, { state, offset, limit }) {
      const s = state ?? null;
      return all<ItemRow>(text.items, jobId, s, s, limit, offset);
    },
    itemCalls: (jobId, position) => all<CallRow>(text.itemCalls, jobId, position),
    recordCalls(rows) {
      if (rows.length === 0) return true;
      const { job_id, position, attempt } = attemptOf(rows);
      return transaction(db, () => {
        if (all(text.fence, job_id, position, attempt).length === 0) return false;
        rows.forEach(writeCall);
        return true;
      });
    },
    close() {
      db.close();
    },
  };
  return promised(store);
}

/** The store's methods as this file writes them: the same, answering at once. */
type Synchronous<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : never;
};

/** The same methods, each returning a promise (a throw becomes a rejection). */
function promised(methods: Synchronous<JobsStore>): JobsStore {
  return Object.fromEntries(
    Object.entries(methods).map(([name, method]) => [
      name,
      (...args: unknown[]) => {
        try {
          return Promise.resolve((method as (...args: unknown[]) => unknown)(...args));
        } catch (error) {
          return Promise.reject(error as Error);
        }
      },
    ]),
  ) as unknown as JobsStore;
}
