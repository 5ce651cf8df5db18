/**
 * The jobs store over PostgreSQL (WORKBENCH_DATABASE_URL), shared by every instance: they all
 * claim the items of every running job under leases (`FOR UPDATE SKIP LOCKED`), renew them with
 * their heartbeat, and an instance that dies hands its items on when its leases expire. The SQL is
 * the SQLite store's (./jobs-sql.ts); the pool belongs to the workbench (`workbench.database`),
 * so closing this store leaves it open.
 */
import pg from 'pg';
import { migrate } from '../../storage/postgres/migrations.ts';
import { type PostgresPool, withTransaction } from '../../storage/postgres/pool.ts';
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
import { jobsSql, numbered, updateJobSql } from './jobs-sql.ts';
import {
  addCallsParams,
  attemptOf,
  countsOf,
  finishItemParams,
  insertJobParams,
  recordCallParams,
} from './rows.ts';
import { JOBS_MIGRATIONS } from './schema.ts';

type Queryable = Pick<pg.ClientBase, 'query'>;
type Param = string | number | null | string[] | number[];

/** Rows inserted per statement when a snapshot is saved. */
const INSERT_CHUNK = 5_000;
const UNIQUE_VIOLATION = '23505';

// Epoch milliseconds are BIGINT columns: numbers, not the strings `pg` gives for int8 by default.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * Migrates the jobs schema (`migrate(pool, 'jobs', JOBS_MIGRATIONS)`), then returns the store.
 *
 * @example
 * const store = await createPostgresJobsStore(workbench.database.pool);
 */
