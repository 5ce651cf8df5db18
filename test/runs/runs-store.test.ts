/**
 * One behavioural suite for both runs stores (RunsStore): SQLite (the embedded default) and
 * PostgreSQL (WORKBENCH_DATABASE_URL, a real server from the test run's global setup, a fresh
 * database per test). Then what only one of them has: a file shared by two connections, two pools
 * on one database, versioned migrations, and a clear error when the database is not there.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { CallRecord } from '../../src/confluence/types.ts';
import { IN_MEMORY, openRunsDatabase } from '../../src/runs/store/database.ts';
import {
  createPostgresRunsStore,
  RUNS_MIGRATIONS,
} from '../../src/runs/store/postgres-runs-store.ts';
import type { NewRun, RunsStore, RunsStoreOptions } from '../../src/runs/store/runs-store.ts';
import { createSqliteRunsStore } from '../../src/runs/store/sqlite-runs-store.ts';
import type { RunEnvelope } from '../../src/runs/types.ts';
import { migrate } from '../../src/storage/postgres/migrations.ts';
import { createPostgresPool, type PostgresPool } from '../../src/storage/postgres/pool.ts';
import { createTestDatabase, dropTestDatabase } from '../support/postgres.ts';
import { startTcpProxy } from '../support/tcp-proxy.ts';

const calls = { total: 1, reads: 1, writes: 0, retries: 0, failed: 0 };

function envelope(runId: string, status: 'ok' | 'error' = 'ok'): RunEnvelope {
  return {
    runId,
    status,
    result: { n: 1 },
    truncated: false,
    logs: ['hello'],
    calls,
    writes: [],
    durationMs: 12,
    mode: 'live',
    ...(status === 'error'
      ? {
          error: {
            phase: 'runtime' as const,
            code: 'RUNTIME_ERROR',
            message: 'boom',
            line: 2,
            column: 3,
          },
        }
      : {}),
  };
}

function call(index: number, response: unknown): CallRecord {
  return {
    index,
    operation: 'pages.get',
    kind: 'read',
    args: { id: String(index) },
    status: 'ok',
    retries: 0,
    durationMs: 1,
    responseBytes: JSON.stringify(response).length,
    response,
    startedAt: 1_000,
  };
}

function newRun(runId: string, createdAt: number, overrides: Partial<NewRun> = {}): NewRun {
  return {
    runId,
    createdAt,
    source: 'cli',
    mode: 'live',
    code: 'return 1',
    params: { space: 'ENG' },
    envelope: envelope(runId),
    logs: [{ level: 'log', message: 'hello', atMs: 1 }],
    calls: [call(0, { id: '0', title: 'Home' })],
    result: { ref: `res_${runId}`, json: JSON.stringify({ n: 1 }) },
    ...overrides,
  };
}

interface Backend {
  name: string;
  open(options?: RunsStoreOptions): Promise<RunsStore>;
}

const pools: PostgresPool[] = [];
const databases: string[] = [];
const directories: string[] = [];
afterAll(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.end()));
  await Promise.all(databases.splice(0).map((url) => dropTestDatabase(url)));
  for (const directory of directories.splice(0))
    rmSync(directory, { recursive: true, force: true });
});

/** A pool on a fresh database, closed after the file. */
async function freshPool(): Promise<{ pool: PostgresPool; url: string }> {
  const url = await createTestDatabase('runs');
  databases.push(url);
  const pool = createPostgresPool(url);
  pools.push(pool);
  return { pool, url };
}

const BACKENDS: Backend[] = [
  {
    name: 'sqlite',
    open: async (options) => createSqliteRunsStore(openRunsDatabase(IN_MEMORY), options),
  },
  {
    name: 'postgres',
    open: async (options) => createPostgresRunsStore((await freshPool()).pool, options),
  },
];

