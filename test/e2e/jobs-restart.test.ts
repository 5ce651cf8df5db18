/**
 * Jobs survive the service: `confluence-workbench serve` as a real process, a job started over
 * REST, the service killed with SIGKILL while items are in flight, started again on the same data
 * dir: the job goes on by itself and every item ends done exactly once, with each page updated
 * once (a second update would show as version 3) and labelled once. A SIGTERM pauses the job
 * cleanly instead (exit 0), and a resume over REST finishes it.
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import type { JobItemReport, JobStatus } from '../../src/jobs/types.ts';
import { createCliEnvironment, startCommand } from '../cli/cli-process.ts';
import { createPagesScript, RELABEL_SCRIPT } from './helpers/job-scripts.ts';
import { DEMO_AUTHORIZATION } from './helpers/real-service.ts';
import { fetchJson, postJson } from '../support/http-json.ts';

const PAGES = 40;
const environment = createCliEnvironment();
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  environment.remove();
});

/** Starts `serve --port 0` and resolves with its URL from the announcement line. */
async function serve(): Promise<{ child: ChildProcess; url: string }> {
  // The test slows the embedded emulator down through its fault switch, off unless asked for.
  const child = startCommand(['serve', '--port', '0'], {
    ...environment.env,
    WORKBENCH_EMULATOR_FAULTS: '1',
  });
  children.push(child);
  child.stdin!.end();
  child.stderr!.resume();
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${seen}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${seen}`)));
  });
  return { child, url };
}

async function poll(url: string, until: (status: JobStatus) => boolean): Promise<JobStatus> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const status = await fetchJson<JobStatus>(url);
    if (until(status) || Date.now() > deadline) return status;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function slowDown(url: string): Promise<void> {
  const faults = await fetch(`${url}/emulator/__emulator/faults`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ latency: { ms: 30 } }),
  });
  expect(faults.ok).toBe(true);
}

function exited(child: ChildProcess): Promise<number | null> {
  return child.exitCode !== null
    ? Promise.resolve(child.exitCode)
    : new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('jobs across service restarts (serve as a process)', () => {
  it('serve: SIGKILL mid-job, start again on the same data dir: the job goes on and every item is done once', async () => {
    const first = await serve();
    const created = await postJson<{ result: string[] }>(`${first.url}/v1/runs`, {
      code: createPagesScript(PAGES, 'Restart'),
    });
    const ids = created.result;
    expect(ids).toHaveLength(PAGES);
    // Latency on the embedded emulator keeps items in flight long enough to be killed among them.
    await slowDown(first.url);
    await postJson(`${first.url}/v1/jobs`, {
      code: RELABEL_SCRIPT,
      items: ids.map((id) => ({ id })),
      params: { label: 'restarted' },
      options: { concurrency: 2 },
      id: 'survivor',
    });
    const before = await poll(`${first.url}/v1/jobs/survivor`, (status) => status.counts.done >= 5);
    expect(before.state).toBe('running');
    first.child.kill('SIGKILL');
    await exited(first.child);

    const second = await serve();
    const after = await poll(`${second.url}/v1/jobs/survivor`, (status) =>
      ['done', 'failed', 'cancelled'].includes(status.state),
    );
    expect(after).toMatchObject({
      state: 'done',
      counts: { total: PAGES, done: PAGES, failed: 0, pending: 0, running: 0, skipped: 0 },
    });
    const items = await fetchJson<{ items: JobItemReport[] }>(
      `${second.url}/v1/jobs/survivor/items?limit=1000`,
    );
    expect(items.items.map((item) => item.key).sort()).toEqual([...ids].sort());
    expect(items.items.every((item) => item.state === 'done')).toBe(true);
    for (const id of ids) {
      const headers = { authorization: DEMO_AUTHORIZATION };
      const page = await fetchJson<{ version: { number: number } }>(
        `${second.url}/emulator/wiki/api/v2/pages/${id}`,
        { headers },
      );
      expect(page.version.number, `page ${id}`).toBe(2);
      const labels = await fetchJson<{ results: Array<{ name: string }> }>(
        `${second.url}/emulator/wiki/api/v2/pages/${id}/labels`,
        { headers },
      );
      expect(labels.results.map((label) => label.name)).toEqual(['restarted']);
    }

    // A clean stop pauses a running job; a resume over REST finishes it.
    await slowDown(second.url);
    await postJson(`${second.url}/v1/jobs`, {
      code: RELABEL_SCRIPT,
      items: ids.map((id) => ({ id })),
      params: { label: 'second-pass' },
      options: { concurrency: 1 },
      id: 'paused-by-stop',
    });
    await poll(`${second.url}/v1/jobs/paused-by-stop`, (status) => status.counts.done >= 1);
    second.child.kill('SIGTERM');
    expect(await exited(second.child)).toBe(0);
    const third = await serve();
    const stopped = await fetchJson<JobStatus>(`${third.url}/v1/jobs/paused-by-stop`);
    expect(stopped).toMatchObject({ state: 'paused', counts: { running: 0 } });
    expect(stopped.counts.done).toBeLessThan(PAGES);
    await postJson(`${third.url}/v1/jobs/paused-by-stop/resume`, {});
    const resumed = await poll(`${third.url}/v1/jobs/paused-by-stop`, (status) =>
      ['done', 'failed', 'cancelled'].includes(status.state),
    );
    expect(resumed.counts).toMatchObject({ total: PAGES, done: PAGES, failed: 0 });
    third.child.kill('SIGTERM');
    expect(await exited(third.child)).toBe(0);
  }, 300_000);
});
