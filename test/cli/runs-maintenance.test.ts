/**
 * `runs prune` and `runs export` through the real command, over a runs store seeded in the data
 * dir (the store itself, not a fake: the command opens the same SQLite file).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUNS_DATABASE_FILE, openRunsDatabase } from '../../src/runs/store/database.ts';
import { createSqliteRunsStore } from '../../src/runs/store/sqlite-runs-store.ts';
import type { RunEnvelope, StoredRun } from '../../src/runs/types.ts';
import { createCliEnvironment, runCommand } from './cli-process.ts';

const DAY_MS = 24 * 60 * 60 * 1_000;
const NOW = Date.now();
/** Ages of the seeded runs in days, oldest first. */
const AGES = [20, 10, 3, 1, 0];

function envelope(runId: string): RunEnvelope {
  return {
    runId,
    status: 'ok',
    result: runId,
    truncated: false,
    logs: [],
    calls: { total: 0, reads: 0, writes: 0, retries: 0, failed: 0 },
    writes: [],
    durationMs: 1,
    mode: 'live',
  };
}

describe('confluence-workbench runs prune / export', () => {
  let environment: ReturnType<typeof createCliEnvironment>;
  const cli = (args: string[]) => runCommand(args, { env: environment.env });

  beforeAll(async () => {
    environment = createCliEnvironment();
    // The data dir exists once a command has opened it.
    await cli(['runs']);
    const database = openRunsDatabase(
      path.join(environment.env['WORKBENCH_DATA_DIR']!, RUNS_DATABASE_FILE),
    );
    const store = createSqliteRunsStore(database, { now: () => NOW });
    for (const [index, age] of AGES.entries()) {
      await store.save({
        runId: `run_${index}`,
        createdAt: NOW - age * DAY_MS,
        mode: 'live',
        code: `return ${index}`,
        envelope: envelope(`run_${index}`),
        logs: [],
        calls: [],
      });
    }
    database.close();
  });
  afterAll(() => environment.remove());

  it('runs export: every run in full, oldest first, as a JSON array or JSON lines', async () => {
    const array = await cli(['runs', 'export']);
    expect(array.code, array.stderr).toBe(0);
    const runs = JSON.parse(array.stdout) as StoredRun[];
    expect(runs.map((run) => run.runId)).toEqual(['run_0', 'run_1', 'run_2', 'run_3', 'run_4']);
    expect(runs[0]).toMatchObject({ code: 'return 0', envelope: { result: 'run_0' } });
    const lines = await cli(['runs', 'export', '--jsonl']);
    const parsed = lines.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as StoredRun);
    expect(parsed).toEqual(runs);
  });

  it('runs export --since: only the runs created from then on; a bad date exits 2', async () => {
    const since = new Date(NOW - 5 * DAY_MS).toISOString();
    const recent = await cli(['runs', 'export', '--jsonl', '--since', since]);
    expect(
      recent.stdout
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line).runId),
    ).toEqual(['run_2', 'run_3', 'run_4']);
    const none = await cli(['runs', 'export', '--since', '2999-01-01']);
    expect(JSON.parse(none.stdout)).toEqual([]);
    const bad = await cli(['runs', 'export', '--since', 'yesterday']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('expected an ISO date');
  });

  it('runs prune: --older-than removes by age, --keep by count; the rest stay', async () => {
    const byAge = await cli(['runs', 'prune', '--older-than', '7', '--json']);
    expect(byAge.code, byAge.stderr).toBe(0);
    expect(JSON.parse(byAge.stdout)).toEqual({ removed: 2 });
    const byCount = await cli(['runs', 'prune', '--keep', '2']);
    expect(byCount.stdout).toContain('removed 1 run');
    const left = JSON.parse((await cli(['runs', 'list', '--json'])).stdout) as StoredRun[];
    expect(left.map((run) => run.runId)).toEqual(['run_4', 'run_3']);
    const nothing = await cli(['runs', 'prune', '--json']);
    expect(JSON.parse(nothing.stdout)).toEqual({ removed: 0 });
    const bad = await cli(['runs', 'prune', '--keep', '-1']);
    expect(bad.code).toBe(2);
  });
});
