/** createWorkbench: the embedded emulator or a site over HTTP, the data dir, and runs settings from the environment. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { runEmulatorCommand } from '../../src/emulator/cli.ts';
import { createWorkbench } from '../../src/workbench.ts';

describe('createWorkbench', () => {
  it('workbench: a configured site is reached over HTTP with its credentials, no emulator embedded', async () => {
    const site = await runEmulatorCommand({ port: 0, seed: 'demo', log: null });
    const workbench = await createWorkbench(
      loadConfig({
        CONFLUENCE_BASE_URL: site.url,
        CONFLUENCE_EMAIL: 'demo@example.com',
        CONFLUENCE_API_TOKEN: 'demo-token',
      }),
      { runsDatabase: ':memory:', sandbox: { workers: 1 } },
    );
    try {
      expect(workbench.target).toEqual({ kind: 'site', baseUrl: site.url });
      expect(workbench.emulator).toBeNull();
      const before = site.emulator.faults.get().counters.requests;
      const envelope = await workbench.runs.execute({
        code: 'return (await confluence.spaces.get("ENG")).name;',
      });
      expect(envelope).toMatchObject({ status: 'ok', result: 'Engineering' });
      expect(site.emulator.faults.get().counters.requests).toBeGreaterThan(before);
    } finally {
      await workbench.close();
      await site.close();
    }
  });

  it('workbench: wrong site credentials are a confluence error with a hint, not a crash', async () => {
    const site = await runEmulatorCommand({ port: 0, seed: 'demo', log: null });
    const workbench = await createWorkbench(
      loadConfig({
        CONFLUENCE_BASE_URL: site.url,
        CONFLUENCE_EMAIL: 'demo@example.com',
        CONFLUENCE_API_TOKEN: 'wrong',
      }),
      { runsDatabase: ':memory:', sandbox: { workers: 1 } },
    );
    try {
      const envelope = await workbench.runs.execute({
        code: 'return await confluence.spaces.list();',
      });
      expect(envelope.error).toMatchObject({
        phase: 'confluence',
        status: 401,
        hint: expect.stringContaining('could not authenticate'),
      });
      expect(JSON.stringify(envelope)).not.toContain('wrong');
    } finally {
      await workbench.close();
      await site.close();
    }
  });

  it('workbench: the data dir keeps runs and the emulator site across workbenches', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'cw-workbench-'));
    const config = loadConfig({ WORKBENCH_DATA_DIR: path.join(dataDir, 'nested') });
    try {
      const first = await createWorkbench(config, { sandbox: { workers: 1 } });
      const created = await first.runs.execute({
        code: 'return (await confluence.pages.create({ spaceId: "ENG", title: "Kept across restarts", body: { storage: "<p>x</p>" } })).id;',
      });
      await first.close();
      expect(existsSync(path.join(config.dataDir, 'runs.sqlite'))).toBe(true);
      expect(existsSync(path.join(config.dataDir, 'emulator.sqlite'))).toBe(true);
      const second = await createWorkbench(config, { sandbox: { workers: 1 } });
      try {
        expect((await second.runs.getRun(created.runId)).status).toBe('ok');
        const read = await second.runs.execute({
          code: 'return (await confluence.pages.get(params.id)).title;',
          params: { id: created.result },
        });
        expect(read.result).toBe('Kept across restarts');
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('workbench: WORKBENCH_RUNS_KEEP bounds the stored runs', async () => {
    const workbench = await createWorkbench(loadConfig({ WORKBENCH_RUNS_KEEP: '2' }), {
      runsDatabase: ':memory:',
      emulatorDatabase: ':memory:',
      sandbox: { workers: 1 },
    });
    try {
      const ids: string[] = [];
      for (let index = 0; index < 3; index++)
        ids.push((await workbench.runs.execute({ code: `return ${index}` })).runId);
      expect((await workbench.runs.listRuns()).map((run) => run.runId)).toEqual([ids[2], ids[1]]);
      await expect(workbench.runs.getRun(ids[0]!)).rejects.toMatchObject({ code: 'RUN_NOT_FOUND' });
    } finally {
      await workbench.close();
    }
  });

  it('config: runs settings are read from the environment and checked', () => {
    expect(loadConfig({}).runs).toEqual({});
    expect(
      loadConfig({
        WORKBENCH_RUNS_KEEP: '50',
        WORKBENCH_RUNS_KEEP_DAYS: '7',
        WORKBENCH_MAX_RUN_TIMEOUT_MS: '60000',
      }).runs,
    ).toEqual({
      maxStoredRuns: 50,
      maxRunAgeDays: 7,
      maxRunTimeoutMs: 60_000,
    });
    expect(() => loadConfig({ WORKBENCH_RUNS_KEEP: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ WORKBENCH_RUNS_KEEP_DAYS: 'a week' })).toThrow(
      /WORKBENCH_RUNS_KEEP_DAYS must be an integer/,
    );
    expect(() => loadConfig({ WORKBENCH_MAX_RUN_TIMEOUT_MS: '10' })).toThrow(/at least 1000/);
  });
});
