/**
 * The SQL of the jobs store, once for both backends: SQLite runs it as written (`?` parameters),
 * PostgreSQL after {@link numbered} turns each `?` into `$1`, `$2`, …. Where the two differ, the
 * difference is one clause, named here: PostgreSQL's row locks (`FOR UPDATE SKIP LOCKED` on a
 * claim, `FOR SHARE` on the attempt fence). SQLite has one writer at a time, which gives the same
 * guarantees without them. `CAST(? AS TEXT)` types a parameter that PostgreSQL could not infer.
 */
import type { JobUpdate } from './jobs-store.ts';

export type Dialect = 'sqlite' | 'postgres';

/** The job columns {@link updateJobSql} may set (never a caller's name). */
export const UPDATABLE_JOB_COLUMNS = [
  'state',
  'requested',
  'reason',
  'finished_at',
  'active_ms',
  'rate_limited_until',
  'rate_limited_reason',
] as const;

/**
 * `?` → `$n`, for PostgreSQL (the statements here hold no `?` inside a string).
 *
 * @example
 * numbered('SELECT * FROM jobs WHERE id = ? AND state = ?'); // '… id = $1 AND state = $2'
 */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** The statements, for one dialect. */
export function jobsSql(dialect: Dialect) {
  const postgres = dialect === 'postgres';
  const skipLocked = postgres ? 'FOR UPDATE SKIP LOCKED' : '';
  const share = postgres ? 'FOR SHARE' : '';
  // The attempt fence: the item is running, and the writer's attempt is its current one.
  const fenced = `job_id = ? AND position = ? AND attempt = ? AND state = 'running'`;
  return {
    insertJob: `INSERT INTO jobs (id, client, source, file, code, params, options, state, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    markEnumerated: `UPDATE jobs SET total = ?, enumerated = 1, updated_at = ? WHERE id = ? AND enumerated = 0`,
    getJob: `SELECT * FROM jobs WHERE id = ?`,
    listJobs: `SELECT * FROM jobs
       WHERE (CAST(? AS TEXT) IS NULL OR state = ?) AND (CAST(? AS TEXT) IS NULL OR client = ?)
       ORDER BY created_at DESC, id DESC LIMIT ?`,
    activeJobs: `SELECT * FROM jobs WHERE state IN ('enumerating', 'running', 'pausing')
       ORDER BY created_at, id LIMIT ?`,
    takeOwnership: `UPDATE jobs SET owner = ?, heartbeat_at = ?, updated_at = ?
       WHERE id = ? AND owner IS NOT DISTINCT FROM CAST(? AS TEXT)`,
    heartbeat: `UPDATE jobs SET heartbeat_at = ? WHERE id = ? AND owner = ?`,
    releaseOwnership: `UPDATE jobs SET owner = NULL, heartbeat_at = NULL, updated_at = ? WHERE id = ? AND owner = ?`,
    counts: `SELECT state, COUNT(*) AS n FROM job_items WHERE job_id = ? GROUP BY state`,
    requeueRunning: `UPDATE job_items SET state = 'pending', lease_owner = NULL, lease_until = NULL
       WHERE job_id = ? AND state = 'running' AND (CAST(? AS TEXT) IS NULL OR lease_owner = ?)`,
    leaseOwners: `SELECT DISTINCT lease_owner FROM job_items
       WHERE job_id = ? AND state = 'running' AND lease_owner IS NOT NULL`,
    // Claimable: pending, or running under a lease that ended (a row from before leases has none).
    claimItems: `UPDATE job_items SET state = 'running', attempt = attempt + 1, lease_owner = ?,
         lease_until = ?, started_at = COALESCE(started_at, ?)
       WHERE (job_id, position) IN (
         SELECT job_id, position FROM job_items
         WHERE job_id = ? AND (state = 'pending'
           OR (state = 'running' AND (lease_until IS NULL OR lease_until < ?)))
         ORDER BY position LIMIT ? ${skipLocked})
       RETURNING position, key, item, attempt, failures`,
    renewLeases: `UPDATE job_items SET lease_until = ?
       WHERE job_id = ? AND state = 'running' AND lease_owner = ?
       RETURNING position, attempt`,
    retryItem: `UPDATE job_items SET attempt = attempt + 1, failures = failures + 1 WHERE ${fenced}`,
    finishItem: `UPDATE job_items SET state = ?, error = ?, output = ?, writes = ?, calls = ?,
         finished_at = ?, lease_owner = NULL, lease_until = NULL
       WHERE ${fenced}`,
    addCalls: `UPDATE jobs SET calls_total = calls_total + ?, calls_reads = calls_reads + ?,
         calls_writes = calls_writes + ?, calls_retries = calls_retries + ?,
         calls_failed = calls_failed + ?, updated_at = ? WHERE id = ?`,
    releaseItem: `UPDATE job_items SET state = 'pending', lease_owner = NULL, lease_until = NULL
       WHERE ${fenced}`,
    skipPending: `UPDATE job_items SET state = 'skipped', finished_at = ? WHERE job_id = ? AND state = 'pending'`,
    items: `SELECT * FROM job_items WHERE job_id = ? AND (CAST(? AS TEXT) IS NULL OR state = ?)
       ORDER BY position LIMIT ? OFFSET ?`,
    itemCalls: `SELECT * FROM job_calls WHERE job_id = ? AND position = ? ORDER BY idx`,
    // The ledger's fence: rows are written only while the item's current attempt is the
    // writer's. On PostgreSQL the item row is share-locked until the rows are written, so a claim
    // that bumps the attempt waits for them (and then reads them back from the ledger), or the
    // fence sees the claim and nothing is written.
    fence: `SELECT 1 AS current FROM job_items WHERE ${fenced} ${share}`,
    recordCall: `INSERT INTO job_calls (job_id, position, idx, attempt, operation, kind, args, target,
         expected, status, record, created_at, settled_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (job_id, position, idx) DO UPDATE SET attempt = excluded.attempt,
         operation = excluded.operation, kind = excluded.kind, args = excluded.args,
         target = excluded.target, expected = excluded.expected, status = excluded.status,
         record = excluded.record, created_at = excluded.created_at, settled_at = excluded.settled_at`,
  };
}

/**
 * An UPDATE of the job's columns named in `update` (from {@link UPDATABLE_JOB_COLUMNS} only) and
 * its parameters; with `from`, only while the job's state is one of them. `undefined` when the
 * update names no column.
 *
 * @example
 * updateJobSql({ state: 'paused' }, 5, 'j1', ['pausing']);
 * // { sql: 'UPDATE jobs SET state = ?, updated_at = ? WHERE id = ? AND state IN (?)', params: ['paused', 5, 'j1', 'pausing'] }
 */
export function updateJobSql(
  update: JobUpdate,
  now: number,
  jobId: string,
  from?: readonly string[],
): { sql: string; params: (string | number | null)[] } | undefined {
  const names = UPDATABLE_JOB_COLUMNS.filter((name) => name in update);
  if (names.length === 0 && !from) return undefined;
  const assignments = [...names.map((name) => `${name} = ?`), 'updated_at = ?'].join(', ');
  const guard = from ? ` AND state IN (${from.map(() => '?').join(', ')})` : '';
  return {
    sql: `UPDATE jobs SET ${assignments} WHERE id = ?${guard}`,
    params: [...names.map((name) => update[name] ?? null), now, jobId, ...(from ?? [])],
  };
}
