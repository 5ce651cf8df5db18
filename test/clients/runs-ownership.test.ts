/**
 * Ownership in the runs layer itself, on a real runs database file: a database made before
 * tenants (no `client` column) opens, its runs stay visible to admins only, and the service's
 * lookups (getRun, readResult, replay, listRuns) answer another user-role client as if the run
 * did not exist, through every door, the parsed-result cache included.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineTenant } from '../../src/clients/types.ts';
import { RUNS_SCHEMA } from '../../src/runs/store/run-table.ts';
import type { Workbench } from '../../src/workbench.ts';
import { startTestWorkbench } from '../runs/helpers.ts';

const ALICE = defineTenant({ name: 'alice', role: 'user' });
const BOB = defineTenant({ name: 'bob', role: 'user' });
const ADMIN = defineTenant({ name: 'ops', role: 'admin' });

let dir: string;
let workbench: Workbench;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'cw-owners-'));
  const file = path.join(dir, 'runs.sqlite');
  // The runs table as it was before tenants, with one run in it.
  const old = new DatabaseSync(file);
  old.exec(RUNS_SCHEMA.replace(/,\s*client TEXT/, ''));
  old
    .prepare(
      `INSERT INTO runs (id, created_at, mode, status, duration_ms, code, options, envelope,
         call_summary, logs, calls, calls_complete, bytes)
       VALUES ('run_old', 1, 'live', 'ok', 1, 'return 1', '{}', '{}', '{"total":0}', '[]', '[]', 1, 1)`,
    )
    .run();
  old.close();
  workbench = await startTestWorkbench({ runsDatabase: file });
}, 60_000);
afterAll(async () => {
  await workbench?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('runs ownership', () => {
  it('a database from before tenants opens; its runs are unowned, listed for admins only', async () => {
    const admin = await workbench.runs.listRuns({ requester: ADMIN });
    expect(admin.find((run) => run.runId === 'run_old')).toBeDefined();
    expect(admin.find((run) => run.runId === 'run_old')?.client).toBeUndefined();
    expect(await workbench.runs.listRuns({ requester: ALICE })).toEqual([]);
    await expect(workbench.runs.getRun('run_old', { requester: ALICE })).rejects.toMatchObject({
      code: 'RUN_NOT_FOUND',
    });
  });

  it('getRun, readResult, replay and listRuns: another user-role client gets RUN_NOT_FOUND / RESULT_NOT_FOUND', async () => {
    const envelope = await workbench.runs.execute(
      { code: 'return Array.from({ length: 300 }, (_, i) => "row " + i);', resultBudget: 200 },
      { client: ALICE },
    );
    expect(envelope.resultRef).toBeDefined();
    const ref = envelope.resultRef!;
    // The owner reads first, so the parsed value is in the reader's cache.
    expect((await workbench.runs.readResult(ref, { path: '$[1]', requester: ALICE })).value).toBe(
      'row 1',
    );
    await expect(workbench.runs.readResult(ref, { requester: BOB })).rejects.toMatchObject({
      code: 'RESULT_NOT_FOUND',
    });
    expect((await workbench.runs.readResult(ref, { path: '$[2]', requester: ADMIN })).value).toBe(
      'row 2',
    );
    await expect(workbench.runs.getRun(envelope.runId, { requester: BOB })).rejects.toMatchObject({
      code: 'RUN_NOT_FOUND',
    });
    await expect(
      workbench.runs.replay(envelope.runId, 'recorded', { client: BOB }),
    ).rejects.toMatchObject({ code: 'RUN_NOT_FOUND' });
    expect(
      (await workbench.runs.listRuns({ requester: BOB })).map((run) => run.runId),
    ).not.toContain(envelope.runId);
    expect(await workbench.runs.getRun(envelope.runId, { requester: ALICE })).toMatchObject({
      client: 'alice',
    });
    // An admin's replay is the admin's run.
    const replay = await workbench.runs.replay(envelope.runId, 'recorded', { client: ADMIN });
    expect((await workbench.runs.getRun(replay.runId)).client).toBe('ops');
  });
});

describe('a client policy on the site', () => {
  it('a space key in a client policy that the site does not have is refused at start, naming the client', async () => {
    const { writeFileSync } = await import('node:fs');
    const { loadConfig } = await import('../../src/config.ts');
    const { withClients } = await import('../../src/clients/load-clients.ts');
    const file = path.join(dir, 'clients.yaml');
    writeFileSync(
      file,
      'clients: [{ name: typo, key: k-typo, role: user, policy: { allowedSpaces: [MKTT] } }]',
    );
    const config = withClients(loadConfig({ WORKBENCH_CLIENTS_FILE: file }));
    const { createWorkbench } = await import('../../src/workbench.ts');
    const options = { runsDatabase: ':memory:', emulatorDatabase: ':memory:' };
    await expect(createWorkbench(config, options)).rejects.toThrow(
      /WORKBENCH_CLIENTS_FILE client typo: .*MKTT/,
    );
  });
});
