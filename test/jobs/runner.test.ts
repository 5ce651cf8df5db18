/**
 * The job runner on a real workbench (sandbox workers, the embedded emulator): items run once,
 * failures stay with their item, retries do not repeat writes, dry runs send nothing, max
 * failures stops the job, and a 429 never fails an item.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workbench } from '../../src/workbench.ts';
import { RELABEL_SCRIPT, startJobsWorkbench } from './helpers.ts';

let workbench: Workbench;
let pageIds: string[];

beforeAll(async () => {
  workbench = await startJobsWorkbench();
  const envelope = await workbench.runs.execute({
    code: 'return (await confluence.pages.list.all({}, { max: 100 })).results.map((page) => page.id)',
  });
  pageIds = envelope.result as string[];
});

afterAll(() => workbench?.close());

async function get<T>(pathname: string): Promise<T> {
  const response = await workbench.emulator!.app.request(pathname, {
    headers: { authorization: 'Bearer demo-token' },
  });
  return (await response.json()) as T;
}

async function versionOf(id: string): Promise<number> {
  return (await get<{ version: { number: number } }>(`/wiki/api/v2/pages/${id}`)).version.number;
}

describe('job runner', () => {
  it('job start: every item runs once at the given concurrency; outputs and writes are reported', async () => {
    const ids = pageIds.slice(0, 6);
    const before = await Promise.all(ids.map(versionOf));
    const started = await workbench.jobs.start({
      code: RELABEL_SCRIPT,
      items: ids.map((id) => ({ id })),
      params: { label: 'run-once' },
      options: { concurrency: 3 },
    });
    expect(started.counts.total).toBe(6);
    const status = await workbench.jobs.wait(started.jobId);
    expect(status).toMatchObject({ state: 'done', counts: { done: 6, failed: 0, pending: 0 } });
    expect(status.calls).toMatchObject({ total: 18, reads: 6, writes: 12 });
    expect(await Promise.all(ids.map(versionOf))).toEqual(before.map((version) => version + 1));
    const items = await workbench.jobs.items(started.jobId);
    expect(items[0]).toMatchObject({
      key: ids[0],
      state: 'done',
      attempts: 1,
      output: { id: ids[0], version: before[0]! + 1 },
      writes: [
        { operation: 'pages.update', target: `page ${ids[0]}`, status: 'applied' },
        { operation: 'labels.add', status: 'applied' },
      ],
    });
  });

  it('isolation: a script error fails only its item, with message, line and attempts; the job goes on', async () => {
    const code = `export default async function (item: { id: string; boom?: boolean }) {
  const page = await confluence.pages.get(item.id);
  if (item.boom) throw new Error('boom on ' + item.id);
  return page.title;
}`;
    const started = await workbench.jobs.start({
      code,
      items: [
        { id: pageIds[0] },
        { id: pageIds[1], boom: true },
        { id: '99999999' },
        { id: pageIds[2] },
      ],
      options: { retries: 2 },
    });
    const status = await workbench.jobs.wait(started.jobId);
    expect(status).toMatchObject({ state: 'done', counts: { done: 2, failed: 2 } });
    const report = await workbench.jobs.report(started.jobId);
    expect(report.failures.map((item) => item.key)).toEqual([pageIds[1], '99999999']);
    expect(report.failures[0]).toMatchObject({
      attempts: 1,
      error: { phase: 'runtime', line: 3, message: expect.stringContaining('boom on') },
    });
    // A 404 is Confluence's answer, not a passing fault: no retry.
    expect(report.failures[1]).toMatchObject({
      attempts: 1,
      error: { phase: 'confluence', code: 'NOT_FOUND', line: 2 },
    });
  });

  it('isolation: a timeout fails its item with phase timeout', async () => {
    const code = `export default async function (item: { slow: boolean }) {
  if (item.slow) await new Promise(() => {});
  return 'quick';
}`;
    const started = await workbench.jobs.start({
      code,
      items: [
        { id: 'slow', slow: true },
        { id: 'quick', slow: false },
      ],
      options: { itemTimeoutMs: 300 },
    });
    await workbench.jobs.wait(started.jobId);
    const [slow, quick] = await workbench.jobs.items(started.jobId);
    expect(slow).toMatchObject({ state: 'failed', error: { phase: 'timeout' } });
    expect(quick).toMatchObject({ state: 'done', output: 'quick' });
  });

  it('timeouts: an attempt that ran out of time waiting on the site is retried, not failed; one that waited on itself is not', async () => {
    const id = pageIds[16]!;
    // The item's read takes 1.5 s, once: its first attempt passes its 1 s deadline on the site.
    workbench.emulator!.faults.set({
      latency: { ms: 1_500, count: 1, methods: ['GET'], path: `/wiki/api/v2/pages/${id}` },
    });
    try {
      const code = `export default async function (item: { id: string; stuck?: boolean }) {
  if (item.stuck) await new Promise(() => {});
  return (await confluence.pages.get(item.id)).id;
}`;
      const started = await workbench.jobs.start({
        code,
        items: [{ id }, { id: pageIds[17]!, stuck: true }],
        options: { itemTimeoutMs: 1_000, retries: 2 },
      });
      await workbench.jobs.wait(started.jobId);
      const [slow, stuck] = await workbench.jobs.items(started.jobId);
      expect(slow).toMatchObject({ state: 'done', attempts: 2, output: id });
      expect(workbench.emulator!.faults.get().counters.delayed).toBe(1);
      // Its own endless wait is the script's: failed at the first attempt.
      expect(stuck).toMatchObject({
        state: 'failed',
        attempts: 1,
        error: { code: 'WALL_TIME_LIMIT', phase: 'timeout' },
      });
    } finally {
      workbench.emulator!.faults.clear();
    }
  });

  it('retries: a 503 on an item’s third call retries it, and the writes of the first attempt are not sent again', async () => {
    const id = pageIds[10]!;
    const before = await versionOf(id);
    workbench.emulator!.faults.set({
      errors: {
        ratio: 1,
        count: 1,
        status: 503,
        methods: ['POST'],
        path: '/wiki/rest/api/content',
      },
    });
    try {
      const started = await workbench.jobs.start({
        code: RELABEL_SCRIPT,
        items: [{ id }],
        params: { label: 'after-503' },
        options: { retries: 2 },
      });
      const status = await workbench.jobs.wait(started.jobId);
      expect(status.counts).toMatchObject({ done: 1, failed: 0 });
      expect(workbench.emulator!.faults.get().counters.errors).toBe(1);
    } finally {
      workbench.emulator!.faults.clear();
    }
    expect(await versionOf(id)).toBe(before + 1);
    const labels = await get<{ results: { name: string }[] }>(`/wiki/api/v2/pages/${id}/labels`);
    expect(labels.results.filter((label) => label.name === 'after-503')).toHaveLength(1);
  });

  it('max failures: the job stops (failed, with the reason) and the rest is skipped', async () => {
    const code = `export default async function (item: { id: string }) { throw new Error('no ' + item.id); }`;
    const started = await workbench.jobs.start({
      code,
      items: Array.from({ length: 20 }, (_, index) => ({ id: `i${index}` })),
      options: { maxFailures: 3, concurrency: 1 },
    });
    const status = await workbench.jobs.wait(started.jobId);
    expect(status.state).toBe('failed');
    expect(status.reason).toBe('max failures reached: 3 of 3');
    expect(status.counts).toMatchObject({ failed: 3, skipped: 17, pending: 0, running: 0 });
  });

  it('dry run: writes are planned, not sent; the report lists them per item', async () => {
    const ids = pageIds.slice(12, 14);
    const before = await Promise.all(ids.map(versionOf));
    const started = await workbench.jobs.start({
      code: RELABEL_SCRIPT,
      items: ids.map((id) => ({ id })),
      params: { label: 'dry' },
      options: { dryRun: true },
    });
    const status = await workbench.jobs.wait(started.jobId);
    expect(status).toMatchObject({ state: 'done', dryRun: true, counts: { done: 2 } });
    expect(await Promise.all(ids.map(versionOf))).toEqual(before);
    const report = await workbench.jobs.report(started.jobId);
    expect(report.planned).toEqual(
      ids.map((id) => ({
        key: id,
        writes: [
          { operation: 'pages.update', target: `page ${id}`, status: 'planned' },
          { operation: 'labels.add', target: `labels dry on content ${id}`, status: 'planned' },
        ],
      })),
    );
  });

  it('items(): the snapshot comes from the script’s generator, made before any item runs', async () => {
    const code = `export async function* items(params: { space: string }) {
  for await (const page of confluence.pages.list.iterate({ spaceId: params.space })) yield { id: page.id };
}
export default async function (item: { id: string }) {
  // Creating pages in the same space does not shift the snapshot.
  return item.id;
}`;
    const started = await workbench.jobs.start({ code, params: { space: 'ENG' } });
    const status = await workbench.jobs.wait(started.jobId);
    expect(status.state).toBe('done');
    expect(status.counts.total).toBeGreaterThan(3);
    expect(status.counts.done).toBe(status.counts.total);
    // The items make no call: the job's calls are those of items(), the listing's pages.
    expect(status.calls.total).toBeGreaterThanOrEqual(1);
    expect(status.calls).toMatchObject({ reads: status.calls.total, writes: 0 });
  });

  it('rate limits: a 429 with an hour-long Retry-After holds the job (rateLimited in its status), fails nothing, counts no attempt', async () => {
    workbench.emulator!.faults.set({
      rateLimit: { requests: 0, windowMs: 3_600_000, retryAfterSeconds: 1847 },
    });
    try {
      const started = await workbench.jobs.start({
        code: RELABEL_SCRIPT,
        items: [{ id: pageIds[14] }, { id: pageIds[15] }],
        params: { label: 'quota' },
        options: { concurrency: 1 },
      });
      let status = await workbench.jobs.status(started.jobId);
      for (let tries = 0; !status.rateLimited && tries < 200; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        status = await workbench.jobs.status(started.jobId);
      }
      expect(status.rateLimited?.reason).toMatch(/429|rate/i);
      const until = Date.parse(status.rateLimited!.until) - Date.now();
      expect(until).toBeGreaterThan(1_700_000);
      expect(status.counts).toMatchObject({ failed: 0, done: 0, pending: 2 });
      await workbench.jobs.pause(started.jobId);
      const paused = await workbench.jobs.wait(started.jobId);
      expect(paused.state).toBe('paused');
      const items = await workbench.jobs.items(started.jobId);
      expect(items.map((item) => item.state)).toEqual(['pending', 'pending']);
    } finally {
      workbench.emulator!.faults.clear();
    }
  });
});
