/**
 * `npm run eval`: runs every task both ways on fresh demo sites, checks both, and writes
 * docs/benchmarks.md. Exits 1 when a task fails on either side.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { OPERATIONS } from '../../src/confluence/operations/index.ts';
import { definitionTokens, measureTask, type TaskFigures } from './measure.ts';
import { renderReport } from './report.ts';
import { EVAL_TASKS } from './tasks.ts';

const OUTPUT = new URL('../../docs/benchmarks.md', import.meta.url);

const definitions = { ...(await definitionTokens()), directToolCount: OPERATIONS.length };
const figures: TaskFigures[] = [];
let failed = 0;
for (const task of EVAL_TASKS) {
  try {
    const figure = await measureTask(task);
    figures.push(figure);
    process.stderr.write(
      `ok ${task.id}: results ${figure.runCode.resultTokens} / ${figure.direct.resultTokens} tokens, round trips ${figure.runCode.roundTrips} / ${figure.direct.roundTrips}\n`,
    );
  } catch (error) {
    failed += 1;
    process.stderr.write(`FAIL ${task.id}: ${(error as Error).message}\n`);
  }
}
if (failed > 0) {
  process.stderr.write(`${failed} task(s) failed; docs/benchmarks.md not written\n`);
  process.exitCode = 1;
} else {
  // Formatted as the repository's `prettier --check` expects, so a regenerated file passes lint.
  const filepath = fileURLToPath(OUTPUT);
  const options = { ...(await resolveConfig(filepath)), filepath };
  writeFileSync(OUTPUT, await format(renderReport(figures, definitions, 'npm run eval'), options));
  process.stderr.write(`wrote docs/benchmarks.md\n`);
}
