/**
 * `npm run bench`: runs every bench/*.bench.ts (or those whose file name contains an argument,
 * e.g. `npm run bench -- sandbox`) and prints one table of figures with their targets.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BenchRow, type BenchSuite, round } from './harness.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const files = (await readdir(here))
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort();

const table: Array<BenchRow & { suite: string }> = [];
for (const file of files) {
  const suite = (await import(path.join(here, file))).default as BenchSuite;
  process.stderr.write(`running ${suite.name} …\n`);
  try {
    for (const row of await suite.run()) table.push({ ...row, suite: suite.name });
  } catch (error) {
    process.stderr.write(`  ${suite.name} failed: ${(error as Error).stack ?? error}\n`);
    process.exitCode = 1;
  }
}

const lines = [
  `node ${process.version} · ${process.platform}/${process.arch} · ${new Date().toISOString()}`,
  '',
  '| suite | figure | value | target | met | note |',
  '|---|---|---|---|---|---|',
];
for (const row of table) {
  const target = row.target ? `${row.target.op} ${row.target.value} ${row.unit}` : '';
  const met = row.target ? (meets(row) ? 'yes' : 'NO') : '';
  lines.push(
    `| ${row.suite} | ${row.name} | ${round(row.value)} ${row.unit} | ${target} | ${met} | ${row.note ?? ''} |`,
  );
}
console.log(lines.join('\n'));
// Benchmarks leave worker pools and servers behind only by mistake; do not hang on them.
setTimeout(() => process.exit(), 500).unref();

function meets(row: BenchRow): boolean {
  if (!row.target) return true;
  return row.target.op === '<=' ? row.value <= row.target.value : row.value >= row.target.value;
}
