/**
 * `confluence-workbench job ...`: the contract of DESIGN.md (first line `job <id>`, the report,
 * exit codes 0/1/2, --json and --jsonl), and bad input refused before anything runs.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobItemReport, JobStatus } from '../../src/jobs/types.ts';
import { createCliEnvironment } from '../cli/cli-process.ts';
import { cliInProcess } from './cli-in-process.ts';
import { RELABEL_SCRIPT } from './helpers.ts';

let environment: ReturnType<typeof createCliEnvironment>;
let script: string;
let items: string;
const cli = (args: string[], input?: string) => cliInProcess(args, environment.env, input);

beforeAll(() => {
  environment = createCliEnvironment();
  script = path.join(environment.dataDir, 'relabel.job.ts');
  writeFileSync(script, RELABEL_SCRIPT);
  items = path.join(environment.dataDir, 'items.jsonl');
  writeFileSync(items, '{"id":"65537"}\n{"id":"65538"}\n\n{"id":"65539"}\n');
});
afterAll(() => environment.remove());

describe('job CLI', () => {
  it('job start: `job <id>` first on stdout, the report after, exit 0; status, list and report agree', async () => {
    const started = await cli([
      'job',
      'start',
      script,
      '--items',
      items,
      '--params',
      '{"label":"cli"}',
      '--id',
      'cli-1',
      '--concurrency',
      '2',
    ]);
    expect(started.code).toBe(0);
    const lines = started.stdout.split('\n');
    expect(lines[0]).toBe('job cli-1');
    expect(started.stdout).toContain('job cli-1 done');
    expect(started.stdout).toContain('items: 3 total, 3 done, 0 failed');
    expect(started.stderr).toMatch(/job cli-1 \[.*\] 3\/3/);

    const status = JSON.parse(
      (await cli(['job', 'status', 'cli-1', '--json'])).stdout,
    ) as JobStatus;
    expect(status).toMatchObject({
      jobId: 'cli-1',
      state: 'done',
      counts: { total: 3, pending: 0, running: 0, done: 3, failed: 0, skipped: 0 },
      calls: { total: 9, reads: 3, writes: 6, retries: 0, failed: 0 },
      file: 'relabel.job.ts',
    });
    expect(Object.keys(status)).toEqual(
      expect.arrayContaining(['startedAt', 'updatedAt', 'itemsPerSecond', 'etaSeconds']),
    );
    const list = JSON.parse((await cli(['job', 'list', '--json'])).stdout) as JobStatus[];
    expect(list.map((job) => job.jobId)).toContain('cli-1');
    const jsonl = await cli(['job', 'report', 'cli-1', '--jsonl']);
    expect(jsonl.code).toBe(0);
    const reported = jsonl.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as JobItemReport);
    expect(reported.map((item) => [item.key, item.state, item.attempts])).toEqual([
      ['65537', 'done', 1],
      ['65538', 'done', 1],
      ['65539', 'done', 1],
    ]);
  });

  it('job start --json: stdout is only the final status; a failed item exits 1 and the report names it', async () => {
    const failing = path.join(environment.dataDir, 'failing.job.ts');
    writeFileSync(
      failing,
      'export default async function (item: { id: string }) {\n  if (item.id === "b") throw new Error("bad item b");\n  return item.id;\n}\n',
    );
    const outcome = await cli(
      ['job', 'start', failing, '--items', '-', '--json', '--id', 'cli-2'],
      '"a"\n{"id":"b"}\n',
    );
    expect(outcome.code).toBe(1);
    const status = JSON.parse(outcome.stdout) as JobStatus;
    expect(status.counts).toMatchObject({ done: 1, failed: 1 });
    const report = await cli(['job', 'report', 'cli-2']);
    expect(report.code).toBe(1);
    expect(report.stdout).toMatch(/b \(1 attempt\) runtime line 2:\d+ \w+: Error: bad item b/);
  });

  it('bad input: exit 2 with a clear message, and no job is created', async () => {
    const cases: [string[], string | undefined, RegExp][] = [
      [
        ['job', 'start', path.join(environment.dataDir, 'missing.ts')],
        undefined,
        /cannot read the job script/,
      ],
      [
        ['job', 'start', '-', '--items', items],
        'export default async function (item) { return item. }',
        /refused in phase compile/,
      ],
      [
        ['job', 'start', '-', '--items', items],
        'export default async function (item: { id: string }) { return confluence.pages.gett(item.id); }',
        /refused in phase typecheck/,
      ],
      [['job', 'start', '-', '--items', items], 'return 1;', /must be a module|default export/],
      [
        ['job', 'start', '-'],
        'export default async function (item: unknown) { return item; }',
        /no items/,
      ],
      [
        ['job', 'start', script, '--items', '-'],
        '{"id":"1"}\nnot json\n',
        /line 2 of stdin is not JSON/,
      ],
      [['job', 'start', script, '--items', '-'], '{"id":"1"}\n{"id":"1"}\n', /same id "1"/],
      [
        ['job', 'start', script, '--items', items, '--params', '{oops'],
        undefined,
        /not valid JSON/,
      ],
      [
        ['job', 'start', script, '--items', items, '--concurrency', '0'],
        undefined,
        /expected an integer from 1 to 64/,
      ],
      [
        ['job', 'start', script, '--items', items, '--id', 'cli-1'],
        undefined,
        /a job "cli-1" exists already/,
      ],
      [['job', 'start', script, '--items', items, '--id', '../etc'], undefined, /a job id is/],
      [['job', 'status', 'nope'], undefined, /no job "nope"/],
      [['job', 'resume', 'nope'], undefined, /no job "nope"/],
      [['job', 'resume', 'cli-1'], undefined, /is done; nothing to resume/],
      [['job', 'cancel', 'cli-1'], undefined, /is done already/],
      [['job', 'report', 'cli-1', '--json', '--jsonl'], undefined, /--json or --jsonl/],
    ];
    const before = JSON.parse((await cli(['job', 'list', '--json'])).stdout) as JobStatus[];
    for (const [args, input, message] of cases) {
      const outcome = await cli(args, input);
      expect({ args, code: outcome.code }).toEqual({ args, code: 2 });
      expect(outcome.stderr, args.join(' ')).toMatch(message);
      expect(outcome.stdout, args.join(' ')).toBe('');
    }
    const after = JSON.parse((await cli(['job', 'list', '--json'])).stdout) as JobStatus[];
    expect(after).toHaveLength(before.length);
  });

  it('job start --dry-run: nothing is written; the report lists the planned writes per item', async () => {
    const outcome = await cli([
      'job',
      'start',
      script,
      '--items',
      items,
      '--params',
      '{"label":"dry"}',
      '--dry-run',
    ]);
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toContain('[dry run]');
    expect(outcome.stdout).toContain('planned writes:');
    expect(outcome.stdout).toContain(
      '65537: pages.update page 65537; labels.add labels dry on content 65537',
    );
  });
});
