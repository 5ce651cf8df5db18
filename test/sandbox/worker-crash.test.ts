/**
 * A V8 fatal OOM (a Map with millions of entries, shared/notes/isolated-vm.md §2.2) aborts the
 * sandbox worker process; only its runs in flight fail, the one at fault is named, and the worker
 * is replaced. The abort happens in a sandbox worker, never in this test process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult, Sandbox } from '../../sandbox/types.ts';
import { createFakeHost, delay } from './fixtures/fake-surface.ts';
import { errorOf, startSandbox } from './helpers.ts';

const MAP_BOMB = 'const map = new Map<number, number>();\nfor (let i = 0; ; i++) map.set(i, i);';
const BOMB_LIMITS = { memoryMb: 64, syncTimeoutMs: 20_000, cpuTimeMs: 20_000, wallTimeMs: 30_000 };
/** Measured: this bomb ends in a V8 fatal OOM nearly always, else at the memory limit; retry then. */
const ATTEMPTS = 6;

const warnings: string[] = [];
let sandbox: Sandbox;

/** Runs the bomb until it brings the worker down (or ATTEMPTS runs ended at the memory limit). */
async function crashWorker(): Promise<RunResult> {
  let result: RunResult | undefined;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    result = await sandbox.run({ code: MAP_BOMB, limits: BOMB_LIMITS, skipTypecheck: true });
    expect(errorOf(result).phase).toBe('memory');
    if (errorOf(result).code === 'WORKER_CRASHED') break;
  }
  return result!;
}

beforeAll(async () => {
  sandbox = startSandbox({
    workers: 1,
    runsPerWorker: 2,
    logger: {
      warn: (_details, message) => warnings.push(message),
      error: (_details, message) => warnings.push(message),
    },
  });
  await sandbox.ready();
});
afterAll(() => sandbox.close());

describe('worker crash', () => {
  it('worker crash: a fatal OOM fails its run with WORKER_CRASHED in phase memory; the next run succeeds', async () => {
    const result = await crashWorker();
    expect(errorOf(result)).toMatchObject({
      phase: 'memory',
      code: 'WORKER_CRASHED',
      hint: expect.stringMatching(/Map/),
    });
    expect(await sandbox.run({ code: 'return "alive";' })).toMatchObject({
      ok: true,
      value: 'alive',
    });
    expect(warnings).toContain('sandbox worker exited; replacing it');
  });

  it('worker crash: a run sharing the worker fails with WORKER_CRASHED (not at fault) and its host call is aborted', async () => {
    let bystanderSignal: AbortSignal | undefined;
    let release: () => void = () => {};
    const started = new Promise<void>((resolve) => (release = resolve));
    const host = {
      'pages.get': async (_args: unknown, { signal }: { signal: AbortSignal }) => {
        bystanderSignal = signal;
        release();
        await delay(30_000, signal);
        return {};
      },
    };
    const bystander = sandbox.run({ code: 'await confluence.pages.get({ id: "1" });', host });
    await started;
    const culprit = await crashWorker();
    expect(errorOf(culprit)).toMatchObject({ phase: 'memory', code: 'WORKER_CRASHED' });
    const innocent = errorOf(await bystander);
    expect(innocent).toMatchObject({ phase: 'runtime', code: 'WORKER_CRASHED' });
    expect(innocent.message).toMatch(/run it again/);
    expect(bystanderSignal?.aborted).toBe(true);
    expect(
      await sandbox.run({
        code: 'return (await confluence.pages.get({ id: "2" })).title;',
        host: createFakeHost(),
      }),
    ).toMatchObject({
      ok: true,
      value: 'Page 2',
    });
  });

  it('worker crash: runs queued behind a crash are served by the replacement worker', async () => {
    const runs = [
      sandbox.run({ code: MAP_BOMB, limits: BOMB_LIMITS, skipTypecheck: true }),
      ...Array.from({ length: 4 }, (_, index) =>
        sandbox.run({ code: `return ${index};`, skipTypecheck: true }),
      ),
    ];
    const [culprit, ...others] = await Promise.all(runs);
    expect(errorOf(culprit!).phase).toBe('memory');
    // One may have shared the worker with the culprit; the rest ran on the replacement.
    const succeeded = others.filter((result) => result.ok);
    expect(succeeded.length).toBeGreaterThanOrEqual(3);
    for (const result of others.filter((other) => !other.ok))
      expect(errorOf(result).code).toBe('WORKER_CRASHED');
  });
});
