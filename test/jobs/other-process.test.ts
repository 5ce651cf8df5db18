/**
 * A job run by one process (the real CLI, as a child) and controlled from another (this test,
 * through the same commands in-process): pause and cancel are noticed through the store, a resume
 * is refused while the owner is alive, and Ctrl-C (SIGINT) pauses cleanly.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobStatus } from '../../src/jobs/types.ts';
import { createCliEnvironment, startCommand, waitForOutput } from '../cli/cli-process.ts';
import { cliInProcess } from './cli-in-process.ts';

const ITEMS = 400;
let environment: ReturnType<typeof createCliEnvironment>;
let script: string;
let items: string;
const cli = (args: string[]) => cliInProcess(args, environment.env);

beforeAll(() => {
  environment = createCliEnvironment();
  script = path.join(environment.dataDir, 'read.job.ts');
  writeFileSync(
    script,
    // Ten reads an item: slow enough that the job is still running when the test acts on it.
    'export default async function (item: { id: string }) {\n  let key = "";\n  for (let read = 0; read < 10; read++) key = (await confluence.spaces.get("ENG")).key;\n  return key + item.id;\n}\n',
  );
  items = path.join(environment.dataDir, 'items.jsonl');
  writeFileSync(
    items,
    Array.from({ length: ITEMS }, (_, index) => JSON.stringify({ id: `i${index}` })).join('\n'),
  );
});
afterAll(() => environment.remove());

function doneCount(jobId: string): number {
  const db = new DatabaseSync(path.join(environment.env['WORKBENCH_DATA_DIR']!, 'jobs.sqlite'), {
    readOnly: true,
  });
  try {
    const row = db
      .prepare("SELECT COUNT(*) AS n FROM job_items WHERE job_id = ? AND state = 'done'")
      .get(jobId) as { n: number };
    return Number(row.n);
  } finally {
    db.close();
  }
}

/** Starts `job start` as a child and resolves once a few items are done. */
async function startRunning(jobId: string) {
  const child = startCommand(
    ['job', 'start', script, '--items', items, '--id', jobId, '--concurrency', '2'],
    environment.env,
  );
  let stdout = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  await waitForOutput(child.stdout!, new RegExp(`^job ${jobId}$`, 'm'), 120_000);
  while (doneCount(jobId) < 3) await new Promise((resolve) => setTimeout(resolve, 20));
  return { child, exited, stdout: () => stdout };
}

describe('jobs across processes', () => {
  it('job pause from another process: the owner notices, finishes its items in flight and exits 1, paused; resume elsewhere is refused while it runs, then finishes the job', async () => {
    const running = await startRunning('across-1');
    const busy = await cli(['job', 'resume', 'across-1']);
    expect(busy.code).toBe(2);
    expect(busy.stderr).toMatch(/running in another process/);
    const paused = await cli(['job', 'pause', 'across-1', '--json']);
    expect(paused.code).toBe(0);
    expect((JSON.parse(paused.stdout) as JobStatus).state).toMatch(/pausing|paused/);
    expect(await running.exited).toBe(1);
    expect(running.stdout()).toContain('job across-1 paused');
    const status = JSON.parse(
      (await cli(['job', 'status', 'across-1', '--json'])).stdout,
    ) as JobStatus;
    expect(status.state).toBe('paused');
    expect(status.counts.running).toBe(0);
    expect(status.counts.done).toBeLessThan(ITEMS);

    const resumed = await cli(['job', 'resume', 'across-1', '--json']);
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout) as JobStatus).toMatchObject({
      state: 'done',
      counts: { done: ITEMS, failed: 0 },
    });
  }, 180_000);

  it('Ctrl-C (SIGINT) pauses the job cleanly; job cancel from another process then skips what is left', async () => {
    const running = await startRunning('across-2');
    running.child.kill('SIGINT');
    expect(await running.exited).toBe(1);
    const paused = JSON.parse(
      (await cli(['job', 'status', 'across-2', '--json'])).stdout,
    ) as JobStatus;
    expect(paused).toMatchObject({ state: 'paused', counts: { running: 0, failed: 0 } });
    const cancelled = await cli(['job', 'cancel', 'across-2', '--json']);
    expect(cancelled.code).toBe(0);
    const status = JSON.parse(cancelled.stdout) as JobStatus;
    expect(status.state).toBe('cancelled');
    expect(status.counts.skipped).toBe(ITEMS - paused.counts.done);
    expect(status.counts.done + status.counts.skipped).toBe(ITEMS);
  }, 180_000);
});
