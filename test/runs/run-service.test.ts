import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEntry, ProgressEvent } from '../../sandbox/types.ts';
import { createRunSession } from '../../src/confluence/index.ts';
import { OPERATIONS } from '../../src/confluence/operations/index.ts';
import { createRunService } from '../../src/runs/run-service.ts';
import { openRunsDatabase } from '../../src/runs/store/database.ts';
import { createSqliteRunsStore } from '../../src/runs/store/sqlite-runs-store.ts';
import type { StoredRun } from '../../src/runs/types.ts';
import type { Workbench } from '../../src/workbench.ts';
import { startTestWorkbench } from './helpers.ts';
import { readBack } from './read-back.ts';

describe('RunService.execute', () => {
  let workbench: Workbench;
  beforeAll(async () => {
    workbench = await startTestWorkbench();
  });
  afterAll(() => workbench.close());

  it('execute: a script reads the emulator, and the run is stored with its trace', async () => {
    const envelope = await workbench.runs.execute({
      code: `const spaces = await confluence.spaces.list();
console.log('spaces', spaces.results.length);
return spaces.results.map((space) => space.key).sort();`,
      source: 'test',
    });
    expect(envelope).toMatchObject({
      status: 'ok',
      result: ['ENG', 'HR', 'MKT'],
      truncated: false,
      logs: ['spaces 3'],
      calls: { total: 1, reads: 1, writes: 0, failed: 0 },
      writes: [],
      mode: 'live',
    });
    expect(envelope.resultRef).toBeUndefined();
    expect(envelope.runId).toMatch(/^run_/);
    const stored = (await workbench.runs.getRun(envelope.runId)) as StoredRun;
    expect(stored).toMatchObject({
      runId: envelope.runId,
      status: 'ok',
      source: 'test',
      mode: 'live',
      envelope,
    });
    expect(stored.trace).toHaveLength(1);
    expect(stored.trace[0]).toMatchObject({ operation: 'spaces.list', status: 'ok' });
    expect(stored.trace[0]!.response).toMatchObject({ results: expect.any(Array) });
    const listed = await workbench.runs.listRuns({ limit: 5 });
    expect(listed[0]).toMatchObject({ runId: envelope.runId, status: 'ok', calls: envelope.calls });
  });

  it('execute: a type error fails in phase typecheck before any call, with line, column and hint', async () => {
    const envelope = await workbench.runs.execute({
      code: 'const page = await confluence.pages.fetch("1");\nreturn page;',
    });
    expect(envelope.status).toBe('error');
    expect(envelope.error).toMatchObject({
      phase: 'typecheck',
      line: 1,
      hint: expect.stringContaining('get()'),
    });
    expect(envelope.calls.total).toBe(0);
  });

  it('execute: a syntax error fails in phase compile', async () => {
    const envelope = await workbench.runs.execute({ code: 'return {;' });
    expect(envelope.error).toMatchObject({ phase: 'compile', line: 1 });
    expect(envelope.error?.hint).toBeTruthy();
  });

  it('execute: a thrown error fails in phase runtime at the line of the throw', async () => {
    const envelope = await workbench.runs.execute({
      code: 'const a = 1;\nthrow new Error("nope " + a);',
    });
    expect(envelope.error).toMatchObject({
      phase: 'runtime',
      message: expect.stringContaining('nope 1'),
      line: 2,
    });
  });

  it('execute: a Confluence 404 fails in phase confluence with a hint to find the id first', async () => {
    const envelope = await workbench.runs.execute({
      code: 'return await confluence.pages.get("999999999");',
    });
    expect(envelope.error).toMatchObject({
      phase: 'confluence',
      status: 404,
      hint: expect.stringMatching(/find the right one/),
    });
    expect(envelope.calls).toMatchObject({ total: 1, failed: 1 });
  });

  it('execute: timeoutMs bounds the run and the hint says how to ask for more', async () => {
    const envelope = await workbench.runs.execute({
      code: 'await new Promise(() => {});\nreturn 1;',
      timeoutMs: 300,
    });
    expect(envelope.error).toMatchObject({
      phase: 'timeout',
      code: 'WALL_TIME_LIMIT',
      hint: expect.stringContaining('timeoutMs (at most 120000 ms)'),
    });
    expect(envelope.error?.message).toContain('300 ms');
  });

  it('execute: dry-run plans writes and sends none', async () => {
    const title = `Dry run ${Date.now()}`;
    const envelope = await workbench.runs.execute({
      code: 'const page = await confluence.pages.create({ spaceId: "ENG", title: params.title, body: { storage: "<p>hi</p>" } });\nreturn page.title;',
      params: { title },
      dryRun: true,
    });
    expect(envelope).toMatchObject({
      status: 'ok',
      mode: 'dry-run',
      result: title,
      calls: { writes: 1 },
    });
    expect(envelope.writes).toEqual([
      expect.objectContaining({ operation: 'pages.create', status: 'planned' }),
    ]);
    const check = await workbench.runs.execute({
      code: 'return (await confluence.pages.list({ title: params.title })).results.length;',
      params: { title },
    });
    expect(check.result).toBe(0);
  });

  it('execute: a failure after applied writes says so in the hint', async () => {
    const envelope = await workbench.runs.execute({
      code: `await confluence.pages.create({ spaceId: "ENG", title: "Applied ${Date.now()}", body: { storage: "<p>x</p>" } });
throw new Error("after the write");`,
    });
    expect(envelope.writes).toEqual([
      expect.objectContaining({ operation: 'pages.create', status: 'applied' }),
    ]);
    expect(envelope.error?.hint).toContain('1 write(s) were applied before the failure');
  });

  it('execute: a large result is summarized within the budget and read back whole by resultRef', async () => {
    const code = `return { total: 1000, items: Array.from({ length: 1000 }, (_, i) => ({ id: i, title: "Item " + i, body: "lorem ipsum ".repeat(10) })) };`;
    const envelope = await workbench.runs.execute({ code, resultBudget: 2_000 });
    expect(envelope.truncated).toBe(true);
    expect(JSON.stringify(envelope.result).length).toBeLessThanOrEqual(2_000);
    expect(JSON.stringify(envelope.result)).toMatch(/"…\[\+\d+ more items\]"/);
    const expected = {
      total: 1000,
      items: Array.from({ length: 1000 }, (_, i) => ({
        id: i,
        title: `Item ${i}`,
        body: 'lorem ipsum '.repeat(10),
      })),
    };
    const ref = envelope.resultRef!;
    const whole = await readBack((options) => workbench.runs.readResult(ref, options));
    expect(whole).toEqual(expected);
    const page = await workbench.runs.readResult(ref, { path: '$.items', offset: 990 });
    expect(page).toMatchObject({
      type: 'array',
      total: 1000,
      offset: 990,
      hasMore: false,
      value: expected.items.slice(990),
    });
  });

  it('execute: the result budget is clamped to the server maximum and minimum', async () => {
    const code = 'return "x".repeat(200000);';
    const small = await workbench.runs.execute({ code, resultBudget: 1 });
    expect(JSON.stringify(small.result).length).toBeLessThanOrEqual(200);
    const large = await workbench.runs.execute({ code, resultBudget: 10_000_000 });
    expect(JSON.stringify(large.result).length).toBeLessThanOrEqual(100_000);
    expect(JSON.stringify(large.result).length).toBeGreaterThan(90_000);
  });

  it('execute: logs are capped in the envelope, whole in the store; progress and logs stream to the caller', async () => {
    const progress: ProgressEvent[] = [];
    const streamed: LogEntry[] = [];
    const envelope = await workbench.runs.execute(
      {
        code: 'for (let i = 0; i < 1000; i++) console.log("line " + i);\nprogress(1, 2, "half");\nconsole.warn("done");\nreturn 1;',
      },
      { onProgress: (event) => progress.push(event), onLog: (entry) => streamed.push(entry) },
    );
    expect(envelope.logs.length).toBeLessThanOrEqual(200);
    expect(envelope.logs[0]).toBe('line 0');
    expect(envelope.logs.at(-1)).toBe('warn: done');
    expect(envelope.logs.some((line) => /^…\[\+\d+ lines\]$/.test(line))).toBe(true);
    expect(progress).toEqual([{ done: 1, total: 2, message: 'half' }]);
    expect(streamed).toHaveLength(1001);
    const stored = (await workbench.runs.getRun(envelope.runId)) as StoredRun;
    expect(stored.logs).toHaveLength(1001);
  });

  it('execute: an aborted run ends with an error envelope, and is stored', async () => {
    const controller = new AbortController();
    const running = workbench.runs.execute(
      { code: 'progress(0);\nawait new Promise(() => {});' },
      { signal: controller.signal, onProgress: () => controller.abort() },
    );
    const envelope = await running;
    expect(envelope.status).toBe('error');
    expect((await workbench.runs.getRun(envelope.runId)).status).toBe('error');
  });

  it('execute: a run that cannot be stored still returns its envelope, saying so', async () => {
    const database = openRunsDatabase(':memory:');
    const store = createSqliteRunsStore(database);
    database.close();
    const warnings: string[] = [];
    const runs = createRunService({
      sandbox: workbench.sandbox,
      store,
      createSession: (mode) =>
        createRunSession({
          client: workbench.client,
          operations: OPERATIONS,
          mode,
          policy: workbench.config.policy,
        }),
      logger: { warn: (_details, message) => warnings.push(message) },
    });
    const envelope = await runs.execute({ code: 'return "x".repeat(10000);' });
    expect(envelope.status).toBe('ok');
    expect(envelope.truncated).toBe(true);
    expect(envelope.resultRef).toBeUndefined();
    expect(envelope.warnings).toEqual([expect.stringContaining('this run could not be stored')]);
    expect(warnings).toEqual(['could not store the run']);
  });

  it('execute: a missing code string is an error envelope, not an exception', async () => {
    const envelope = await workbench.runs.execute({ code: undefined as unknown as string });
    expect(envelope).toMatchObject({
      status: 'error',
      error: { phase: 'compile', code: 'INVALID_INPUT' },
    });
  });
});

