import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, resolveLimits } from '../../sandbox/limits.ts';
import type { Sandbox } from '../../sandbox/types.ts';
import { createFakeHost, delay } from './fixtures/fake-surface.ts';
import { errorOf, QUICK_LIMITS, startSandbox } from './helpers.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = startSandbox({ limits: QUICK_LIMITS });
  await sandbox.ready();
});
afterAll(() => sandbox.close());

describe('resolveLimits', () => {
  it('resolveLimits: run values win over sandbox defaults, clamped to the ceilings', () => {
    const limits = resolveLimits(
      { wallTimeMs: 5_000, maxHostCalls: 10 },
      { wallTimeMs: 8_000 },
      { wallTimeMs: 60_000 },
    );
    expect(limits).toMatchObject({
      wallTimeMs: 8_000,
      maxHostCalls: 10,
      memoryMb: DEFAULT_LIMITS.memoryMb,
    });
  });

  it('resolveLimits: nonsense values are ignored and tiny ones raised to a floor', () => {
    const limits = resolveLimits({}, {}, {
      wallTimeMs: Number.NaN,
      memoryMb: 1,
      maxHostCalls: -5,
    } as never);
    expect(limits).toMatchObject({
      wallTimeMs: DEFAULT_LIMITS.wallTimeMs,
      memoryMb: 8,
      maxHostCalls: 0,
    });
  });
});