export async function createPostgresJobsStore(pool: PostgresPool): Promise<JobsStore> {
  await migrate(pool, 'jobs', JOBS_MIGRATIONS);
  const text = jobsSql('postgres');
  const query = async <T>(sql: string, params: Param[], on: Queryable = pool) =>
    on.query<T & pg.QueryResultRow>({ text: numbered(sql), values: params, types });
  const rows = async <T>(sql: string, ...params: Param[]) => (await query<T>(sql, params)).rows;
  const run = async (sql: string, ...params: Param[]) => (await query(sql, params)).rowCount ?? 0;
  const getJob = async (jobId: string, on: Queryable = pool) =>
    (await query<JobRow>(text.getJob, [jobId], on)).rows[0];

  const writeCalls = async (rows: CallRow[], on: Queryable) => {
    for (const row of rows) await query(text.recordCall, recordCallParams(row), on);
  };

  async function insertItems(on: Queryable, jobId: string, items: NewItem[], now: number) {
    for (let start = 0; start < items.length; start += INSERT_CHUNK) {
      const chunk = items.slice(start, start + INSERT_CHUNK);
      await query(
        `INSERT INTO job_items (job_id, position, key, item, state)
         SELECT ?, position, key, item, 'pending'
         FROM unnest(CAST(? AS INTEGER[]), CAST(? AS TEXT[]), CAST(? AS TEXT[])) AS t (position, key, item)`,
        [
          jobId,
          chunk.map((_, index) => start + index),
          chunk.map((item) => item.key),
          chunk.map((item) => item.item),
        ],
        on,
      );
    }
    await query(text.markEnumerated, [items.length, now, jobId], on);
  }

  return {
    async createJob(job, items) {
      try {
        await withTransaction(pool, async (client) => {
          await query(text.insertJob, insertJobParams(job), client);
          if (items) await insertItems(client, job.id, items, job.now);
        });
      } catch (error) {
        if ((error as { code?: string }).code === UNIQUE_VIOLATION && !(await notOurs(job.id))) {
          throw new JobsError('JOB_EXISTS', `a job "${job.id}" exists already; choose another id`);
        }
        throw error;
      }
    },
    async saveItems(jobId, items, now, calls) {
      await withTransaction(pool, async (client) => {
        // The job row locked: two instances saving one snapshot queue, and the second sees it made.
        const job = (await query<JobRow>(`${text.getJob} FOR UPDATE`, [jobId], client)).rows[0];
        if (!job || job.enumerated) return;
        await insertItems(client, jobId, items, now);
        if (calls) await query(text.addCalls, addCallsParams(jobId, calls, now), client);
      });
    },
    getJob: (jobId) => getJob(jobId),
    listJobs({ limit, state, client }) {
      const s = state ?? null;
      const c = client ?? null;
      return rows<JobRow>(text.listJobs, s, s, c, c, limit);
    },
    activeJobs: (limit) => rows<JobRow>(text.activeJobs, limit),
    async updateJob(jobId, update, now) {
      const statement = updateJobSql(update, now, jobId);
      if (statement) await run(statement.sql, ...statement.params);
    },
    async transitionJob(jobId, from, update, now) {
      const statement = updateJobSql(update, now, jobId, from)!;
      return (await run(statement.sql, ...statement.params)) === 1;
    },
    takeOwnership: async (jobId, owner, expected, now) =>
      (await run(text.takeOwnership, owner, now, now, jobId, expected)) === 1,
    heartbeat: async (jobId, owner, now) => (await run(text.heartbeat, now, jobId, owner)) === 1,
    async releaseOwnership(jobId, owner, now) {
      await run(text.releaseOwnership, now, jobId, owner);
    },
    counts: async (jobId) =>
      countsOf(await rows<{ state: ItemRow['state']; n: number }>(text.counts, jobId)),
    requeueRunning: (jobId, owner) => run(text.requeueRunning, jobId, owner ?? null, owner ?? null),
    leaseOwners: async (jobId) =>
      (await rows<{ lease_owner: string }>(text.leaseOwners, jobId)).map((row) => row.lease_owner),
    async claimItems(jobId, lease, limit, now) {
      const claimed = await rows<ItemClaim>(
        text.claimItems,
        lease.owner,
        lease.until,
        now,
        jobId,
        now,
        limit,
      );
      return claimed.sort((a, b) => a.position - b.position);
    },
    renewLeases: (jobId, lease) =>
      rows<HeldLease>(text.renewLeases, lease.until, jobId, lease.owner),
    retryItem: async (jobId, position, attempt) =>
      (await run(text.retryItem, jobId, position, attempt)) === 1 ? attempt + 1 : undefined,
    finishItem(jobId, position, attempt, outcome) {
      return withTransaction(pool, async (client) => {
        const changed = await query(
          text.finishItem,
          finishItemParams(jobId, position, attempt, outcome),
          client,
        );
        if (changed.rowCount !== 1) return false;
        // The item row is locked by the update: its last ledger rows go in under the same fence.
        await writeCalls(outcome.ledger ?? [], client);
        await query(text.addCalls, addCallsParams(jobId, outcome.calls, outcome.now), client);
        return true;
      });
    },
    releaseItem: async (jobId, position, attempt) =>
      (await run(text.releaseItem, jobId, position, attempt)) === 1,
    skipPending: (jobId, now) => run(text.skipPending, now, jobId),
    items(jobId, { state, offset, limit }) {
      const s = state ?? null;
      return rows<ItemRow>(text.items, jobId, s, s, limit, offset);
    },
    itemCalls: (jobId, position) => rows<CallRow>(text.itemCalls, jobId, position),
    async recordCalls(calls) {
      if (calls.length === 0) return true;
      const { job_id, position, attempt } = attemptOf(calls);
      return withTransaction(pool, async (client) => {
        const fence = await query(text.fence, [job_id, position, attempt], client);
        if (fence.rowCount !== 1) return false;
        await writeCalls(calls, client);
        return true;
      });
    },
    async close() {
      // The pool is the workbench's: it closes it.
    },
  };

  /** A unique violation on createJob is JOB_EXISTS when a job with that id is there. */
  async function notOurs(jobId: string): Promise<boolean> {
    return (await getJob(jobId)) === undefined;
  }
}
