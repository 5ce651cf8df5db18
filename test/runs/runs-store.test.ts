import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallRecord } from '../../src/confluence/types.ts';
import { IN_MEMORY, openRunsDatabase } from '../../src/runs/store/database.ts';
import { createRunsStore, type NewRun } from '../../src/runs/store/runs-store.ts';
import type { RunEnvelope } from '../../src/runs/types.ts';

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

describe('createRunsStore', () => {
  const directories: string[] = [];
  afterEach(() => {
    for (const directory of directories.splice(0))
      rmSync(directory, { recursive: true, force: true });
  });

  it('runs store: a saved run reads back whole, result by ref', () => {
    const store = createRunsStore(openRunsDatabase(IN_MEMORY), { now: () => 5_000 });
    store.save(newRun('run_a', 1_000));
    const run = store.get('run_a')!;
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
    expect(store.readResult('res_run_a')).toBe('{"n":1}');
    expect(store.get('run_nope')).toBeUndefined();
    expect(store.readResult('res_nope')).toBeUndefined();
  });

  it('runs store: lists newest first, filters by status, carries the error phase', () => {
    const store = createRunsStore(openRunsDatabase(IN_MEMORY), { now: () => 5_000 });
    store.save(newRun('run_1', 1_000));
    store.save(newRun('run_2', 1_001, { envelope: envelope('run_2', 'error') }));
    store.save(newRun('run_3', 1_002, { replayOf: 'run_1', source: 'replay' }));
    expect(store.list().map((run) => run.runId)).toEqual(['run_3', 'run_2', 'run_1']);
    expect(store.list({ limit: 1 })[0]).toMatchObject({ runId: 'run_3', replayOf: 'run_1' });
    expect(store.list({ status: 'error' })).toEqual([
      expect.objectContaining({ runId: 'run_2', status: 'error', errorPhase: 'runtime' }),
    ]);
  });

  it('runs store: retention by count removes the oldest runs and their results', () => {
    const store = createRunsStore(openRunsDatabase(IN_MEMORY), {
      now: () => 5_000,
      retention: { maxRuns: 3 },
    });
    for (let index = 0; index < 5; index++) store.save(newRun(`run_${index}`, 1_000 + index));
    expect(store.list().map((run) => run.runId)).toEqual(['run_4', 'run_3', 'run_2']);
    expect(store.readResult('res_run_0')).toBeUndefined();
    expect(store.readResult('res_run_2')).toBe('{"n":1}');
  });

  it('runs store: retention by age removes runs older than the limit', () => {
    let now = 10_000;
    const store = createRunsStore(openRunsDatabase(IN_MEMORY), {
      now: () => now,
      retention: { maxAgeMs: 1_000 },
    });
    store.save(newRun('run_old', 8_000));
    store.save(newRun('run_new', 9_500));
    expect(store.list().map((run) => run.runId)).toEqual(['run_new']);
    now = 20_000;
    expect(store.prune()).toBe(1);
    expect(store.list()).toEqual([]);
  });

  it('runs store: retention by size keeps the newest runs within the limit, and always the newest', () => {
    const big = JSON.stringify('x'.repeat(10_000));
    const store = createRunsStore(openRunsDatabase(IN_MEMORY), {
      now: () => 5_000,
      retention: { maxStoreChars: 25_000 },
    });
    for (let index = 0; index < 4; index++) {
      store.save(
        newRun(`run_${index}`, 1_000 + index, { result: { ref: `res_${index}`, json: big } }),
      );
    }
    expect(store.list().map((run) => run.runId)).toEqual(['run_3', 'run_2']);
    store.save(
      newRun('run_huge', 2_000, {
        result: { ref: 'res_huge', json: JSON.stringify('y'.repeat(40_000)) },
      }),
    );
    expect(store.list().map((run) => run.runId)).toEqual(['run_huge']);
    expect(store.readResult('res_huge')).toBeDefined();
  });

  it('runs store: a trace past its cap keeps every call but drops the later responses', () => {
    const store = createRunsStore(openRunsDatabase(IN_MEMORY), {
      now: () => 5_000,
      maxTraceChars: 2_000,
    });
    const trace = Array.from({ length: 10 }, (_, index) => call(index, { body: 'z'.repeat(300) }));
    store.save(newRun('run_t', 1_000, { calls: trace }));
    const run = store.get('run_t')!;
    expect(run.traceComplete).toBe(false);
    expect(run.trace).toHaveLength(10);
    expect(run.trace[0]!.response).toEqual({ body: 'z'.repeat(300) });
    expect(run.trace[9]!.response).toBeUndefined();
    expect(run.trace[9]!.operation).toBe('pages.get');
  });

  it('runs store: a file database is shared by two connections (two processes)', () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'cw-runs-'));
    directories.push(directory);
    const file = path.join(directory, 'nested', 'runs.sqlite');
    const writer = createRunsStore(openRunsDatabase(file));
    const reader = createRunsStore(openRunsDatabase(file));
    writer.save(newRun('run_shared', Date.now()));
    expect(reader.get('run_shared')?.code).toBe('return 1');
  });

  it('runs store: saving the same run id twice fails and keeps the first', () => {
    const store = createRunsStore(openRunsDatabase(IN_MEMORY), { now: () => 5_000 });
    store.save(newRun('run_dup', 1_000));
    expect(() => store.save(newRun('run_dup', 1_001, { code: 'return 2' }))).toThrow(/UNIQUE/);
    expect(store.get('run_dup')?.code).toBe('return 1');
  });
});