describe.each(BACKENDS)('runs store on $name', (backend) => {
  it(`${backend.name}: a saved run reads back whole, result by ref`, async () => {
    const store = await backend.open({ now: () => 5_000 });
    await store.save(newRun('run_a', 1_000));
    const run = (await store.get('run_a'))!;
    expect(run).toMatchObject({
      runId: 'run_a',
      status: 'ok',
      source: 'cli',
      mode: 'live',
      createdAt: new Date(1_000).toISOString(),
      durationMs: 12,
      calls,
      code: 'return 1',
      params: { space: 'ENG' },
      envelope: envelope('run_a'),
      logs: [{ level: 'log', message: 'hello', atMs: 1 }],
      traceComplete: true,
    });
    expect(run.trace).toEqual([call(0, { id: '0', title: 'Home' })]);
    expect(await store.readResult('res_run_a')).toBe('{"n":1}');
    expect(await store.get('run_nope')).toBeUndefined();
    expect(await store.readResult('res_nope')).toBeUndefined();
  });

  it(`${backend.name}: lists newest first, filters by status, carries the error phase`, async () => {
    const store = await backend.open({ now: () => 5_000 });
    await store.save(newRun('run_1', 1_000));
    await store.save(newRun('run_2', 1_001, { envelope: envelope('run_2', 'error') }));
    await store.save(newRun('run_3', 1_002, { replayOf: 'run_1', source: 'replay' }));
    expect((await store.list()).map((run) => run.runId)).toEqual(['run_3', 'run_2', 'run_1']);
    expect((await store.list({ limit: 1 }))[0]).toMatchObject({
      runId: 'run_3',
      replayOf: 'run_1',
    });
    expect(await store.list({ status: 'error' })).toEqual([
      expect.objectContaining({ runId: 'run_2', status: 'error', errorPhase: 'runtime' }),
    ]);
  });

  it(`${backend.name}: retention by count removes the oldest runs and their results`, async () => {
    const store = await backend.open({
      now: () => 5_000,
      retention: { maxRuns: 3 },
    });
    for (let index = 0; index < 5; index++) await store.save(newRun(`run_${index}`, 1_000 + index));
    expect((await store.list()).map((run) => run.runId)).toEqual(['run_4', 'run_3', 'run_2']);
    expect(await store.readResult('res_run_0')).toBeUndefined();
    expect(await store.readResult('res_run_2')).toBe('{"n":1}');
  });

  it(`${backend.name}: retention by age removes runs older than the limit`, async () => {
    let now = 10_000;
    const store = await backend.open({
      now: () => now,
      retention: { maxAgeMs: 1_000 },
    });
    await store.save(newRun('run_old', 8_000));
    await store.save(newRun('run_new', 9_500));
    expect((await store.list()).map((run) => run.runId)).toEqual(['run_new']);
    now = 20_000;
    expect(await store.prune()).toBe(1);
    expect(await store.list()).toEqual([]);
  });

  it(`${backend.name}: retention by size keeps the newest runs within the limit, and always the newest`, async () => {
    const big = JSON.stringify('x'.repeat(10_000));
    const store = await backend.open({
      now: () => 5_000,
      retention: { maxStoreChars: 25_000 },
    });
    for (let index = 0; index < 4; index++) {
      await store.save(
        newRun(`run_${index}`, 1_000 + index, { result: { ref: `res_${index}`, json: big } }),
      );
    }
    expect((await store.list()).map((run) => run.runId)).toEqual(['run_3', 'run_2']);
    await store.save(
      newRun('run_huge', 2_000, {
        result: { ref: 'res_huge', json: JSON.stringify('y'.repeat(40_000)) },
      }),
    );
    expect((await store.list()).map((run) => run.runId)).toEqual(['run_huge']);
    expect(await store.readResult('res_huge')).toBeDefined();
  });

  it(`${backend.name}: a trace past its cap keeps every call but drops the later responses`, async () => {
    const store = await backend.open({
      now: () => 5_000,
      maxTraceChars: 2_000,
    });
    const trace = Array.from({ length: 10 }, (_, index) => call(index, { body: 'z'.repeat(300) }));
    await store.save(newRun('run_t', 1_000, { calls: trace }));
    const run = (await store.get('run_t'))!;
    expect(run.traceComplete).toBe(false);
    expect(run.trace).toHaveLength(10);
    expect(run.trace[0]!.response).toEqual({ body: 'z'.repeat(300) });
    expect(run.trace[9]!.response).toBeUndefined();
    expect(run.trace[9]!.operation).toBe('pages.get');
  });

  it(`${backend.name}: saving the same run id twice fails and keeps the first`, async () => {
    const store = await backend.open({ now: () => 5_000 });
    await store.save(newRun('run_dup', 1_000));
    await expect(store.save(newRun('run_dup', 1_001, { code: 'return 2' }))).rejects.toThrow(
      /UNIQUE|duplicate key/,
    );
    expect((await store.get('run_dup'))?.code).toBe('return 1');
  });

  it(`${backend.name}: ownership: a client filter lists and reads only that client's runs`, async () => {
    const store = await backend.open({ now: () => 5_000 });
    await store.save(newRun('run_alice', 1_000, { client: 'alice' }));
    await store.save(newRun('run_bob', 1_001, { client: 'bob' }));
    await store.save(newRun('run_cli', 1_002));
    expect((await store.list({ client: 'alice' })).map((run) => run.runId)).toEqual(['run_alice']);
    expect((await store.list()).map((run) => run.client ?? null)).toEqual([null, 'bob', 'alice']);
    expect(await store.readResult('res_run_alice', 'alice')).toBe('{"n":1}');
    expect(await store.readResult('res_run_alice', 'bob')).toBeUndefined();
    expect(await store.readResult('res_run_cli', 'bob')).toBeUndefined();
    expect(await store.readResult('res_run_cli')).toBe('{"n":1}');
    expect((await store.get('run_bob'))?.client).toBe('bob');
  });
});

