/**
 * The jobs store over `node:sqlite` (`jobs.sqlite` in WORKBENCH_DATA_DIR, WAL, so `job status` in
 * one process reads while `job start` writes in another). No SQL outside this file and the schema.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { CallSummary } from '../../confluence/types.ts';
import { transaction } from '../../runs/store/database.ts';
import { JobsError } from '../errors.ts';
import type { JobCounts, JobItemState } from '../types.ts';
import type { CallRow, ItemClaim, ItemRow, JobRow, JobsStore, NewItem } from './jobs-store.ts';
import { JOBS_SCHEMA } from './schema.ts';

/** The jobs database's file name inside WORKBENCH_DATA_DIR. */
export const JOBS_DATABASE_FILE = 'jobs.sqlite';

const UPDATABLE = [
  'state',
  'requested',
  'reason',
  'finished_at',
  'active_ms',
  'rate_limited_until',
  'rate_limited_reason',
] as const;

function statements(db: DatabaseSync) {
  const prepare = (sql: string): StatementSync => db.prepare(sql);
  return {
    insertJob: prepare(
      `INSERT INTO jobs (id, client, source, file, code, params, options, state, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertItem: prepare(
      `INSERT INTO job_items (job_id, position, key, item, state) VALUES (?, ?, ?, ?, 'pending')`,
    ),
    markEnumerated: prepare(
      `UPDATE jobs SET total = ?, enumerated = 1, updated_at = ? WHERE id = ? AND enumerated = 0`,
    ),
    getJob: prepare(`SELECT * FROM jobs WHERE id = ?`),
    listJobs: prepare(
      `SELECT * FROM jobs WHERE (? IS NULL OR state = ?) AND (? IS NULL OR client = ?)
       ORDER BY created_at DESC, id DESC LIMIT ?`,
    ),
    takeOwnership: prepare(
      `UPDATE jobs SET owner = ?, heartbeat_at = ?, updated_at = ? WHERE id = ? AND owner IS ?`,
    ),
    heartbeat: prepare(`UPDATE jobs SET heartbeat_at = ? WHERE id = ? AND owner = ?`),
    release: prepare(
      `UPDATE jobs SET owner = NULL, heartbeat_at = NULL, updated_at = ? WHERE id = ? AND owner = ?`,
    ),
    counts: prepare(`SELECT state, COUNT(*) AS n FROM job_items WHERE job_id = ? GROUP BY state`),
    requeueRunning: prepare(
      `UPDATE job_items SET state = 'pending' WHERE job_id = ? AND state = 'running'`,
    ),
    pending: prepare(
      `SELECT position FROM job_items WHERE job_id = ? AND state = 'pending' AND position > ?
       ORDER BY position LIMIT ?`,
    ),
    claim: prepare(
      `UPDATE job_items SET state = 'running', attempt = attempt + 1, started_at = COALESCE(started_at, ?)
       WHERE job_id = ? AND position = ? AND state = 'pending'
       RETURNING position, key, item, attempt, failures`,
    ),
    retry: prepare(
      `UPDATE job_items SET attempt = attempt + 1, failures = failures + 1
       WHERE job_id = ? AND position = ? AND attempt = ? AND state = 'running'`,
    ),
    finish: prepare(
      `UPDATE job_items SET state = ?, error = ?, output = ?, writes = ?, calls = ?, finished_at = ?
       WHERE job_id = ? AND position = ? AND attempt = ? AND state = 'running'`,
    ),
    addCalls: prepare(
      `UPDATE jobs SET calls_total = calls_total + ?, calls_reads = calls_reads + ?,
         calls_writes = calls_writes + ?, calls_retries = calls_retries + ?,
         calls_failed = calls_failed + ?, updated_at = ? WHERE id = ?`,
    ),
    release_item: prepare(
      `UPDATE job_items SET state = 'pending'
       WHERE job_id = ? AND position = ? AND attempt = ? AND state = 'running'`,
    ),
    skipPending: prepare(
      `UPDATE job_items SET state = 'skipped', finished_at = ? WHERE job_id = ? AND state = 'pending'`,
    ),
    items: prepare(
      `SELECT * FROM job_items WHERE job_id = ? AND (? IS NULL OR state = ?)
       ORDER BY position LIMIT ? OFFSET ?`,
    ),
    itemCalls: prepare(`SELECT * FROM job_calls WHERE job_id = ? AND position = ? ORDER BY idx`),
    // The ledger's fence: rows are written only while the item's current attempt is the writer's.
    fence: prepare(
      `SELECT 1 AS current FROM job_items
       WHERE job_id = ? AND position = ? AND attempt = ? AND state = 'running'`,
    ),
    recordCall: prepare(
      `INSERT INTO job_calls (job_id, position, idx, attempt, operation, kind, args, target,
         expected, status, record, created_at, settled_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (job_id, position, idx) DO UPDATE SET attempt = excluded.attempt,
         operation = excluded.operation, kind = excluded.kind, args = excluded.args,
         target = excluded.target, expected = excluded.expected, status = excluded.status,
         record = excluded.record, created_at = excluded.created_at, settled_at = excluded.settled_at`,
    ),
  };
}

/**
 * @example
 * const store = createSqliteJobsStore(openRunsDatabase(path.join(dataDir, JOBS_DATABASE_FILE)));
 */
export function createSqliteJobsStore(db: DatabaseSync): JobsStore {
  db.exec(JOBS_SCHEMA);
  const sql = statements(db);
  const { writeCall, addCalls } = writers(sql);
  const insertItems = (jobId: string, items: NewItem[]) => {
    items.forEach((item, position) => sql.insertItem.run(jobId, position, item.key, item.item));
  };
  return {
    createJob(job, items) {
      transaction(db, () => {
        if (sql.getJob.get(job.id)) {
          throw new JobsError('JOB_EXISTS', `a job "${job.id}" exists already; choose another id`);
        }
        sql.insertJob.run(
          job.id,
          job.client ?? null,
          job.source ?? null,
          job.file ?? null,
          job.code,
          job.params ?? null,
          job.options,
          job.state,
          job.now,
          job.now,
        );
        if (items) {
          insertItems(job.id, items);
          sql.markEnumerated.run(items.length, job.now, job.id);
        }
      });
    },
    saveItems(jobId, items, now, calls) {
      transaction(db, () => {
        const job = sql.getJob.get(jobId) as JobRow | undefined;
        if (!job || job.enumerated) return;
        insertItems(jobId, items);
        sql.markEnumerated.run(items.length, now, jobId);
        if (calls) addCalls(jobId, calls, now);
      });
    },
    getJob: (jobId) => sql.getJob.get(jobId) as JobRow | undefined,
    listJobs({ limit, state, client }) {
      const s = state ?? null;
      const c = client ?? null;
      return sql.listJobs.all(s, s, c, c, limit) as unknown as JobRow[];
    },
    updateJob(jobId, update, now) {
      const names = UPDATABLE.filter((name) => name in update);
      if (names.length === 0) return;
      const assignments = [...names.map((name) => `${name} = ?`), 'updated_at = ?'].join(', ');
      // Column names come from the fixed list above, never from the caller.
      db.prepare(`UPDATE jobs SET ${assignments} WHERE id = ?`).run(
        ...names.map((name) => update[name] ?? null),
        now,
        jobId,
      );
    },
    takeOwnership: (jobId, owner, expected, now) =>
      Number(sql.takeOwnership.run(owner, now, now, jobId, expected).changes) === 1,
    heartbeat: (jobId, owner, now) => Number(sql.heartbeat.run(now, jobId, owner).changes) === 1,
    releaseOwnership(jobId, owner, now) {
      sql.release.run(now, jobId, owner);
    },
    counts(jobId) {
      const counts: JobCounts = {
        total: 0,
        pending: 0,
        running: 0,
        done: 0,
        failed: 0,
        skipped: 0,
      };
      for (const row of sql.counts.all(jobId) as { state: JobItemState; n: number }[]) {
        counts[row.state] = Number(row.n);
        counts.total += Number(row.n);
      }
      return counts;
    },
    requeueRunning: (jobId) => Number(sql.requeueRunning.run(jobId).changes),
    pendingPositions: (jobId, after, limit) =>
      (sql.pending.all(jobId, after, limit) as { position: number }[]).map((row) => row.position),
    claimItem: (jobId, position, now) =>
      sql.claim.get(now, jobId, position) as unknown as ItemClaim | undefined,
    retryItem(jobId, position, attempt) {
      if (Number(sql.retry.run(jobId, position, attempt).changes) !== 1) return undefined;
      return attempt + 1;
    },
    finishItem(jobId, position, attempt, outcome) {
      return transaction(db, () => {
        const changed = sql.finish.run(
          outcome.state,
          outcome.error ?? null,
          outcome.output ?? null,
          outcome.writes,
          JSON.stringify(outcome.calls),
          outcome.now,
          jobId,
          position,
          attempt,
        ).changes;
        if (Number(changed) !== 1) return false;
        // The item is finished now: its last rows are written under the same (checked) fence.
        for (const row of outcome.ledger ?? []) writeCall(row);
        addCalls(jobId, outcome.calls, outcome.now);
        return true;
      });
    },
    releaseItem: (jobId, position, attempt) =>
      Number(sql.release_item.run(jobId, position, attempt).changes) === 1,
    skipPending: (jobId, now) => Number(sql.skipPending.run(now, jobId).changes),
    items(jobId, { state, offset, limit }) {
      const s = state ?? null;
      return sql.items.all(jobId, s, s, limit, offset) as unknown as ItemRow[];
    },
    itemCalls: (jobId, position) => sql.itemCalls.all(jobId, position) as unknown as CallRow[],
    recordCalls(rows) {
      const first = rows[0];
      if (!first) return true;
      if (
        rows.some(
          (row) =>
            row.job_id !== first.job_id ||
            row.position !== first.position ||
            row.attempt !== first.attempt,
        )
      )
        throw new TypeError('recordCalls: every row must belong to one item attempt');
      return transaction(db, () => {
        const fenced = sql.fence.get(first.job_id, first.position, first.attempt);
        if (!fenced) return false;
        rows.forEach(writeCall);
        return true;
      });
    },
    close() {
      db.close();
    },
  };
}

/** The statements' helpers the store methods share: one ledger row, the job's call figures. */
function writers(sql: ReturnType<typeof statements>) {
  return {
    writeCall(row: CallRow) {
      sql.recordCall.run(
        row.job_id,
        row.position,
        row.idx,
        row.attempt,
        row.operation,
        row.kind,
        row.args,
        row.target,
        row.expected,
        row.status,
        row.record,
        row.created_at,
        row.settled_at,
      );
    },
    addCalls(jobId: string, calls: CallSummary, now: number) {
      const { total, reads, writes, retries, failed } = calls;
      sql.addCalls.run(total, reads, writes, retries, failed, now, jobId);
    },
  };
}
