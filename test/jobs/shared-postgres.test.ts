/**
 * Two processes, one job, one PostgreSQL (issue 11): the real CLI runs `job start` in one child
 * process and `job resume` (which joins a job another live process runs) in a second, both on
 * WORKBENCH_DATABASE_URL, against the emulator as a separate process over HTTP with 10-20 ms of
 * latency. Both hold item leases at once; the first is killed with SIGKILL mid-job; the second
 * takes its items over (reconciled from the ledger) and finishes the job. Every item ends done
 * exactly once and the emulator's own state shows no write applied twice.
 */
import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobReport } from '../../src/jobs/types.ts';
import { createPostgresPool, type PostgresPool } from '../../src/storage/postgres/pool.ts';
import { runCommand, startCommand, waitForOutput } from '../cli/cli-process.ts';
import { usePostgresDatabase } from '../support/postgres.ts';
import { MIGRATE_SCRIPT } from './helpers.ts';
import {
  type SiteProcess,
  expectMigratedOnce,
  expectReportedOnce,
  parseJsonl,
  startSiteProcess,
  writeItems,
} from './site-process.ts';

const PAGES = 240;
const JOB = 'shared';
const database = usePostgresDatabase('jobs_shared');
let site: SiteProcess;
let pool: PostgresPool;
const children: ChildProcess[] = [];

beforeAll(async () => {
  site = await startSiteProcess(PAGES);
  await site.setFaults({ latency: { ms: 10, jitterMs: 10 } });
  pool = createPostgresPool(database.url, { max: 2 });
}, 120_000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await pool?.end();
  site?.remove();
});

/** The pids that hold leases on the job's running items now (owners are `host:pid:nonce`). */
async function leaseHolders(): Promise<Set<number>> {
  const { rows } = await pool.query<{ lease_owner: string }>(
    `SELECT DISTINCT lease_owner FROM job_items WHERE job_id = $1 AND state = 'running'`,
    [JOB],
  );
  return new Set(rows.map((row) => Number(row.lease_owner.split(':')[1])));
}

async function doneItems(): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(
    `SELECT COUNT(*) AS n FROM job_items WHERE job_id = $1 AND state = 'done'`,
    [JOB],
  );
  return Number(rows[0]!.n);
}

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('one job, two processes, one PostgreSQL', () => {
  it(`${PAGES} items worked by two CLI processes at once; one SIGKILLed mid-job; the other finishes; nothing twice`, async () => {
    const env = { ...site.env, WORKBENCH_DATABASE_URL: database.url };
    const script = path.join(site.dir, 'migrate.job.ts');
    writeFileSync(script, MIGRATE_SCRIPT);
    const items = writeItems(site, site.pageIds);

    const first = startCommand(
      ['job', 'start', script, '--items', items, '--id', JOB, '--concurrency', '8'],
      env,
    );
    children.push(first);
    await waitForOutput(first.stdout!, new RegExp(`^job ${JOB}$`, 'm'), 120_000);
    const second = startCommand(['job', 'resume', JOB, '--json'], env);
    children.push(second);
    let output = '';
    second.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    let errors = '';
    second.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const secondExit = new Promise<number | null>((resolve) => second.once('exit', resolve));

    // Both work the job at once: each holds leases on running items.
    await until(async () => {
      const holders = await leaseHolders();
      return holders.has(first.pid!) && holders.has(second.pid!);
    }, 'both processes hold item leases');
    const doneBefore = await doneItems();
    expect(doneBefore).toBeLessThan(PAGES);

    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));

    expect(await secondExit, errors).toBe(0);
    const final = JSON.parse(output) as { state: string; counts: Record<string, number> };
    expect(final).toMatchObject({ state: 'done', counts: { total: PAGES, done: PAGES } });

    const report = await runCommand(['job', 'report', JOB, '--json'], { env });
    const { status } = JSON.parse(report.stdout) as JobReport;
    expect(status.counts).toMatchObject({ total: PAGES, done: PAGES, failed: 0, skipped: 0 });
    const lines = await runCommand(['job', 'report', JOB, '--jsonl'], { env });
    const reported = parseJsonl(lines.stdout);
    expectReportedOnce(site, reported);
    // Job-level figures add up over both processes: the job's calls are its items' calls.
    const sum = (field: 'total' | 'writes') =>
      reported.reduce((total, item) => total + (item.calls?.[field] ?? 0), 0);
    expect(status.calls).toMatchObject({ total: sum('total'), writes: sum('writes') });
    // The killed process's items in flight were taken over: they needed another attempt.
    expect(reported.filter((item) => item.attempts > 1).length).toBeGreaterThan(0);

    await expectMigratedOnce(site, (id) => `wb-job ${JOB} item ${id}`);
  }, 480_000);
});
