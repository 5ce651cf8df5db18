import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEntry, ProgressEvent, Sandbox } from '../../sandbox/types.ts';
import { createFakeHost, delay } from './fixtures/fake-surface.ts';
import { errorOf, startSandbox } from './helpers.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = startSandbox();
  await sandbox.ready();
});
afterAll(() => sandbox.close());

describe('run', () => {
  it('run: statements with top-level await and a final return', async () => {
    const result = await sandbox.run({
      code: 'const page = await confluence.pages.get({ id: "2" });\nreturn page.title;',
      host: createFakeHost(),
    });
    expect(result).toMatchObject({ ok: true, value: 'Page 2', calls: { total: 1, failed: 0 } });
  });

  it('run: a module exporting a default async function receives params', async () => {
    const result = await sandbox.run({
      code: 'export default async function (params: { ids: string[] }) {\n  return params.ids.length * 2;\n}',
      params: { ids: ['1', '2', '3'] },
    });
    expect(result).toMatchObject({ ok: true, value: 6 });
  });

  it('run: params is a global in the statements form', async () => {
    const result = await sandbox.run({
      code: 'return params.name.toUpperCase();',
      params: { name: 'eng' },
    });
    expect(result).toMatchObject({ ok: true, value: 'ENG' });
  });

  it('run: a script without a return value resolves to undefined', async () => {
    const result = await sandbox.run({ code: 'const x = 1;' });
    expect(result.ok).toBe(true);
    expect(result).not.toHaveProperty('value');
  });

  it('run: console is captured with levels, in order, and streamed through onLog', async () => {
    const streamed: LogEntry[] = [];
    const result = await sandbox.run({
      code: 'console.log("a", 1, { b: [2] });\nconsole.info("i");\nconsole.warn("w");\nconsole.error(new TypeError("bad"));\nconsole.debug(undefined, null, 5n);',
      onLog: (entry) => streamed.push(entry),
    });
    expect(result.logs.map(({ level, message }) => [level, message])).toEqual([
      ['log', 'a 1 {"b":[2]}'],
      ['info', 'i'],
      ['warn', 'w'],
      ['error', 'TypeError: bad'],
      ['debug', 'undefined null 5n'],
    ]);
    expect(streamed).toEqual(result.logs);
  });

  it('run: progress reaches onProgress as the script reports it', async () => {
    const events: ProgressEvent[] = [];
    const result = await sandbox.run({
      code: 'for (let i = 1; i <= 3; i++) {\n  progress(i, 3, `step ${i}`);\n  await confluence.pages.get({ id: "1" });\n}\nreturn "done";',
      host: createFakeHost({ latencyMs: 5 }),
      onProgress: (event) => events.push(event),
    });
    expect(result.ok).toBe(true);
    expect(events).toEqual([1, 2, 3].map((done) => ({ done, total: 3, message: `step ${done}` })));
  });

  it('run: 50 parallel host calls of 20 ms overlap (all 50 are in flight at once)', async () => {
    let inFlight = 0;
    let peak = 0;
    const host = {
      'pages.get': async (args: unknown) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await delay(20);
        inFlight--;
        return { id: (args as { id: string }).id, title: 't', spaceKey: 'ENG', version: 1 };
      },
    };
    const result = await sandbox.run({
      code: 'const ids = Array.from({ length: 50 }, (_, i) => String(i));\nconst pages = await Promise.all(ids.map((id) => confluence.pages.get({ id })));\nreturn pages.map((page) => page.id).join(",");',
      host,
    });
    expect(result.ok).toBe(true);
    expect(result.calls.total).toBe(50);
    expect(peak).toBe(50);
  });

  it('run: host calls receive their index and a signal', async () => {
    const seen: number[] = [];
    const host = {
      'pages.get': async (_args: unknown, context: { callIndex: number; signal: AbortSignal }) => {
        seen.push(context.callIndex);
        expect(context.signal.aborted).toBe(false);
        return { id: '1', title: 't', spaceKey: 'ENG', version: 1 };
      },
    };
    await sandbox.run({
      code: 'await confluence.pages.get({ id: "1" });\nawait confluence.pages.get({ id: "1" });',
      host,
    });
    expect(seen).toEqual([0, 1]);
  });

  it('run: in-isolate SDK helpers run the callback inside the isolate', async () => {
    const result = await sandbox.run({
      code: 'const page = await confluence.pages.edit("1", (p) => ({ ...p, title: p.title + "!" }));\nreturn [page.title, page.version];',
      host: createFakeHost(),
    });
    expect(result).toMatchObject({ ok: true, value: ['Page 1!', 2] });
  });

  it('run: every run gets a fresh isolate: what one run leaves behind is gone in the next', async () => {
    const code = [
      'const seen = [typeof (globalThis as any).leftBehind, typeof (Object.prototype as any).polluted];',
      '(globalThis as any).leftBehind = 1;',
      '(Object.prototype as any).polluted = 1;',
      'void Promise.reject(new Error("forgotten rejection"));',
      'return seen;',
    ].join('\n');
    for (let index = 0; index < 3; index++) {
      expect(await sandbox.run({ code, skipTypecheck: true })).toMatchObject({
        ok: true,
        value: ['undefined', 'undefined'],
      });
    }
  });

  it('run: durations are reported', async () => {
    const result = await sandbox.run({ code: 'return 1' });
    expect(result.durations.totalMs).toBeGreaterThan(0);
    expect(result.durations.runMs).toBeGreaterThan(0);
    expect(result.durations.totalMs).toBeGreaterThanOrEqual(result.durations.runMs);
  });

  it('run: a cancelled run ends with CANCELLED and aborts the host call in flight', async () => {
    const controller = new AbortController();
    let hostSignal: AbortSignal | undefined;
    const host = {
      'pages.get': async (_args: unknown, context: { signal: AbortSignal }) => {
        hostSignal = context.signal;
        setTimeout(() => controller.abort(), 10);
        await delay(60_000, context.signal);
        return {};
      },
    };
    const result = await sandbox.run({
      code: 'await confluence.pages.get({ id: "1" });',
      host,
      signal: controller.signal,
    });
    expect(errorOf(result)).toMatchObject({ phase: 'runtime', code: 'CANCELLED' });
    expect(hostSignal?.aborted).toBe(true);
  });

  it('run: an already aborted signal starts nothing', async () => {
    let called = false;
    const result = await sandbox.run({
      code: 'await confluence.pages.get({ id: "1" });',
      host: { 'pages.get': async () => (called = true) },
      signal: AbortSignal.abort(),
    });
    expect(errorOf(result).code).toBe('CANCELLED');
    expect(called).toBe(false);
  });

  it('run: calling a host function that the run did not provide is a catchable error', async () => {
    const result = await sandbox.run({
      code: 'try {\n  await confluence.pages.list({ spaceKey: "ENG" });\n} catch (error: any) {\n  return [error.code, error.message];\n}',
      host: {},
    });
    expect(result).toMatchObject({
      ok: true,
      value: ['UNKNOWN_HOST_FUNCTION', 'unknown host function "pages.list"'],
    });
    expect(result.calls).toEqual({ total: 1, failed: 1 });
  });

  it('run: a prelude that throws fails every run with PRELUDE_FAILED, and close still works', async () => {
    const broken = startSandbox({
      surface: {
        prelude: '() => { throw new Error("bad prelude"); }',
        declarations: '',
        checkedGlobals: [],
      },
    });
    try {
      const result = await broken.run({ code: 'return 1' });
      expect(errorOf(result)).toMatchObject({ phase: 'runtime', code: 'PRELUDE_FAILED' });
      expect(errorOf(result).message).toContain('bad prelude');
    } finally {
      await broken.close();
    }
  });

  it('run: runs beyond the pool capacity queue and all complete', async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        sandbox.run({ code: `return ${index} * 2;`, skipTypecheck: true }),
      ),
    );
    expect(results.map((result) => result.value)).toEqual(
      Array.from({ length: 12 }, (_, index) => index * 2),
    );
  });

  it('run: closing the sandbox fails the runs in flight with WORKER_STOPPED', async () => {
    const other = startSandbox();
    let started: () => void = () => {};
    const inFlight = new Promise<void>((resolve) => (started = resolve));
    const host = {
      'pages.get': async (_args: unknown, { signal }: { signal: AbortSignal }) => {
        started();
        await delay(30_000, signal);
        return {};
      },
    };
    const running = other.run({ code: 'await confluence.pages.get({ id: "1" });', host });
    await inFlight;
    await other.close();
    expect(errorOf(await running)).toMatchObject({ phase: 'runtime', code: 'WORKER_STOPPED' });
  });

  it('run: a closed sandbox answers with WORKER_STOPPED', async () => {
    const other = startSandbox();
    await other.close();
    const result = await other.run({ code: 'return 1' });
    expect(errorOf(result).code).toBe('WORKER_STOPPED');
  });
});
