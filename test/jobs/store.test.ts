/**
 * The jobs store's behaviour, one suite run against both implementations: SQLite (a file, two
 * connections) and a real PostgreSQL (two pools). The snapshot, leased claims and their attempt
 * fence, the heartbeat, the ledger, ownership.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openRunsDatabase } from '../../src/runs/store/database.ts';
import { JobsError } from '../../src/jobs/errors.ts';
import type { CallRow, JobsStore, Lease } from '../../src/jobs/store/jobs-store.ts';
import { createPostgresJobsStore } from '../../src/jobs/store/postgres-jobs-store.ts';
import { createSqliteJobsStore } from '../../src/jobs/store/sqlite-jobs-store.ts';
import { createPostgresPool } from '../../src/storage/postgres/pool.ts';
import { createTestDatabase, dropTestDatabase } from '../support/postgres.ts';

const NO_CALLS = { total: 0, reads: 0, writes: 0, retries: 0, failed: 0 };
const A: Lease = { owner: 'host:1:a', until: 100 };
const B: Lease = { owner: 'host:2:b', until: 1_000 };

/** A fresh, empty database; `connect()` opens one more store on it (another process's view). */
interface Backend {
  connect(): Promise<JobsStore>;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const backends: Record<string, () => Promise<Backend>> = {
  async sqlite() {
    const dir = mkdtempSync(path.join(tmpdir(), 'cw-jobs-store-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'jobs.sqlite');
    return {
      async connect() {
        const store = createSqliteJobsStore(openRunsDatabase(file));
        cleanups.push(() => store.close());
        return store;
      },
    };
  },
  async postgres() {
    const url = await createTestDatabase('jobs_store');
    cleanups.push(() => dropTestDatabase(url));
    return {
      async connect() {
        const pool = createPostgresPool(url, { max: 4 });
        cleanups.push(() => pool.end());
        return createPostgresJobsStore(pool);
      },
    };
  },
};

async function withJob(store: JobsStore, keys = ['a', 'b', 'c'], id = 'j1'): Promise<JobsStore> {
  await store.createJob(
    { id, code: 'export default async function () {}', options: '{}', state: 'running', now: 1 },
    keys.map((key) => ({ key, item: JSON.stringify({ id: key }) })),
  );
  return store;
}

function call(attempt: number, idx = 0): CallRow {
  return {
    job_id: 'j1',
    position: 0,
    idx,
    attempt,
    operation: 'pages.update',
    kind: 'write',
    args: '{"id":"1"}',
    target: 'page 1',
    expected: '{"version":2}',
    status: 'intent',
    record: null,
    created_at: 5,
    settled_at: null,
  };
}

const outcome = {
  state: 'done' as const,
  writes: '[]',
  calls: { ...NO_CALLS, total: 3, reads: 1, writes: 2 },
  now: 20,
};

describe.each(Object.keys(backends))('jobs store on %s', (name) => {
  const open = async () => {
    const backend = await backends[name]!();
    return { backend, store: await backend.connect() };
  };

  it('createJob: the snapshot is stored with the job, in order, and an existing id is refused', async () => {
    const { store } = await open();
    await withJob(store);
    expect(await store.getJob('j1')).toMatchObject({ total: 3, enumerated: 1, state: 'running' });
    expect(await store.counts('j1')).toEqual({
      total: 3,
      pending: 3,
      running: 0,
      done: 0,
      failed: 0,
      skipped: 0,
    });
    const keys = (await store.items('j1', { offset: 0, limit: 10 })).map((row) => row.key);
    expect(keys).toEqual(['a', 'b', 'c']);
    await expect(
      store.createJob({ id: 'j1', code: 'x', options: '{}', state: 'running', now: 2 }),
    ).rejects.toThrow(JobsError);
  });

  it('saveItems: an enumerated snapshot is made once; a second one changes nothing', async () => {
    const { store } = await open();
    await store.createJob({ id: 'j2', code: 'x', options: '{}', state: 'enumerating', now: 1 });
    const spent = { ...NO_CALLS, total: 2, reads: 2 };
    await store.saveItems('j2', [{ key: 'x', item: '1' }], 2, spent);
    await store.saveItems(
      'j2',
      [
        { key: 'y', item: '2' },
        { key: 'z', item: '3' },
      ],
      3,
      spent,
    );
    expect((await store.counts('j2')).total).toBe(1);
    expect(await store.getJob('j2')).toMatchObject({ total: 1, enumerated: 1, calls_reads: 2 });
  });

  it('claimItems: pending items in order, each once, with the next attempt number and the lease', async () => {
    const { store } = await withJob((await open()).store).then((store) => ({ store }));
    const first = await store.claimItems('j1', A, 2, 10);
    expect(first).toMatchObject([
      { position: 0, key: 'a', attempt: 1, failures: 0 },
      { position: 1, key: 'b', attempt: 1 },
    ]);
    expect(await store.claimItems('j1', B, 5, 11)).toMatchObject([{ position: 2, key: 'c' }]);
    expect(await store.claimItems('j1', B, 5, 12)).toEqual([]);
    const [row] = await store.items('j1', { offset: 0, limit: 1 });
    expect(row).toMatchObject({ state: 'running', lease_owner: A.owner, lease_until: A.until });
    expect(await store.leaseOwners('j1')).toEqual(expect.arrayContaining([A.owner, B.owner]));
  });

  it('two claimers on two connections never get the same item', async () => {
    const { backend, store } = await open();
    const keys = Array.from({ length: 120 }, (_, index) => `k${index}`);
    await withJob(store, keys);
    const other = await backend.connect();
    const taken: number[][] = [[], []];
    const claimer = async (claims: JobsStore, lease: Lease, into: number[]) => {
      for (;;) {
        const claimed = await claims.claimItems('j1', lease, 7, 10);
        if (claimed.length === 0) return;
        into.push(...claimed.map((claim) => claim.position));
      }
    };
    await Promise.all([claimer(store, A, taken[0]!), claimer(other, B, taken[1]!)]);
    const all = [...taken[0]!, ...taken[1]!].sort((a, b) => a - b);
    expect(all).toEqual(keys.map((_, index) => index));
    expect((await store.counts('j1')).running).toBe(keys.length);
  });

  it('an expired lease is claimable by another owner, with the next attempt', async () => {
    const { store } = await open();
    await withJob(store, ['a']);
    await store.claimItems('j1', A, 1, 10);
    expect(await store.claimItems('j1', B, 1, A.until - 1)).toEqual([]);
    expect(await store.claimItems('j1', B, 1, A.until + 1)).toMatchObject([
      { position: 0, attempt: 2 },
    ]);
    const [row] = await store.items('j1', { offset: 0, limit: 1 });
    expect(row).toMatchObject({ lease_owner: B.owner, lease_until: B.until, attempt: 2 });
  });

  it('the heartbeat keeps a lease: renewed, it is not claimable until the new end', async () => {
    const { store } = await open();
    await withJob(store, ['a', 'b']);
    await store.claimItems('j1', A, 1, 10);
    await store.claimItems('j1', B, 1, 10);
    expect(await store.renewLeases('j1', { owner: A.owner, until: 500 })).toEqual([
      { position: 0, attempt: 1 },
    ]);
    expect(await store.claimItems('j1', B, 5, 400)).toEqual([]);
    expect(await store.claimItems('j1', B, 5, 501)).toMatchObject([{ position: 0, attempt: 2 }]);
    // A's lease is gone: its heartbeat renews nothing, and says so (A's attempt may not send).
    expect(await store.renewLeases('j1', { owner: A.owner, until: 900 })).toEqual([]);
  });

  it('a fenced (stale) attempt changes nothing: no finish, no ledger row, no release, no retry', async () => {
    const { store } = await open();
    await withJob(store, ['a']);
    await store.claimItems('j1', A, 1, 10);
    expect(await store.recordCalls([call(1)])).toBe(true);
    await store.claimItems('j1', B, 1, A.until + 1); // A's lease ran out: B has attempt 2
    expect(await store.recordCalls([{ ...call(1), status: 'ok', record: '{}' }])).toBe(false);
    expect(await store.recordCalls([{ ...call(1, 1), status: 'intent' }])).toBe(false);
    const staleLedger = [{ ...call(1, 1), status: 'ok' as const, record: '{}' }];
    expect(await store.finishItem('j1', 0, 1, { ...outcome, ledger: staleLedger })).toBe(false);
    expect(await store.releaseItem('j1', 0, 1)).toBe(false);
    expect(await store.retryItem('j1', 0, 1)).toBeUndefined();
    expect(await store.itemCalls('j1', 0)).toMatchObject([
      { idx: 0, attempt: 1, status: 'intent' },
    ]);
    expect(await store.getJob('j1')).toMatchObject({ calls_total: 0 });
    expect(await store.items('j1', { offset: 0, limit: 1 })).toMatchObject([
      { state: 'running', attempt: 2, lease_owner: B.owner },
    ]);
    // The current attempt writes, and finishes once; the job gains its call figures once.
    expect(await store.recordCalls([{ ...call(2), status: 'ok', record: '{}' }])).toBe(true);
    expect(await store.itemCalls('j1', 0)).toMatchObject([{ attempt: 2, status: 'ok' }]);
    const lastRead = { ...call(2, 1), kind: 'read' as const, status: 'ok' as const, record: '{}' };
    expect(await store.finishItem('j1', 0, 2, { ...outcome, ledger: [lastRead] })).toBe(true);
    expect(await store.finishItem('j1', 0, 2, outcome)).toBe(false);
    expect(await store.itemCalls('j1', 0)).toMatchObject([
      { idx: 0, attempt: 2 },
      { idx: 1, attempt: 2, kind: 'read' },
    ]);
    expect(await store.getJob('j1')).toMatchObject({
      calls_total: 3,
      calls_reads: 1,
      calls_writes: 2,
    });
    expect(await store.items('j1', { offset: 0, limit: 1 })).toMatchObject([
      { state: 'done', lease_owner: null, lease_until: null },
    ]);
  });

  it('recordCalls: a batch (a settle and the next intent) is written whole, or not at all when stale', async () => {
    const { store } = await open();
    await withJob(store);
    await store.claimItems('j1', A, 1, 10);
    const batch = [{ ...call(1, 0), status: 'ok' as const, record: '{}' }, call(1, 1)];
    expect(await store.recordCalls(batch)).toBe(true);
    expect(await store.itemCalls('j1', 0)).toMatchObject([
      { idx: 0, status: 'ok' },
      { idx: 1, status: 'intent' },
    ]);
    await store.releaseItem('j1', 0, 1);
    await store.claimItems('j1', B, 1, 11);
    expect(await store.recordCalls([call(1, 1), call(1, 2)])).toBe(false);
    expect(await store.itemCalls('j1', 0)).toHaveLength(2);
    await expect(store.recordCalls([call(2, 2), { ...call(2, 3), position: 1 }])).rejects.toThrow(
      /one item attempt/,
    );
  });

  it('retryItem and releaseItem: the fence moves on a retry; a released item is claimed again', async () => {
    const { store } = await open();
    await withJob(store);
    await store.claimItems('j1', A, 1, 10);
    expect(await store.retryItem('j1', 0, 1)).toBe(2);
    expect(await store.retryItem('j1', 0, 1)).toBeUndefined();
    expect(await store.releaseItem('j1', 0, 2)).toBe(true);
    expect(await store.claimItems('j1', B, 1, 12)).toMatchObject([
      { position: 0, attempt: 3, failures: 1 },
    ]);
  });

  it('requeueRunning: one dead owner’s items go back to pending, or every one; skipPending skips them', async () => {
    const { store } = await open();
    await withJob(store);
    await store.claimItems('j1', A, 1, 10);
    await store.claimItems('j1', B, 1, 10);
    expect(await store.requeueRunning('j1', A.owner)).toBe(1);
    expect(await store.leaseOwners('j1')).toEqual([B.owner]);
    expect(await store.requeueRunning('j1')).toBe(1);
    expect(await store.skipPending('j1', 30)).toBe(3);
    expect(await store.counts('j1')).toMatchObject({ skipped: 3, pending: 0, running: 0 });
  });

  it('takeOwnership: compare-and-set on the owner; a heartbeat of a non-owner fails', async () => {
    const { store } = await open();
    await withJob(store);
    expect(await store.takeOwnership('j1', 'host:1:a', null, 1)).toBe(true);
    expect(await store.takeOwnership('j1', 'host:2:b', null, 2)).toBe(false);
    expect(await store.heartbeat('j1', 'host:2:b', 3)).toBe(false);
    expect(await store.takeOwnership('j1', 'host:2:b', 'host:1:a', 4)).toBe(true);
    expect(await store.heartbeat('j1', 'host:1:a', 5)).toBe(false);
    await store.releaseOwnership('j1', 'host:2:b', 6);
    expect(await store.getJob('j1')).toMatchObject({ owner: null, heartbeat_at: null });
  });

  it('transitionJob: the state moves only from the states given', async () => {
    const { store } = await open();
    await withJob(store);
    expect(await store.transitionJob('j1', ['pausing'], { state: 'paused' }, 5)).toBe(false);
    expect(await store.transitionJob('j1', ['running'], { state: 'done', finished_at: 6 }, 6)).toBe(
      true,
    );
    expect(await store.getJob('j1')).toMatchObject({
      state: 'done',
      finished_at: 6,
      updated_at: 6,
    });
  });

  it('listJobs and activeJobs: newest first, filtered by state and by client; active ones oldest first', async () => {
    const { store } = await open();
    await store.createJob({
      id: 'old',
      code: 'x',
      options: '{}',
      state: 'done',
      now: 1,
      client: 'ops',
    });
    await store.createJob({ id: 'new', code: 'x', options: '{}', state: 'paused', now: 2 });
    await store.createJob({ id: 'live', code: 'x', options: '{}', state: 'running', now: 3 });
    await store.createJob({ id: 'live2', code: 'x', options: '{}', state: 'enumerating', now: 4 });
    const ids = async (rows: Promise<{ id: string }[]>) => (await rows).map((row) => row.id);
    expect(await ids(store.listJobs({ limit: 10 }))).toEqual(['live2', 'live', 'new', 'old']);
    expect(await ids(store.listJobs({ limit: 10, state: 'done' }))).toEqual(['old']);
    expect(await ids(store.listJobs({ limit: 10, client: 'ops' }))).toEqual(['old']);
    expect(await ids(store.activeJobs(10))).toEqual(['live', 'live2']);
  });

  it('a large snapshot is saved whole and numbered in order', async () => {
    const { store } = await open();
    const keys = Array.from({ length: 12_000 }, (_, index) => `p${index}`);
    await withJob(store, keys);
    expect((await store.counts('j1')).pending).toBe(keys.length);
    const tail = await store.items('j1', { offset: 11_998, limit: 5 });
    expect(tail.map((row) => [row.position, row.key])).toEqual([
      [11_998, 'p11998'],
      [11_999, 'p11999'],
    ]);
  });
});

describe('jobs store on sqlite: a file made before leases', () => {
  it('gains the lease columns at open, and its items stay claimable', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cw-jobs-old-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'jobs.sqlite');
    const old = openRunsDatabase(file);
    old.exec(`CREATE TABLE jobs (id TEXT PRIMARY KEY, client TEXT, source TEXT, file TEXT,
      code TEXT NOT NULL, params TEXT, options TEXT NOT NULL, state TEXT NOT NULL, requested TEXT,
      reason TEXT, total INTEGER NOT NULL DEFAULT 0, enumerated INTEGER NOT NULL DEFAULT 0,
      calls_total INTEGER NOT NULL DEFAULT 0, calls_reads INTEGER NOT NULL DEFAULT 0,
      calls_writes INTEGER NOT NULL DEFAULT 0, calls_retries INTEGER NOT NULL DEFAULT 0,
      calls_failed INTEGER NOT NULL DEFAULT 0, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,
      finished_at BIGINT, active_ms BIGINT NOT NULL DEFAULT 0, owner TEXT, heartbeat_at BIGINT,
      rate_limited_until BIGINT, rate_limited_reason TEXT);
    CREATE TABLE job_items (job_id TEXT NOT NULL, position INTEGER NOT NULL, key TEXT NOT NULL,
      item TEXT NOT NULL, state TEXT NOT NULL, attempt INTEGER NOT NULL DEFAULT 0,
      failures INTEGER NOT NULL DEFAULT 0, error TEXT, output TEXT, writes TEXT, calls TEXT,
      started_at BIGINT, finished_at BIGINT, PRIMARY KEY (job_id, position));
    INSERT INTO jobs (id, code, options, state, total, enumerated, created_at, updated_at)
      VALUES ('old', 'x', '{}', 'running', 1, 1, 1, 1);
    INSERT INTO job_items (job_id, position, key, item, state, attempt)
      VALUES ('old', 0, 'a', '{}', 'running', 1);`);
    old.close();
    const store = createSqliteJobsStore(openRunsDatabase(file));
    cleanups.push(() => store.close());
    // Left running by a build without leases: no lease, so claimable at once.
    expect(await store.claimItems('old', A, 5, 10)).toMatchObject([{ position: 0, attempt: 2 }]);
  });
});