describe('runs store: what one backend has', () => {
  it('sqlite: a file database is shared by two connections (two processes)', async () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'cw-runs-'));
    directories.push(directory);
    const file = path.join(directory, 'nested', 'runs.sqlite');
    const writer = createSqliteRunsStore(openRunsDatabase(file));
    const reader = createSqliteRunsStore(openRunsDatabase(file));
    await writer.save(newRun('run_shared', Date.now()));
    expect((await reader.get('run_shared'))?.code).toBe('return 1');
  });

  it("postgres: two pools on one database (two instances) see each other's runs and results", async () => {
    const { pool, url } = await freshPool();
    const other = createPostgresPool(url);
    pools.push(other);
    const [a, b] = await Promise.all([
      createPostgresRunsStore(pool),
      createPostgresRunsStore(other),
    ]);
    await a.save(newRun('run_on_a', Date.now(), { client: 'alice' }));
    expect((await b.get('run_on_a'))?.code).toBe('return 1');
    expect((await b.list({ client: 'alice' })).map((run) => run.runId)).toEqual(['run_on_a']);
    expect(await b.readResult('res_run_on_a', 'alice')).toBe('{"n":1}');
  });

  it('postgres: the runs schema is migrated once, recorded as version 1', async () => {
    const { pool } = await freshPool();
    await createPostgresRunsStore(pool);
    await createPostgresRunsStore(pool);
    expect(await migrate(pool, 'runs', RUNS_MIGRATIONS)).toEqual([]);
    const { rows } = await pool.query(
      "SELECT version, name FROM workbench_migrations WHERE component = 'runs'",
    );
    expect(rows).toEqual([{ version: 1, name: 'runs and results' }]);
  });

  it.each(['refuse', 'hang'] as const)(
    'postgres: a database cut off (%s) fails calls with STORE_UNAVAILABLE, not a hang',
    async (mode) => {
      const { url } = await freshPool();
      const proxy = await startTcpProxy(Number(new URL(url).port));
      const through = new URL(url);
      through.port = String(proxy.port);
      const pool = createPostgresPool(through.toString(), { connectionTimeoutMs: 500 });
      pools.push(pool);
      try {
        const store = await createPostgresRunsStore(pool, { deadlineMs: 1_000 });
        await store.save(newRun('run_x', Date.now()));
        proxy.cut(mode);
        await expect(store.get('run_x')).rejects.toMatchObject({
          code: 'STORE_UNAVAILABLE',
          message: expect.stringMatching(
            /could not read the run: the runs database is unreachable/,
          ),
        });
        await expect(store.save(newRun('run_y', Date.now()))).rejects.toMatchObject({
          code: 'STORE_UNAVAILABLE',
        });
        proxy.restore();
        await vi.waitFor(async () => expect((await store.get('run_x'))?.runId).toBe('run_x'), {
          timeout: 10_000,
          interval: 200,
        });
      } finally {
        await proxy.close();
      }
    },
  );
});
