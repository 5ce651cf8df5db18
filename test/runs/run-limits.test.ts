/**
 * Honest limits, through the real workbench (sandbox worker processes, the emulator over SQLite):
 * a large return value is stored and summarized rather than refused, up to a server cap that is
 * configurable; the host-call and CPU limits are a server maximum with a per-run request within
 * it, and the hint names the limit that was hit; the worker pool holds as many runs at once as
 * WORKBENCH_MAX_CONCURRENT_RUNS admits.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { runEmulatorCommand } from '../../src/emulator/cli.ts';
import { createWorkbench, type Workbench } from '../../src/workbench.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'cw-limits-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** A workbench over the embedded emulator, with the given environment. */
async function workbenchWith(env: Record<string, string>): Promise<Workbench> {
  return createWorkbench(loadConfig({ WORKBENCH_DATA_DIR: dataDir, ...env }), {
    runsDatabase: ':memory:',
    emulatorDatabase: ':memory:',
    sandbox: { workers: 1, runsPerWorker: 2 },
  });
}

const LISTING = `return Array.from({ length: 5_000 }, (_, i) => ({
  id: String(100_000 + i),
  title: 'Quarterly planning notes, team ' + i + ' (draft)',
  spaceKey: 'ENG',
  status: 'current',
  url: '/wiki/spaces/ENG/pages/' + (100_000 + i) + '/Quarterly+planning+notes',
  labels: ['planning', 'draft', 'q' + (i % 4)],
  lastModified: '2026-11-0' + (1 + (i % 9)) + 'T10:00:00.000Z',
  words: i * 7,
}));`;

const CREATE_PAGES = (count: number) =>
  `for (let i = 0; i < ${count}; i++) await confluence.pages.create({ spaceId: "ENG", title: "Limit page " + i + " " + params.tag, body: { storage: "<p>x</p>" } });
return "created";`;

