import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallRecord } from '../../src/confluence/types.ts';
import { openRunsDatabase } from '../../src/runs/store/database.ts';
import { createSqliteRunsStore } from '../../src/runs/store/sqlite-runs-store.ts';
import type { RunEnvelope } from '../../src/runs/types.ts';
import type { Workbench } from '../../src/workbench.ts';
import { startTestWorkbench } from './helpers.ts';

/** Reads a page title, so that live and recorded replays can tell the site's state apart. */
const READ_TITLE = 'const page = await confluence.pages.get(params.id);\nreturn page.title;';

describe('RunService.replay', () => {
  let workbench: Workbench;
  let directory: string;
  let pageId: string;

  beforeAll(async () => {
    directory = mkdtempSync(path.join(tmpdir(), 'cw-replay-'));
    workbench = await startTestWorkbench({ runsDatabase: path.join(directory, 'runs.sqlite') });
    const created = await workbench.runs.execute({
      code: 'const page = await confluence.pages.create({ spaceId: "ENG", title: "Replay original", body: { storage: "<p>v1</p>" } });\nreturn page.id;',
    });
    pageId = created.result as string;
  });
  afterAll(async () => {
    await workbench.close();
    rmSync(directory, { recursive: true, force: true });
  });

  async function renamePage(title: string): Promise<void> {
    const renamed = await workbench.runs.execute({
      code: 'const page = await confluence.pages.get(params.id);\nawait confluence.pages.update(params.id, { version: page.version.number + 1, title: params.title });',
      params: { id: pageId, title },
    });
    expect(renamed.status).toBe('ok');
  }

  it('replay: live re-runs the stored code and params against the site as it is now', async () => {
    const original = await workbench.runs.execute({ code: READ_TITLE, params: { id: pageId } });
    await renamePage('Renamed for live');
    const replayed = await workbench.runs.replay(original.runId, 'live');
    expect(replayed).toMatchObject({
      status: 'ok',
      mode: 'live',
      replayOf: original.runId,
      result: 'Renamed for live',
    });
    expect(replayed.runId).not.toBe(original.runId);
    expect((await workbench.runs.listRuns({ limit: 1 }))[0]).toMatchObject({
      runId: replayed.runId,
      replayOf: original.runId,
      source: 'replay',
    });
  });

  it('replay: recorded answers from the recording, offline, with the original result', async () => {
    const original = await workbench.runs.execute({ code: READ_TITLE, params: { id: pageId } });
    const titleThen = original.result;
    await renamePage(`Renamed ${Date.now()}`);
    workbench.emulator!.faults.clear();
    const replayed = await workbench.runs.replay(original.runId, 'recorded');
    expect(workbench.emulator!.faults.get().counters.requests).toBe(0);
    expect(replayed).toMatchObject({
      status: 'ok',
      mode: 'recorded',
      result: titleThen,
      calls: { total: 1 },
    });
    expect(replayed.divergence).toBeUndefined();
  });

  it('replay: dry-run re-runs the writes as planned, sending none', async () => {
    const original = await workbench.runs.execute({
      code: 'const page = await confluence.pages.get(params.id);\nawait confluence.pages.update(params.id, { version: page.version.number + 1, title: "Dry " + page.title });\nreturn "done";',
      params: { id: pageId },
    });
    expect(original.writes).toEqual([
      expect.objectContaining({ operation: 'pages.update', status: 'applied' }),
    ]);
    const before = await workbench.runs.execute({ code: READ_TITLE, params: { id: pageId } });
    const replayed = await workbench.runs.replay(original.runId, 'dry-run');
    expect(replayed).toMatchObject({ status: 'ok', mode: 'dry-run', replayOf: original.runId });
    expect(replayed.writes).toEqual([
      expect.objectContaining({ operation: 'pages.update', status: 'planned' }),
    ]);
    const after = await workbench.runs.execute({ code: READ_TITLE, params: { id: pageId } });
    expect(after.result).toBe(before.result);
  });

  it('replay: recorded reports the first call whose arguments differ (a divergence)', async () => {
    const code =
      'await confluence.spaces.get("ENG");\nconst title = "t" + Math.random();\nreturn await confluence.pages.list({ title });';
    const original = await workbench.runs.execute({ code });
    expect(original.status).toBe('ok');
    const replayed = (await workbench.runs.replay(original.runId, 'recorded')) as RunEnvelope;
    expect(replayed.divergence).toMatchObject({
      callIndex: 1,
      expected: { operation: 'pages.list', args: { title: expect.stringMatching(/^t0\./) } },
      got: { operation: 'pages.list', args: { title: expect.stringMatching(/^t0\./) } },
      message: expect.stringContaining('call #1'),
    });
    expect(replayed.divergence!.expected!.args).not.toEqual(replayed.divergence!.got!.args);
    expect(replayed.error).toMatchObject({
      code: 'REPLAY_DIVERGED',
      hint: expect.stringContaining('recorded replay'),
    });
  });

  it('replay: recorded reports a script that stops before the recording ends', async () => {
    const runId = 'run_crafted_short';
    const call = (index: number): CallRecord => ({
      index,
      operation: 'spaces.get',
      kind: 'read',
      args: { id: 'ENG' },
      status: 'ok',
      retries: 0,
      durationMs: 1,
      responseBytes: 20,
      response: { id: '1', key: 'ENG', name: 'Engineering' },
      startedAt: Date.now(),
    });
    const envelope: RunEnvelope = {
      runId,
      status: 'ok',
      result: 'x',
      truncated: false,
      logs: [],
      calls: { total: 2, reads: 2, writes: 0, retries: 0, failed: 0 },
      writes: [],
      durationMs: 1,
      mode: 'live',
    };
    const store = createSqliteRunsStore(openRunsDatabase(path.join(directory, 'runs.sqlite')));
    await store.save({
      runId,
      createdAt: Date.now(),
      mode: 'live',
      code: 'return (await confluence.spaces.get("ENG")).name;',
      envelope,
      logs: [],
      calls: [call(0), call(1)],
    });
    const replayed = await workbench.runs.replay(runId, 'recorded');
    expect(replayed).toMatchObject({ status: 'ok', result: 'Engineering' });
    expect(replayed.divergence).toMatchObject({
      callIndex: 1,
      got: null,
      expected: { operation: 'spaces.get' },
    });
  });
});
