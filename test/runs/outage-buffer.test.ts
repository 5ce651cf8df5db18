/**
 * The outage buffer on a real PostgreSQL cut off by a TCP proxy: what it keeps is bounded, read
 * back with the same ownership rules as the database, and saved once the database is back.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { withOutageBuffer } from '../../src/runs/store/outage-buffer.ts';
import { createPostgresRunsStore } from '../../src/runs/store/postgres-runs-store.ts';
import type { NewRun } from '../../src/runs/store/runs-store.ts';
import { createPostgresPool } from '../../src/storage/postgres/pool.ts';
import { usePostgresDatabase } from '../support/postgres.ts';
import { startTcpProxy } from '../support/tcp-proxy.ts';

const database = usePostgresDatabase('buffer');
const closing: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const close of closing.reverse()) await close();
});

function newRun(runId: string, client?: string): NewRun {
  const calls = { total: 0, reads: 0, writes: 0, retries: 0, failed: 0 };
  return {
    runId,
    createdAt: Date.now(),
    mode: 'live',
    code: 'return 1',
    envelope: { runId, status: 'ok', truncated: true, logs: [], calls, writes: [], durationMs: 1 },
    logs: [],
    calls: [],
    result: { ref: `res_${runId}`, json: '[1,2,3]' },
    ...(client ? { client } : {}),
  };
}

describe('withOutageBuffer', () => {
  it('outage buffer: keeps runs while cut off (bounded, owned), saves them when the database is back', async () => {
    const proxy = await startTcpProxy(Number(new URL(database.url).port));
    const url = new URL(database.url);
    url.port = String(proxy.port);
    const pool = createPostgresPool(url.toString());
    closing.push(
      () => proxy.close(),
      () => pool.end(),
    );
    const store = withOutageBuffer(await createPostgresRunsStore(pool, { deadlineMs: 1_000 }), {
      maxPendingRuns: 2,
      minRetryMs: 50,
      maxRetryMs: 200,
    });
    closing.push(() => store.close());

    proxy.cut();
    await store.save(newRun('run_1', 'alice'));
    await store.save(newRun('run_2'));
    await expect(store.save(newRun('run_3'))).rejects.toThrow(
      /2 runs .* already wait in memory, the limit is 2 runs/,
    );
    expect(store.pendingRuns()).toBe(2);
    expect((await store.get('run_1'))?.client).toBe('alice');
    expect(await store.readResult('res_run_1', 'alice')).toBe('[1,2,3]');
    expect(await store.readResult('res_run_1', 'bob')).toBeUndefined();
    expect(await store.readResult('res_run_2', 'bob')).toBeUndefined();
    await expect(store.get('run_elsewhere')).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });

    proxy.restore();
    await vi.waitFor(() => expect(store.pendingRuns()).toBe(0), { timeout: 15_000, interval: 50 });
    const direct = await createPostgresRunsStore(pool);
    expect((await direct.list()).map((run) => run.runId)).toEqual(['run_2', 'run_1']);
    expect(await direct.get('run_3')).toBeUndefined();
    expect(await direct.readResult('res_run_1', 'alice')).toBe('[1,2,3]');
  });
});