describe('run limits', () => {
  it('large result: a 5,000-item listing (over 1 MB) is stored whole and summarized with a resultRef', async () => {
    // The same listing, built here: its JSON is well over a megabyte (the old cap was 256 KB).
    const listing = new Function(LISTING)() as unknown[];
    expect(JSON.stringify(listing).length).toBeGreaterThan(1_100_000);
    const workbench = await workbenchWith({});
    try {
      const envelope = await workbench.runs.execute({ code: LISTING });
      expect(envelope.status).toBe('ok');
      expect(envelope.truncated).toBe(true);
      expect(envelope.resultRef).toEqual(expect.any(String));
      expect(JSON.stringify(envelope.result).length).toBeLessThan(10_000);
      const whole = await workbench.runs.readResult(envelope.resultRef!, { path: '$' });
      expect(whole.total).toBe(5_000);
      const last = await workbench.runs.readResult(envelope.resultRef!, { path: '$[4999].id' });
      expect(last.value).toBe('104999');
      const stored = await workbench.runs.readResult(envelope.resultRef!, {
        path: '$[0]',
      });
      expect(stored.value).toMatchObject({ spaceKey: 'ENG' });
    } finally {
      await workbench.close();
    }
  });

  it('large result: past WORKBENCH_MAX_RESULT_BYTES the run fails clearly, and its writes ledger is kept', async () => {
    const workbench = await workbenchWith({ WORKBENCH_MAX_RESULT_BYTES: '100000' });
    try {
      const envelope = await workbench.runs.execute({
        code: `await confluence.pages.create({ spaceId: "ENG", title: "Before a big result", body: { storage: "<p>x</p>" } });\n${LISTING}`,
      });
      expect(envelope.status).toBe('error');
      expect(envelope.error).toMatchObject({
        phase: 'limit',
        code: 'RETURN_SIZE_LIMIT',
        limit: { name: 'maxReturnBytes', limit: 100_000 },
      });
      expect(envelope.error!.hint).toMatch(/WORKBENCH_MAX_RESULT_BYTES/);
      expect(envelope.writes).toEqual([
        expect.objectContaining({ operation: 'pages.create', status: 'applied' }),
      ]);
    } finally {
      await workbench.close();
    }
  });

  it('host calls: 520 writes pass with WORKBENCH_MAX_WRITES_PER_RUN=1000 and maxHostCalls asked for; without it the hint names maxHostCalls', async () => {
    const workbench = await workbenchWith({ WORKBENCH_MAX_WRITES_PER_RUN: '1000' });
    try {
      const allowed = await workbench.runs.execute({
        code: CREATE_PAGES(520),
        params: { tag: 'allowed' },
        maxHostCalls: 600,
      });
      expect(allowed).toMatchObject({ status: 'ok', result: 'created' });
      expect(allowed.calls.writes).toBe(520);

      const refused = await workbench.runs.execute({
        code: CREATE_PAGES(520),
        params: { tag: 'default' },
      });
      expect(refused.error).toMatchObject({
        phase: 'limit',
        code: 'HOST_CALL_LIMIT',
        limit: { name: 'maxHostCalls', limit: 500 },
      });
      expect(refused.error!.hint).toMatch(/pass maxHostCalls \(at most 5000\)/);
      expect(refused.writes.filter((write) => write.status === 'applied')).toHaveLength(500);
      expect(refused.error!.hint).toMatch(/500 write\(s\) were applied/);
    } finally {
      await workbench.close();
    }
  });

  it('CPU time: a run asks for its own cpuTimeMs; past the server maximum it is clamped, and the hint says which limit', async () => {
    const workbench = await workbenchWith({ WORKBENCH_MAX_CPU_TIME_MS: '400' });
    const spin = 'await Promise.resolve();\nfor (;;) {}';
    try {
      const asked = await workbench.runs.execute({ code: spin, cpuTimeMs: 200 });
      expect(asked.error).toMatchObject({
        phase: 'timeout',
        code: 'CPU_TIME_LIMIT',
        limit: { name: 'cpuTimeMs', limit: 200 },
      });
      expect(asked.error!.hint).toMatch(/pass cpuTimeMs \(at most 400 ms\)/);
      expect(asked.error!.hint).not.toMatch(/timeoutMs/);

      const clamped = await workbench.runs.execute({ code: spin, cpuTimeMs: 1_000_000 });
      expect(clamped.error).toMatchObject({
        code: 'CPU_TIME_LIMIT',
        limit: { name: 'cpuTimeMs', limit: 400 },
      });
      expect(clamped.error!.hint).toMatch(
        /server's maximum CPU time per run \(WORKBENCH_MAX_CPU_TIME_MS\)/,
      );
    } finally {
      await workbench.close();
    }
  });

  it('concurrent runs: WORKBENCH_MAX_CONCURRENT_RUNS runs awaiting a slow Confluence all wait at once (no hidden queue)', async () => {
    const runsAtOnce = availableParallelism() * 2 + 2;
    const site = await runEmulatorCommand({ port: 0, seed: 'demo', log: null });
    site.emulator.faults.set({ latency: { ms: 1_500, path: '/wiki/api/v2/spaces' } });
    let inFlight = 0;
    let mostInFlight = 0;
    const countingFetch: typeof fetch = async (input, init) => {
      mostInFlight = Math.max(mostInFlight, ++inFlight);
      try {
        return await fetch(input, init);
      } finally {
        inFlight--;
      }
    };
    const workbench = await createWorkbench(
      loadConfig({
        WORKBENCH_DATA_DIR: dataDir,
        WORKBENCH_MAX_CONCURRENT_RUNS: String(runsAtOnce),
        CONFLUENCE_BASE_URL: site.url,
        CONFLUENCE_EMAIL: 'demo@example.com',
        CONFLUENCE_API_TOKEN: 'demo-token',
      }),
      { runsDatabase: ':memory:', fetch: countingFetch },
    );
    try {
      await workbench.sandbox.ready();
      const envelopes = await Promise.all(
        Array.from({ length: runsAtOnce }, () =>
          workbench.runs.execute({ code: 'return (await confluence.spaces.get("ENG")).key;' }),
        ),
      );
      expect(envelopes.map((envelope) => envelope.result)).toEqual(
        Array.from({ length: runsAtOnce }, () => 'ENG'),
      );
      expect(mostInFlight).toBe(runsAtOnce);
    } finally {
      await workbench.close();
      await site.close();
    }
  });
});