describe('RunService lookups', () => {
  let workbench: Workbench;
  beforeAll(async () => {
    workbench = await startTestWorkbench();
  });
  afterAll(() => workbench.close());

  it('readResult: an unknown ref is RESULT_NOT_FOUND', async () => {
    await expect(workbench.runs.readResult('res_nope')).rejects.toMatchObject({
      code: 'RESULT_NOT_FOUND',
    });
  });

  it('getRun and replay: an unknown run is RUN_NOT_FOUND', async () => {
    await expect(workbench.runs.getRun('run_nope')).rejects.toMatchObject({
      code: 'RUN_NOT_FOUND',
    });
    await expect(workbench.runs.replay('run_nope', 'live')).rejects.toMatchObject({
      code: 'RUN_NOT_FOUND',
    });
  });

  it('listRuns and replay: bad options are INVALID_OPTION', async () => {
    await expect(workbench.runs.listRuns({ limit: 0 })).rejects.toMatchObject({
      code: 'INVALID_OPTION',
    });
    await expect(workbench.runs.listRuns({ status: 'bad' as 'ok' })).rejects.toMatchObject({
      code: 'INVALID_OPTION',
    });
    const envelope = await workbench.runs.execute({ code: 'return 1' });
    await expect(workbench.runs.replay(envelope.runId, 'sideways' as 'live')).rejects.toMatchObject(
      { code: 'INVALID_OPTION' },
    );
  });
});
