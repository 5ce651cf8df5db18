/**
 * `npm run eval`: runs every task both ways on fresh demo sites, checks both, and writes
 * docs/benchmarks.md. `npm run eval -- --large` also runs the bulk tasks on copies of a generated
 * 5,000-page site (large-site.ts) and writes both suites and their sum. Exits 1 when a task fails
 * on either side (the file is then left as it was).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { format, resolveConfig } from 'prettier';
import { OPERATIONS } from '../../src/confluence/operations/index.ts';
import { createLargeSiteFile } from './large-site.ts';
import { definitionTokens, measureTask, type TaskFigures } from './measure.ts';
import { renderReport, type SuiteFigures } from './report.ts';
import type { EvalServiceOptions } from './site-service.ts';
import type { EvalTask } from './task.ts';
import { EVAL_TASKS } from './tasks.ts';
import { LARGE_TASKS } from './tasks-large.ts';

const OUTPUT = new URL('../../docs/benchmarks.md', import.meta.url);

const { values: flags } = parseArgs({
  options: { large: { type: 'boolean', default: false } },
  strict: true,
});

let failed = 0;

async function runSuite(
  name: SuiteFigures['name'],
  tasks: readonly EvalTask[],
  site: EvalServiceOptions,
): Promise<SuiteFigures> {
  const started = performance.now();
  const figures: TaskFigures[] = [];
  for (const task of tasks) {
    try {
      const figure = await measureTask(task, site);
      figures.push(figure);
      process.stderr.write(
        `ok ${name} ${task.id}: results ${figure.runCode.resultTokens} / ${figure.direct.resultTokens} tokens, round trips ${figure.runCode.roundTrips} / ${figure.direct.roundTrips}\n`,
      );
    } catch (error) {
      failed += 1;
      process.stderr.write(`FAIL ${name} ${task.id}: ${(error as Error).message}\n`);
    }
  }
  return { name, figures, seconds: (performance.now() - started) / 1000 };
}

const definitions = { ...(await definitionTokens()), directToolCount: OPERATIONS.length };
const suites = [await runSuite('demo', EVAL_TASKS, {})];
if (flags.large) {
  const directory = mkdtempSync(path.join(tmpdir(), 'workbench-eval-site-'));
  try {
    const started = performance.now();
    const { file, summary } = createLargeSiteFile(directory);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    process.stderr.write(
      `generated the large site in ${seconds} s: ${summary.pages} pages in ${summary.spaces.join(', ')}, ${summary.versions} versions, ${summary.comments} comments, ${summary.maxDepth} levels deep\n`,
    );
    suites.push({
      ...(await runSuite('large', LARGE_TASKS, { siteFile: file })),
      site: { ...summary, generateSeconds: Number(seconds) },
    });
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
if (failed > 0) {
  process.stderr.write(`${failed} task(s) failed; docs/benchmarks.md not written\n`);
  process.exitCode = 1;
} else {
  // Formatted as the repository's `prettier --check` expects, so a regenerated file passes lint.
  const filepath = fileURLToPath(OUTPUT);
  const options = { ...(await resolveConfig(filepath)), filepath };
  const command = flags.large ? 'npm run eval -- --large' : 'npm run eval';
  writeFileSync(OUTPUT, await format(renderReport(suites, definitions, command), options));
  process.stderr.write(`wrote docs/benchmarks.md\n`);
}
