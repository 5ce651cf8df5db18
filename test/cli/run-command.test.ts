/** `run`, `runs`, `replay` and `types` through the real command, as a child process. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunEnvelope, StoredRun, StoredRunSummary } from '../../src/runs/types.ts';
import { createCliEnvironment, runCommand } from './cli-process.ts';

// Each test starts several CLI processes, each with its own sandbox: slow on a loaded machine.
describe('confluence-workbench run / runs / replay / types', { timeout: 120_000 }, () => {
  let environment: ReturnType<typeof createCliEnvironment>;
  let script: string;
  const cli = (args: string[], input?: string) =>
    runCommand(args, { env: environment.env, ...(input === undefined ? {} : { input }) });

  beforeAll(() => {
    environment = createCliEnvironment();
    script = path.join(environment.dataDir, 'spaces.ts');
    writeFileSync(
      script,
      'console.log("listing", params.note);\nprogress(1, 1, "listed");\nreturn (await confluence.spaces.list()).results.map((space) => space.key).sort();\n',
    );
  });
  afterAll(() => environment.remove());

  it('run: a script file prints its result on stdout and the run on stderr, exit 0', async () => {
    const outcome = await cli(['run', script, '--params', '{"note":"hi"}']);
    expect(outcome.code).toBe(0);
    expect(JSON.parse(outcome.stdout)).toEqual(['ENG', 'HR', 'MKT']);
    expect(outcome.stderr).toContain('│ listing hi');
    expect(outcome.stderr).toContain('progress 1/1 listed');
    expect(outcome.stderr).toMatch(/✓ run_\w+ ok in \d+ ms · 1 call/);
  });

  it('run --json: a script from stdin prints exactly the envelope the store keeps', async () => {
    const outcome = await cli(['run', '-', '--json'], 'return { answer: 42 };');
    expect(outcome.code).toBe(0);
    const envelope = JSON.parse(outcome.stdout) as RunEnvelope;
    expect(envelope).toMatchObject({
      status: 'ok',
      result: { answer: 42 },
      truncated: false,
      mode: 'live',
    });
    const shown = await cli(['runs', 'show', envelope.runId, '--json']);
    expect(shown.code).toBe(0);
    const stored = JSON.parse(shown.stdout) as StoredRun;
    expect(stored.envelope).toEqual(envelope);
    expect(stored).toMatchObject({ source: 'cli', code: 'return { answer: 42 };' });
  });

  it('run: a failing script exits 1 and says phase, line and hint', async () => {
    const outcome = await cli(
      ['run', '-'],
      'const page = await confluence.pages.get("999999999");\nreturn page.title;',
    );
    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr).toMatch(/✗ run_\w+ error/);
    expect(outcome.stderr).toContain('confluence error NOT_FOUND at line 1');
    expect(outcome.stderr).toContain('hint: ');
    const json = await cli(['run', '-', '--json'], 'return confluence.pages.nothing();');
    expect(json.code).toBe(1);
    expect((JSON.parse(json.stdout) as RunEnvelope).error).toMatchObject({ phase: 'typecheck' });
  });

  it('run --dry-run: writes are planned, not sent', async () => {
    const outcome = await cli(
      ['run', '-', '--dry-run', '--json'],
      'const page = await confluence.pages.create({ spaceId: "ENG", title: "CLI dry run", body: { storage: "<p>x</p>" } });\nreturn page.title;',
    );
    expect(outcome.code).toBe(0);
    const envelope = JSON.parse(outcome.stdout) as RunEnvelope;
    expect(envelope).toMatchObject({
      mode: 'dry-run',
      writes: [{ operation: 'pages.create', status: 'planned' }],
    });
    const check = await cli(
      ['run', '-', '--json'],
      'return (await confluence.pages.list({ title: "CLI dry run" })).results.length;',
    );
    expect((JSON.parse(check.stdout) as RunEnvelope).result).toBe(0);
  });

  it('run --budget: a truncated result is read back with runs result', async () => {
    const outcome = await cli(
      ['run', '-', '--json', '--budget', '300'],
      'return Array.from({ length: 100 }, (_, i) => ({ i }));',
    );
    const envelope = JSON.parse(outcome.stdout) as RunEnvelope;
    expect(envelope.truncated).toBe(true);
    expect(JSON.stringify(envelope.result).length).toBeLessThanOrEqual(300);
    const slice = await cli([
      'runs',
      'result',
      envelope.resultRef!,
      '--path',
      '$',
      '--offset',
      '95',
    ]);
    expect(slice.code).toBe(0);
    expect(JSON.parse(slice.stdout)).toMatchObject({
      type: 'array',
      total: 100,
      offset: 95,
      value: [{ i: 95 }, { i: 96 }, { i: 97 }, { i: 98 }, { i: 99 }],
      hasMore: false,
    });
    const bad = await cli(['runs', 'result', envelope.resultRef!, '--path', '$[x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('invalid JSON path');
  });

  it('run: the truncation hint names a command that reads on from the first cut', async () => {
    const shapes: Array<[string, string, number]> = [
      [
        'return { meta: { n: 1 }, pages: Array.from({ length: 300 }, (_, i) => ({ i })) };',
        '$.pages',
        300,
      ],
      ['return Array.from({ length: 300 }, (_, i) => ({ i, t: "x" + i }));', '$', 300],
      ['return { a: { b: "z".repeat(9000) } };', '$.a.b', 9000],
    ];
    for (const [code, path, total] of shapes) {
      const outcome = await cli(['run', '-', '--budget', '400'], code);
      expect(outcome.code, code).toBe(0);
      const hint =
        /read on from the first cut: confluence-workbench (runs result \S+ --path '([^']+)'(?: --offset (\d+))?)/.exec(
          outcome.stderr,
        );
      expect(hint?.[2], outcome.stderr).toBe(path);
      const offset = Number(hint![3]);
      expect(offset).toBeGreaterThan(0);
      const args = hint![1]!.split(' ').map((word) => word.replaceAll("'", ''));
      const slice = await cli([...args, '--budget', '200']);
      expect(slice.code, slice.stderr).toBe(0);
      expect(JSON.parse(slice.stdout)).toMatchObject({ path, offset, total });
    }
  });

  it('runs: an unknown subcommand is named, with the ones there are', async () => {
    const outcome = await cli(['runs', 'frob']);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain(
      "unknown subcommand 'frob' of 'runs' (one of: list, show, result",
    );
    expect(outcome.stderr).not.toContain('too many arguments');
  });

  it('runs list: shows the runs made by earlier commands, newest first', async () => {
    const made = JSON.parse(
      (await cli(['run', '-', '--json'], 'return "listed";')).stdout,
    ) as RunEnvelope;
    const table = await cli(['runs']);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^RUN\s+CREATED\s+STATUS/);
    expect(table.stdout.split('\n')[1]).toContain(made.runId);
    const json = await cli(['runs', 'list', '--json', '--limit', '2', '--status', 'ok']);
    const list = JSON.parse(json.stdout) as StoredRunSummary[];
    expect(list).toHaveLength(2);
    expect(list[0]).toMatchObject({ runId: made.runId, status: 'ok', source: 'cli' });
  });

  it('runs show: a readable report with the code, the calls and the logs', async () => {
    const made = JSON.parse(
      (await cli(['run', script, '--json', '--params', '{"note":"show"}'])).stdout,
    ) as RunEnvelope;
    const shown = await cli(['runs', 'show', made.runId]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`run ${made.runId}`);
    expect(shown.stdout).toContain('── code');
    expect(shown.stdout).toMatch(/#0 spaces\.list .* → ok/);
    expect(shown.stdout).toContain('log   listing show');
  });

  it('replay: recorded by default, live and dry-run on request; exit 0', async () => {
    const made = JSON.parse(
      (await cli(['run', script, '--json', '--params', '{"note":"r"}'])).stdout,
    ) as RunEnvelope;
    const recorded = await cli(['replay', made.runId, '--json']);
    expect(recorded.code).toBe(0);
    expect(JSON.parse(recorded.stdout)).toMatchObject({
      mode: 'recorded',
      replayOf: made.runId,
      result: ['ENG', 'HR', 'MKT'],
    });
    const live = await cli(['replay', made.runId, '--mode', 'live']);
    expect(live.code).toBe(0);
    expect(JSON.parse(live.stdout)).toEqual(['ENG', 'HR', 'MKT']);
    expect(live.stderr).toContain(`replay of ${made.runId}`);
    const dryRun = await cli(['replay', made.runId, '--mode', 'dry-run', '--json']);
    expect(dryRun.code).toBe(0);
    expect(JSON.parse(dryRun.stdout)).toMatchObject({ mode: 'dry-run', replayOf: made.runId });
  });

  it('replay: a recorded replay that diverges exits 1 and says where', async () => {
    const made = JSON.parse(
      (
        await cli(
          ['run', '-', '--json'],
          'return (await confluence.pages.list({ title: "x" + Math.random() })).results.length;',
        )
      ).stdout,
    ) as RunEnvelope;
    const replayed = await cli(['replay', made.runId]);
    expect(replayed.code).toBe(1);
    expect(replayed.stderr).toContain('diverged at call #0');
    expect(replayed.stderr.split('diverged at call #0')).toHaveLength(2);
  });

  it('replay --mode recorded: writes are reported as replayed, not applied', async () => {
    const made = JSON.parse(
      (
        await cli(
          ['run', '-', '--json'],
          'const space = (await confluence.spaces.list()).results[0];\nawait confluence.pages.create({ spaceId: space.id, title: "replayed writes", body: { storage: "<p>x</p>" } });\nreturn 1;',
        )
      ).stdout,
    ) as RunEnvelope;
    expect(made.writes).toMatchObject([{ operation: 'pages.create', status: 'applied' }]);
    const recorded = await cli(['replay', made.runId]);
    expect(recorded.code).toBe(0);
    expect(recorded.stderr).toMatch(/replayed pages\.create/);
    expect(recorded.stderr).not.toMatch(/applied/);
    const json = JSON.parse((await cli(['replay', made.runId, '--json'])).stdout) as RunEnvelope;
    expect(json.writes).toMatchObject([{ operation: 'pages.create', status: 'replayed' }]);
  });

  it('types: prints the SDK declarations', async () => {
    const outcome = await cli(['types']);
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toMatch(/^\/\/ Generated/);
    expect(outcome.stdout).toContain('interface PagesApi');
  });
});
