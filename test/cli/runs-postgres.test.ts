/**
 * The CLI's runs commands with WORKBENCH_DATABASE_URL: `run` stores in PostgreSQL, and `runs list`,
 * `runs show`, `runs result`, `replay` and `runs prune` (real child processes) read and prune that
 * database, not runs.sqlite; the URL's password never reaches their output.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUNS_DATABASE_FILE } from '../../src/runs/store/database.ts';
import type { RunEnvelope } from '../../src/runs/types.ts';
import { createTestDatabase, dropTestDatabase } from '../support/postgres.ts';
import { createCliEnvironment, runCommand } from './cli-process.ts';

describe('runs commands on PostgreSQL', () => {
  let environment: ReturnType<typeof createCliEnvironment>;
  let databaseUrl: string;
  const cli = (args: string[], input?: string) =>
    runCommand(args, { env: environment.env, ...(input === undefined ? {} : { input }) });

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('cli');
    environment = createCliEnvironment();
    environment.env['WORKBENCH_DATABASE_URL'] = databaseUrl;
  });
  afterAll(async () => {
    environment?.remove();
    if (databaseUrl) await dropTestDatabase(databaseUrl);
  });

  it('run, runs list/show/result, replay and prune all use the database', async () => {
    const code = 'return Array.from({ length: 3000 }, (_, i) => "line " + i);';
    const ran = await cli(['run', '-', '--json'], code);
    expect(ran.code, ran.stderr).toBe(0);
    const envelope = JSON.parse(ran.stdout) as RunEnvelope;
    expect(envelope.resultRef).toBeDefined();
    expect(existsSync(path.join(environment.env['WORKBENCH_DATA_DIR']!, RUNS_DATABASE_FILE))).toBe(
      false,
    );

    const list = await cli(['runs', 'list', '--json']);
    expect(list.code, list.stderr).toBe(0);
    expect((JSON.parse(list.stdout) as Array<{ runId: string }>).map((run) => run.runId)).toEqual([
      envelope.runId,
    ]);
    const show = await cli(['runs', 'show', envelope.runId, '--json']);
    expect(JSON.parse(show.stdout)).toMatchObject({ runId: envelope.runId, code });
    const result = await cli(['runs', 'result', envelope.resultRef!, '--path', '$[2999]']);
    expect(JSON.parse(result.stdout)).toMatchObject({ value: 'line 2999' });
    const replay = await cli(['replay', envelope.runId, '--mode', 'recorded', '--json']);
    expect(replay.code, replay.stderr).toBe(0);
    expect(JSON.parse(replay.stdout)).toMatchObject({ status: 'ok', replayOf: envelope.runId });
    const prune = await cli(['runs', 'prune', '--keep', '1', '--json']);
    expect(JSON.parse(prune.stdout)).toEqual({ removed: 1 });

    const password = new URL(databaseUrl).password;
    for (const outcome of [ran, list, show, result, replay, prune]) {
      expect(outcome.stdout + outcome.stderr).not.toContain(password);
    }
  }, 180_000);
});
