/**
 * `GET /v1/jobs/:id/events` over real loopback HTTP, read by an SSE parser as a client reads it:
 * the opening status, item failures, the final counts and state, the end of the stream, the
 * heartbeat on a quiet stream, and what happens when the client or the service goes away.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { JobEvent } from '../../src/jobs/types.ts';
import { openJobEvents, until } from './helpers/job-events.ts';
import { ScriptedJobs } from './helpers/scripted-jobs.ts';
import { ScriptedRuns } from './helpers/scripted-runs.ts';
import { startTestService, type TestService } from './helpers/test-service.ts';

const KEY = 'k-events';
let service: TestService | undefined;
afterEach(async () => {
  await service?.close();
  service = undefined;
});

function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

async function serve(
  jobs: ScriptedJobs,
  jobEvents: { progressIntervalMs?: number; heartbeatMs?: number } = {},
) {
  service = await startTestService({ runs: new ScriptedRuns(), apiKeys: [KEY], jobs, jobEvents });
  return service;
}

const types = (events: Array<{ data: JobEvent }>) => events.map((event) => event.data.type);

describe('GET /v1/jobs/:id/events', () => {
  it('events: opens with the status, streams item failures, closes with the final counts and state, then ends', async () => {
    const hold = gate();
    const jobs = new ScriptedJobs(async (item) => {
      await hold.wait;
      if ((item as { fail?: boolean }).fail) throw new Error('no such page');
      return item;
    });
    // A progress interval longer than the test: only the opening and the final progress pass.
    const { url } = await serve(jobs, { progressIntervalMs: 600_000 });
    const items = [
      { id: 'a' },
      { id: 'b', fail: true },
      ...Array.from({ length: 40 }, (_, i) => ({ id: `c${i}` })),
    ];
    const { jobId } = await jobs.start({ code: 'x', items });
    const stream = await openJobEvents(`${url}/v1/jobs/${jobId}/events`, { key: KEY });
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get('content-type')).toContain('text/event-stream');
    hold.open();
    const { events, ended } = await stream.done;
    expect(ended).toBe(true);
    expect(types(events)).toEqual(['progress', 'item-failed', 'progress', 'state']);
    expect(events.map((event) => event.name)).toEqual(types(events));
    expect(events.map((event) => event.id)).toEqual(['1', '2', '3', '4']);
    expect(events[1]!.data).toMatchObject({
      type: 'item-failed',
      jobId,
      item: { key: 'b', state: 'failed', error: { message: 'no such page' } },
    });
    expect(events[2]!.data).toMatchObject({
      type: 'progress',
      status: { jobId, counts: { total: 42, done: 41, failed: 1 } },
    });
    expect(events[3]!.data).toEqual({ type: 'state', jobId, state: 'done' });
    // The stream let go of the job service.
    expect(jobs.listenerCount).toBe(0);
  });

  it('events: progress passes at the pace asked for, the latest status each time', async () => {
    const jobs = new ScriptedJobs(async (item) => {
      await new Promise((resolve) => setTimeout(resolve, 2));
      return item;
    });
    const { url } = await serve(jobs, { progressIntervalMs: 1 });
    const { jobId } = await jobs.start({
      code: 'x',
      items: Array.from({ length: 30 }, (_, i) => i),
    });
    const { done } = await openJobEvents(`${url}/v1/jobs/${jobId}/events`, { key: KEY });
    const { events } = await done;
    const done_ = events
      .filter((event) => event.data.type === 'progress')
      .map((event) => (event.data as Extract<JobEvent, { type: 'progress' }>).status.counts.done);
    expect(done_.length).toBeGreaterThan(2);
    expect(done_).toEqual([...done_].sort((a, b) => a - b));
    expect(done_.at(-1)).toBe(30);
  });

  it('events: a job that has already ended gets its status and state, and the stream ends', async () => {
    const jobs = new ScriptedJobs();
    const { url } = await serve(jobs);
    const { jobId } = await jobs.start({ code: 'x', items: [1] }, { start: false });
    await jobs.cancel(jobId);
    const { done } = await openJobEvents(`${url}/v1/jobs/${jobId}/events`, { key: KEY });
    const { events, ended } = await done;
    expect(ended).toBe(true);
    expect(events.map((event) => event.data)).toMatchObject([
      { type: 'progress', status: { state: 'cancelled', counts: { skipped: 1 } } },
      { type: 'state', state: 'cancelled', reason: 'cancelled by request' },
    ]);
  });

  it('events: a paused job keeps the stream open with heartbeats; pause and cancel arrive as state events', async () => {
    const hold = gate();
    const jobs = new ScriptedJobs(async () => hold.wait);
    const { url } = await serve(jobs, { heartbeatMs: 20 });
    const { jobId } = await jobs.start({ code: 'x', items: [1, 2, 3] });
    const stream = await openJobEvents(`${url}/v1/jobs/${jobId}/events`, { key: KEY });
    await until(() => stream.read.events.length === 1);
    await jobs.pause(jobId);
    await until(() => stream.read.comments.length >= 2);
    await jobs.cancel(jobId);
    hold.open();
    const { events, comments, ended } = await stream.done;
    expect(ended).toBe(true);
    expect(comments.filter((comment) => comment.includes('heartbeat')).length).toBeGreaterThan(0);
    expect(types(events).filter((type) => type === 'state')).toEqual(['state', 'state']);
    expect(
      events
        .filter((event) => event.data.type === 'state')
        .map((event) => (event.data as { state: string }).state),
    ).toEqual(['paused', 'cancelled']);
  });

  it('events: an unknown job is a JSON 404 before any stream; no key is a 401', async () => {
    const jobs = new ScriptedJobs();
    const { url } = await serve(jobs);
    const missing = await fetch(`${url}/v1/jobs/nope/events`, {
      headers: { authorization: `Bearer ${KEY}` },
    });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/json');
    expect(await missing.json()).toMatchObject({ error: { code: 'JOB_NOT_FOUND' } });
    expect((await fetch(`${url}/v1/jobs/nope/events`)).status).toBe(401);
    expect(jobs.listenerCount).toBe(0);
  });

  it('events: a client that goes away, and a service that shuts down, release the subscription', async () => {
    const hold = gate();
    const jobs = new ScriptedJobs(async () => hold.wait);
    const { url } = await serve(jobs);
    const { jobId } = await jobs.start({ code: 'x', items: [1] });
    const first = await openJobEvents(`${url}/v1/jobs/${jobId}/events`, {
      key: KEY,
      stop: (read) => read.events.length === 1,
    });
    await first.done;
    await until(() => jobs.listenerCount === 0);

    const second = await openJobEvents(`${url}/v1/jobs/${jobId}/events`, { key: KEY });
    await until(() => second.read.events.length === 1);
    await service!.service.close();
    const { ended, events } = await second.done;
    expect(ended).toBe(true);
    expect(types(events)).toEqual(['progress']);
    expect(jobs.listenerCount).toBe(0);
    hold.open();
  });
});
