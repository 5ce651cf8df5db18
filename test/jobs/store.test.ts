/** The SQLite jobs store: the snapshot, claims and their attempt fence, the ledger, ownership. */
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { JobsError } from '../../src/jobs/errors.ts';
import type { CallRow, JobsStore } from '../../src/jobs/store/jobs-store.ts';
import { createSqliteJobsStore } from '../../src/jobs/store/sqlite-jobs-store.ts';

const NO_CALLS = { total: 0, reads: 0, writes: 0, retries: 0, failed: 0 };

function storeWithJob(items = ['a', 'b', 'c']): JobsStore {
  const store = createSqliteJobsStore(new DatabaseSync(':memory:'));
  store.createJob(
    {
      id: 'j1',
      code: 'export default async function () {}',
      options: '{}',
      state: 'running',
      now: 1,
    },
    items.map((key) => ({ key, item: JSON.stringify({ id: key }) })),
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

describe('jobs store', () => {
  it('createJob: the snapshot is stored with the job, in order, and an existing id is refused', () => {
    const store = storeWithJob();
    expect(store.getJob('j1')).toMatchObject({ total: 3, enumerated: 1, state: 'running' });
    expect(store.counts('j1')).toEqual({
      total: 3,
      pending: 3,
      running: 0,
      done: 0,
      failed: 0,
      skipped: 0,
    });
    expect(store.items('j1', { offset: 0, limit: 10 }).map((row) => row.key)).toEqual([
      'a',
      'b',
      'c',
    ]);
    expect(() =>
      store.createJob({ id: 'j1', code: 'x', options: '{}', state: 'running', now: 2 }),
    ).toThrow(JobsError);
  });

  it('saveItems: an enumerated snapshot is made once; a second one changes nothing', () => {
    const store = createSqliteJobsStore(new DatabaseSync(':memory:'));
    store.createJob({ id: 'j2', code: 'x', options: '{}', state: 'enumerating', now: 1 });
    store.saveItems('j2', [{ key: 'x', item: '1' }], 2);
    store.saveItems(
      'j2',
      [
        { key: 'y', item: '2' },
        { key: 'z', item: '3' },
      ],
      3,
    );
    expect(store.counts('j2').total).toBe(1);
  });

  it('saveItems: what items() spent on Confluence counts in the job’s call figures, once', () => {
    const store = createSqliteJobsStore(new DatabaseSync(':memory:'));
    store.createJob({ id: 'j3', code: 'x', options: '{}', state: 'enumerating', now: 1 });
    const spent = { ...NO_CALLS, total: 4, reads: 4, retries: 1 };
    store.saveItems('j3', [{ key: 'x', item: '1' }], 2, spent);
    store.saveItems('j3', [{ key: 'y', item: '2' }], 3, spent);
    expect(store.getJob('j3')).toMatchObject({ calls_total: 4, calls_reads: 4, calls_retries: 1 });
  });

  it('claimItem: a pending item is claimed once, with the next attempt number', () => {
    const store = storeWithJob();
    expect(store.claimItem('j1', 0, 10)).toMatchObject({ key: 'a', attempt: 1, failures: 0 });
    expect(store.claimItem('j1', 0, 11)).toBeUndefined();
    expect(store.retryItem('j1', 0, 1)).toBe(2);
    expect(store.retryItem('j1', 0, 1)).toBeUndefined();
    expect(store.releaseItem('j1', 0, 2)).toBe(true);
    expect(store.claimItem('j1', 0, 12)).toMatchObject({ attempt: 3, failures: 1 });
  });

  it('recordCalls: a stale attempt cannot write the ledger, the current one can', () => {
    const store = storeWithJob();
    store.claimItem('j1', 0, 10);
    expect(store.recordCalls([call(1)])).toBe(true);
    store.releaseItem('j1', 0, 1);
    store.claimItem('j1', 0, 11);
    expect(store.recordCalls([{ ...call(1), status: 'ok' }])).toBe(false);
    expect(store.itemCalls('j1', 0)).toMatchObject([{ attempt: 1, status: 'intent' }]);
    expect(store.recordCalls([{ ...call(2), status: 'ok', record: '{}' }])).toBe(true);
    expect(store.itemCalls('j1', 0)).toMatchObject([{ attempt: 2, status: 'ok' }]);
  });

  it('recordCalls: a batch (a settle and the next intent) is written whole, or not at all when stale', () => {
    const store = storeWithJob();
    store.claimItem('j1', 0, 10);
    const batch = [{ ...call(1, 0), status: 'ok' as const, record: '{}' }, call(1, 1)];
    expect(store.recordCalls(batch)).toBe(true);
    expect(store.itemCalls('j1', 0)).toMatchObject([
      { idx: 0, status: 'ok' },
      { idx: 1, status: 'intent' },
    ]);
    store.releaseItem('j1', 0, 1);
    store.claimItem('j1', 0, 11);
    expect(store.recordCalls([call(1, 1), call(1, 2)])).toBe(false);
    expect(store.itemCalls('j1', 0)).toHaveLength(2);
    expect(() => store.recordCalls([call(2, 2), { ...call(2, 3), position: 1 }])).toThrow(
      /one item attempt/,
    );
  });

  it('finishItem: fenced; the job gains the item call figures once', () => {
    const store = storeWithJob();
    store.claimItem('j1', 0, 10);
    const outcome = {
      state: 'done' as const,
      writes: '[]',
      calls: { ...NO_CALLS, total: 3, reads: 1, writes: 2 },
      now: 20,
    };
    expect(store.finishItem('j1', 0, 2, outcome)).toBe(false);
    expect(store.finishItem('j1', 0, 1, outcome)).toBe(true);
    expect(store.finishItem('j1', 0, 1, outcome)).toBe(false);
    expect(store.getJob('j1')).toMatchObject({ calls_total: 3, calls_reads: 1, calls_writes: 2 });
    expect(store.counts('j1')).toMatchObject({ done: 1, pending: 2 });
  });

  it('finishItem: the attempt’s last ledger rows are written with the finish, and only then', () => {
    const store = storeWithJob();
    store.claimItem('j1', 0, 10);
    const settled = { ...call(1, 0), status: 'ok' as const, record: '{"response":1}' };
    const outcome = { state: 'done' as const, writes: '[]', calls: NO_CALLS, now: 20 };
    expect(store.finishItem('j1', 0, 2, { ...outcome, ledger: [{ ...settled, attempt: 2 }] })).toBe(
      false,
    );
    expect(store.itemCalls('j1', 0)).toEqual([]);
    expect(store.finishItem('j1', 0, 1, { ...outcome, ledger: [settled] })).toBe(true);
    expect(store.itemCalls('j1', 0)).toMatchObject([{ idx: 0, attempt: 1, status: 'ok' }]);
  });

  it('requeueRunning and skipPending: a dead owner’s items go back to pending; a cancel skips them', () => {
    const store = storeWithJob();
    store.claimItem('j1', 1, 10);
    expect(store.requeueRunning('j1')).toBe(1);
    expect(store.skipPending('j1', 30)).toBe(3);
    expect(store.counts('j1')).toMatchObject({ skipped: 3, pending: 0, running: 0 });
  });

  it('takeOwnership: compare-and-set on the owner; a heartbeat of a non-owner fails', () => {
    const store = storeWithJob();
    expect(store.takeOwnership('j1', 'host:1:a', null, 1)).toBe(true);
    expect(store.takeOwnership('j1', 'host:2:b', null, 2)).toBe(false);
    expect(store.heartbeat('j1', 'host:2:b', 3)).toBe(false);
    expect(store.takeOwnership('j1', 'host:2:b', 'host:1:a', 4)).toBe(true);
    expect(store.heartbeat('j1', 'host:1:a', 5)).toBe(false);
    store.releaseOwnership('j1', 'host:2:b', 6);
    expect(store.getJob('j1')).toMatchObject({ owner: null, heartbeat_at: null });
  });

  it('listJobs: newest first, filtered by state and by client', () => {
    const store = createSqliteJobsStore(new DatabaseSync(':memory:'));
    store.createJob({ id: 'old', code: 'x', options: '{}', state: 'done', now: 1, client: 'ops' });
    store.createJob({ id: 'new', code: 'x', options: '{}', state: 'paused', now: 2 });
    expect(store.listJobs({ limit: 10 }).map((row) => row.id)).toEqual(['new', 'old']);
    expect(store.listJobs({ limit: 10, state: 'done' }).map((row) => row.id)).toEqual(['old']);
    expect(store.listJobs({ limit: 10, client: 'ops' }).map((row) => row.id)).toEqual(['old']);
  });
});