describe('run limits', () => {
  it('limit: code over maxCodeBytes is refused before any isolate starts', async () => {
    const result = await sandbox.run({
      code: `return "${'x'.repeat(2_000)}";`,
      limits: { maxCodeBytes: 1_000 },
    });
    expect(errorOf(result)).toMatchObject({
      phase: 'limit',
      code: 'CODE_SIZE_LIMIT',
      limit: { name: 'maxCodeBytes', limit: 1_000, reached: 2_010 },
    });
    expect(result.durations.runMs).toBe(0);
  });

  it('limit: params over maxParamsBytes are refused, and params that are not JSON too', async () => {
    const big = await sandbox.run({
      code: 'return 1',
      params: { data: 'x'.repeat(500) },
      limits: { maxParamsBytes: 100 },
    });
    expect(errorOf(big)).toMatchObject({
      phase: 'limit',
      code: 'PARAMS_SIZE_LIMIT',
      limit: { limit: 100, reached: 511 },
    });
    const invalid = await sandbox.run({ code: 'return 1', params: { n: 1n } });
    expect(errorOf(invalid)).toMatchObject({ code: 'INVALID_PARAMS' });
  });

  it('limit: a synchronous loop hits the sync timeout, with the limit and the time reached', async () => {
    const error = errorOf(await sandbox.run({ code: 'while (true) {}' }));
    expect(error).toMatchObject({
      phase: 'timeout',
      code: 'SYNC_TIMEOUT',
      limit: { name: 'syncTimeoutMs', limit: 250 },
    });
    expect(error.limit!.reached).toBeGreaterThanOrEqual(250);
  });

  it('limit: a loop after an await is stopped by the CPU watchdog', async () => {
    const error = errorOf(
      await sandbox.run({
        code: 'await confluence.pages.get({ id: "1" });\nwhile (true) {}',
        host: createFakeHost(),
      }),
    );
    expect(error).toMatchObject({
      phase: 'timeout',
      code: 'CPU_TIME_LIMIT',
      limit: { name: 'cpuTimeMs', limit: 400 },
    });
    expect(error.limit!.reached).toBeGreaterThanOrEqual(400);
  });

  it('limit: a run past its wall-clock deadline stops, and says a host call was in flight', async () => {
    let aborted = false;
    const host = {
      'pages.get': async (_args: unknown, { signal }: { signal: AbortSignal }) => {
        await delay(30_000, signal).catch(() => (aborted = true));
        return {};
      },
    };
    const result = await sandbox.run({
      code: 'await confluence.pages.get({ id: "1" });',
      host,
      limits: { wallTimeMs: 300 },
      // no type-check: its gate would hold the call, and on a slow machine past the deadline
      skipTypecheck: true,
    });
    expect(errorOf(result)).toMatchObject({
      phase: 'timeout',
      code: 'WALL_TIME_LIMIT',
      limit: { name: 'wallTimeMs', limit: 300 },
    });
    expect(errorOf(result).hint).toMatch(/1 host call/);
    await expect.poll(() => aborted).toBe(true);
  });

  it('limit: memory past memoryMb fails in phase memory', async () => {
    const error = errorOf(
      await sandbox.run({
        code: 'const rows = [];\nwhile (true) rows.push({ n: rows.length, s: "row " + rows.length });',
        // time limits far away, so memory is what stops it even on a loaded machine
        limits: { syncTimeoutMs: 20_000, cpuTimeMs: 20_000, wallTimeMs: 30_000 },
      }),
    );
    expect(error).toMatchObject({
      phase: 'memory',
      code: 'MEMORY_LIMIT',
      limit: { name: 'memoryMb', limit: 32 },
    });
  });

  it('limit: the host call past maxHostCalls fails the run, even inside try/catch', async () => {
    const code =
      'let n = 0;\nfor (let i = 0; i < 10; i++) {\n  try { await confluence.pages.get({ id: "1" }); n++; } catch {}\n}\nreturn n;';
    const result = await sandbox.run({ code, host: createFakeHost(), limits: { maxHostCalls: 3 } });
    expect(errorOf(result)).toMatchObject({
      phase: 'limit',
      code: 'HOST_CALL_LIMIT',
      limit: { name: 'maxHostCalls', limit: 3, reached: 4 },
    });
    expect(result.calls.total).toBe(4);
  });

  it('limit: calls past maxConcurrentHostCalls wait their turn; the run succeeds', async () => {
    let inFlight = 0;
    let peak = 0;
    const host = {
      'pages.get': async () => {
        peak = Math.max(peak, ++inFlight);
        await delay(5);
        inFlight--;
        return { id: '1' };
      },
    };
    const code =
      'const all = await Promise.all(Array.from({ length: 12 }, () => confluence.pages.get({ id: "1" })));\nreturn all.length;';
    const result = await sandbox.run({ code, host, limits: { maxConcurrentHostCalls: 3 } });
    expect(result).toMatchObject({ ok: true, value: 12 });
    expect(peak).toBe(3);
  });

  it('limit: arguments over maxArgBytes fail the run and never reach the host', async () => {
    let called = false;
    const host = { 'pages.create': async () => (called = true) };
    const code =
      'await confluence.pages.create({ spaceKey: "ENG", title: "t", body: "x".repeat(5000) });';
    const result = await sandbox.run({ code, host, limits: { maxArgBytes: 1_000 } });
    expect(errorOf(result)).toMatchObject({
      phase: 'limit',
      code: 'ARG_SIZE_LIMIT',
      limit: { name: 'maxArgBytes', limit: 1_000 },
    });
    expect(errorOf(result).message).toContain('pages.create');
    expect(called).toBe(false);
  });

  it('limit: a host answer over maxHostResultBytes fails the run', async () => {
    const host = { 'pages.get': async () => ({ body: 'x'.repeat(10_000) }) };
    const result = await sandbox.run({
      code: 'await confluence.pages.get({ id: "1" });',
      host,
      limits: { maxHostResultBytes: 1_000 },
    });
    expect(errorOf(result)).toMatchObject({
      phase: 'limit',
      code: 'HOST_RESULT_SIZE_LIMIT',
      limit: { limit: 1_000, reached: 10_011 },
    });
  });

  it('limit: a return value over maxReturnBytes fails with the size reached', async () => {
    const result = await sandbox.run({
      code: 'return Array.from({ length: 100 }, (_, i) => "item " + i);',
      limits: { maxReturnBytes: 200 },
    });
    expect(errorOf(result)).toMatchObject({
      phase: 'limit',
      code: 'RETURN_SIZE_LIMIT',
      limit: { name: 'maxReturnBytes', limit: 200 },
    });
    expect(errorOf(result).limit!.reached).toBeGreaterThan(200);
  });

  it('limit: logs past maxLogBytes are elided, marked, and the run still succeeds', async () => {
    const result = await sandbox.run({
      code: 'for (let i = 0; i < 100; i++) console.log("line " + i);\nreturn "ok";',
      limits: { maxLogBytes: 60 },
    });
    expect(result).toMatchObject({ ok: true, value: 'ok', logsTruncated: true });
    const kept = result.logs.slice(0, -1);
    expect(kept.map((entry) => entry.message).join('')).toHaveLength(60);
    expect(result.logs.at(-1)).toMatchObject({
      level: 'warn',
      message: expect.stringMatching(
        /^… 9\d log entries \(\d+ bytes\) elided: the log limit is 60 bytes$/,
      ),
    });
  });
});
