/**
 * Jobs through the real service: createWorkbench (sandbox workers, SDK, jobs engine and store,
 * embedded emulator) behind startServer on loopback. A job started over REST runs in the service
 * and streams its progress; one started over MCP is checked on with job_status; the emulator's
 * state afterwards shows what the items did.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobEvent, JobStatus } from '../../src/jobs/types.ts';
import { openJobEvents } from '../server/helpers/job-events.ts';
import { callTool, connectModern } from '../server/helpers/test-service.ts';
import { createPagesScript, RELABEL_SCRIPT } from './helpers/job-scripts.ts';
import { startRealService, type RealService } from './helpers/real-service.ts';

let service: RealService;

async function post(path: string, body: unknown): Promise<Response> {
  return fetch(`${service.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function createPages(count: number, prefix: string): Promise<string[]> {
  const response = await post('/v1/runs', { code: createPagesScript(count, prefix) });
  const envelope = (await response.json()) as { status: string; result: string[]; error?: unknown };
  expect(envelope.error).toBeUndefined();
  return envelope.result;
}

beforeAll(async () => {
  service = await startRealService();
}, 60_000);
afterAll(async () => service?.close());

describe('jobs in the service (real engine)', () => {
  it('REST: a job of 12 pages runs in the service; its event stream ends with every item done, and the pages show it', async () => {
    const ids = await createPages(12, 'REST job');
    const response = await post('/v1/jobs', {
      code: RELABEL_SCRIPT,
      items: ids.map((id) => ({ id })),
      params: { label: 'fy26' },
      options: { concurrency: 4 },
      id: 'rest-relabel',
    });
    expect(response.status).toBe(202);
    const started = (await response.json()) as JobStatus;
    expect(started).toMatchObject({ jobId: 'rest-relabel', counts: { total: 12 } });

    const stream = await openJobEvents(`${service.url}/v1/jobs/rest-relabel/events`);
    const { events, ended } = await stream.done;
    expect(ended).toBe(true);
    const last = events.at(-1)!.data as Extract<JobEvent, { type: 'state' }>;
    expect(last).toMatchObject({ type: 'state', jobId: 'rest-relabel', state: 'done' });
    const finalProgress = events.at(-2)!.data as Extract<JobEvent, { type: 'progress' }>;
    expect(finalProgress.status.counts).toMatchObject({ total: 12, done: 12, failed: 0 });
    expect(finalProgress.status.calls.writes).toBe(24);

    const page = (await (
      await fetch(`${service.url}/v1/jobs/rest-relabel/items?state=done&limit=5`)
    ).json()) as { items: Array<{ key: string; output: { version: number } }>; hasMore: boolean };
    expect(page.items).toHaveLength(5);
    expect(page.hasMore).toBe(true);
    expect(page.items[0]).toMatchObject({ key: ids[0], output: { version: 2 } });

    for (const id of ids) {
      const stored = await service.emulator<{ version: { number: number } }>(
        `/wiki/api/v2/pages/${id}`,
      );
      expect(stored.version.number).toBe(2);
      const labels = await service.emulator<{ results: Array<{ name: string }> }>(
        `/wiki/api/v2/pages/${id}/labels`,
      );
      expect(labels.results.map((label) => label.name)).toEqual(['fy26']);
    }
    const listed = (await (await fetch(`${service.url}/v1/jobs?state=done`)).json()) as {
      jobs: JobStatus[];
    };
    expect(listed.jobs.map((job) => job.jobId)).toContain('rest-relabel');
  }, 120_000);

  it('REST: a script that is not a job module is refused with a 400 before anything runs', async () => {
    const response = await post('/v1/jobs', { code: 'return 1;', items: [1] });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'INVALID_JOB' } });
    expect((await post('/v1/jobs/nope/resume', {})).status).toBe(404);
  }, 60_000);

  it('MCP: start_job answers at once; job_status follows the job to its end, with the failed item counted', async () => {
    const ids = await createPages(3, 'MCP job');
    const client = await connectModern(service.mcpUrl);
    const started = await callTool(client, 'start_job', {
      code: RELABEL_SCRIPT,
      items: [...ids.map((id) => ({ id })), { id: '999999999' }],
      params: { label: 'mcp' },
      options: { retries: 0 },
    });
    expect(started.isError).toBeFalsy();
    const { jobId } = started.structuredContent as JobStatus;
    let status = started.structuredContent as JobStatus;
    for (let attempt = 0; !['done', 'failed'].includes(status.state) && attempt < 300; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await callTool(client, 'job_status', { jobId })).structuredContent as JobStatus;
    }
    expect(status.counts).toMatchObject({ total: 4, done: 3, failed: 1 });
    const list = await callTool(client, 'job_status', {});
    expect(
      (list.structuredContent as { jobs: JobStatus[] }).jobs.map((job) => job.jobId),
    ).toContain(jobId);
    const cancel = await callTool(client, 'cancel_job', { jobId });
    expect(cancel.isError).toBe(true);
    await client.close();
  }, 120_000);
});
