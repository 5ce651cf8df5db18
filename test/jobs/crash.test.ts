/**
 * THE crash test (issue 8): a 2,000-item job against the emulator as a separate process with
 * 10-20 ms latency, each item updating a page body, adding a label and a footer comment; the real
 * CLI is killed with SIGKILL at random moments five times and resumed. Afterwards the emulator's
 * own state shows exactly one new version, one label and one comment per page, and the report agrees.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobReport } from '../../src/jobs/types.ts';
import { runCommand, startCommand, waitForOutput } from '../cli/cli-process.ts';
import { MIGRATE_SCRIPT } from './helpers.ts';
import {
  countItems,
  type SiteProcess,
  expectMigratedOnce,
  expectReportedOnce,
  parseJsonl,
  startSiteProcess,
  writeItems,
} from './site-process.ts';

const PAGES = 2_000;
const KILLS = 5;
let site: SiteProcess;

beforeAll(async () => {
  site = await startSiteProcess(PAGES);
  await site.setFaults({ latency: { ms: 10, jitterMs: 10 } });
}, 120_000);

afterAll(() => site?.remove());

function randomBetween(low: number, high: number): number {
  return low + Math.floor(Math.random() * (high - low + 1));
}

describe('job crash recovery', () => {
  it(`job resume: ${PAGES} items, SIGKILL ${KILLS} times at random moments, nothing lost and nothing twice`, async () => {
    const script = path.join(site.dir, 'migrate.job.ts');
    writeFileSync(script, MIGRATE_SCRIPT);
    const items = writeItems(site, site.pageIds);
    let args = ['job', 'start', script, '--items', items, '--id', 'crash', '--concurrency', '16'];
    let kills = 0;
    while (kills < KILLS) {
      const child = startCommand(args, site.env);
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      await waitForOutput(child.stdout!, /^job crash$/m, 120_000);
      const target = countItems(site, 'crash', 'done') + randomBetween(30, 150);
      let finished = false;
      void exited.then(() => (finished = true));
      while (!finished && countItems(site, 'crash', 'done') < target) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      await new Promise((resolve) => setTimeout(resolve, randomBetween(0, 120)));
      if (finished) break;
      child.kill('SIGKILL');
      await exited;
      kills += 1;
      args = ['job', 'resume', 'crash', '--concurrency', '16'];
    }
    expect(kills).toBe(KILLS);

    const last = await runCommand(['job', 'resume', 'crash', '--json'], { env: site.env });
    expect(last.stderr).not.toMatch(/internal error/);
    expect(last.code).toBe(0);

    const report = await runCommand(['job', 'report', 'crash', '--json'], { env: site.env });
    const { status } = JSON.parse(report.stdout) as JobReport;
    expect(status.state).toBe('done');
    expect(status.counts).toMatchObject({ total: PAGES, done: PAGES, failed: 0, skipped: 0 });
    const lines = await runCommand(['job', 'report', 'crash', '--jsonl'], { env: site.env });
    const reported = parseJsonl(lines.stdout);
    expectReportedOnce(site, reported);
    // Items were in flight at the kills: they needed a second attempt.
    expect(reported.filter((item) => item.attempts > 1).length).toBeGreaterThan(0);

    await expectMigratedOnce(site, (id) => `wb-job crash item ${id}`);
  }, 480_000);
});
