/**
 * What happens to a worker from the outside, and what a run is told: a worker has none of the
 * parent's environment; an external SIGKILL is named as such (not "out of memory"); a stopped
 * worker (SIGSTOP) is found unresponsive by its heartbeat and replaced, instead of the run
 * waiting for its deadline and blaming the script, while a parent that stalled itself keeps its
 * healthy worker. Real processes, real signals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostFunction, Sandbox } from '../../sandbox/types.ts';
import { environmentOf, sandboxWorkerPids } from './child-processes.ts';
import { delay } from './fixtures/fake-surface.ts';
import { errorOf, startSandbox } from './helpers.ts';

const SECRET = 'tok-never-in-a-worker-7f3a';
let sandbox: Sandbox;

/** A host whose pages.get waits until the run is aborted, and says when it was reached. */
function blockingHost(): { host: Record<string, HostFunction>; reached: Promise<void> } {
  const reached = Promise.withResolvers<void>();
  const host: Record<string, HostFunction> = {
    'pages.get': async (_args, { signal }) => {
      reached.resolve();
      await delay(60_000, signal).catch(() => {});
      return {};
    },
  };
  return { host, reached: reached.promise };
}

async function onlyWorker(): Promise<number> {
  await sandbox.ready();
  const pids = sandboxWorkerPids();
  expect(pids).toHaveLength(1);
  return pids[0]!;
}

beforeAll(async () => {
  // Set in the parent before the worker is forked: a worker that inherited it would show it.
  process.env['CONFLUENCE_API_TOKEN'] = SECRET;
  process.env['WORKBENCH_API_KEYS'] = SECRET;
  sandbox = startSandbox({
    workers: 1,
    heartbeat: { intervalMs: 100, unresponsiveAfterMs: 1_500 },
  });
  await sandbox.ready();
});
afterAll(async () => {
  delete process.env['CONFLUENCE_API_TOKEN'];
  delete process.env['WORKBENCH_API_KEYS'];
  await sandbox.close();
});

describe('worker faults', () => {
  it('worker environment: a worker gets none of the parent environment (no token, no API keys)', async () => {
    const pid = await onlyWorker();
    const environment = environmentOf(pid);
    expect(environment.join('\n')).not.toContain(SECRET);
    expect(environment.filter((line) => /^(CONFLUENCE_|WORKBENCH_)/.test(line))).toEqual([]);
    expect(await sandbox.run({ code: 'return 1 + 1;' })).toMatchObject({ ok: true, value: 2 });
  });

  it('worker killed from outside: an external SIGKILL is WORKER_KILLED, not an out-of-memory guess', async () => {
    const pid = await onlyWorker();
    const { host, reached } = blockingHost();
    const running = sandbox.run({
      code: 'await confluence.pages.get({ id: "1" }); return 1;',
      host,
    });
    await reached;
    process.kill(pid, 'SIGKILL');
    const error = errorOf(await running);
    expect(error).toMatchObject({ phase: 'runtime', code: 'WORKER_KILLED' });
    expect(error.message).toMatch(/SIGKILL/);
    expect(error.message).not.toMatch(/most likely|ran out of memory/);
    expect(await sandbox.run({ code: 'return "replaced";' })).toMatchObject({ ok: true });
  });

  it('worker stopped: a SIGSTOPped worker makes its run fail as WORKER_UNRESPONSIVE, not at the deadline', async () => {
    const pid = await onlyWorker();
    const { host, reached } = blockingHost();
    const running = sandbox.run({
      code: 'await confluence.pages.get({ id: "1" }); return 1;',
      host,
      limits: { wallTimeMs: 25_000 },
    });
    await reached;
    process.kill(pid, 'SIGSTOP');
    const error = errorOf(await running);
    expect(error).toMatchObject({ phase: 'runtime', code: 'WORKER_UNRESPONSIVE' });
    expect(error.message).toMatch(/stopped responding/);
    expect(sandboxWorkerPids()).not.toContain(pid);
    expect(await sandbox.run({ code: 'return "replaced";' })).toMatchObject({ ok: true });
  });

  it('parent stalled: a parent whose own event loop stops past the limit keeps its healthy worker', async () => {
    const pid = await onlyWorker();
    // The parent stalls (as under SIGSTOP or a suspended VM) for longer than unresponsiveAfterMs,
    // in the middle of a run: the worker's pongs wait unread meanwhile.
    const host: Record<string, HostFunction> = {
      'pages.get': async () => {
        await delay(300);
        const until = performance.now() + 2_500;
        while (performance.now() < until) {
          // busy: no timer, no message is handled
        }
        return { id: '1' };
      },
    };
    const result = await sandbox.run({
      code: 'const page = await confluence.pages.get({ id: "1" }); return page.id;',
      host,
      limits: { wallTimeMs: 25_000 },
    });
    expect(result).toMatchObject({ ok: true, value: '1' });
    expect(sandboxWorkerPids()).toEqual([pid]);
  });

  it('cancelled run: the error says the caller stopped it, with no hint about the code', async () => {
    const { host, reached } = blockingHost();
    const controller = new AbortController();
    const running = sandbox.run({
      code: 'await confluence.pages.get({ id: "1" }); return 1;',
      host,
      signal: controller.signal,
    });
    await reached;
    controller.abort();
    const error = errorOf(await running);
    expect(error.code).toBe('CANCELLED');
    expect(error.hint).toMatch(/stopped by its caller/);
    expect(error.hint).not.toMatch(/undefined/);
  });
});
