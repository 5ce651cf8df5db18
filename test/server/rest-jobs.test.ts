/**
 * `/v1/jobs` with `app.request` (routing, validation, error translation, the guards shared with
 * /v1/runs) around a scripted JobService. The event stream is read over real loopback HTTP in
 * rest-job-events.test.ts; the real engine behind these routes in test/e2e/jobs-service.test.ts.
 */
import { pino } from 'pino';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp, type WorkbenchApp } from '../../src/server/app.ts';
import { ScriptedJobs } from './helpers/scripted-jobs.ts';
import { ScriptedRuns } from './helpers/scripted-runs.ts';
import { testConfig } from './helpers/test-service.ts';

const KEY = 'k-jobs-test';
let jobs: ScriptedJobs;
let service: WorkbenchApp;

function build(overrides: Parameters<typeof testConfig>[0] = {}): WorkbenchApp {
  return createApp({
    runs: new ScriptedRuns(),
    describeSdk: () => '',
    sdkIndex: '',
    config: testConfig(overrides),
    logger: pino({ level: 'silent' }),
    jobs,
  });
}

beforeEach(() => {
  jobs = new ScriptedJobs((item) => {
    if ((item as { fail?: boolean }).fail) throw new Error(`item ${JSON.stringify(item)} failed`);
    return { seen: item };
  });
  service = build();
});

function request(
  path: string,
  init: {
    method?: string;
    body?: unknown;
    headers?: Record<string, string>;
    app?: WorkbenchApp;
  } = {},
) {
  const body =
    init.body === undefined
      ? undefined
      : typeof init.body === 'string'
        ? init.body
        : JSON.stringify(init.body);
  return (init.app ?? service).app.request(path, {
    method: init.method ?? (body === undefined ? 'GET' : 'POST'),
    headers: {
      host: 'localhost',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...init.headers,
    },
    body,
  });
}

async function startJob(body: Record<string, unknown>): Promise<{ jobId: string }> {
  const response = await request('/v1/jobs', { body });
  expect(response.status).toBe(202);
  const status = (await response.json()) as { jobId: string };
  await jobs.wait(status.jobId);
  return status;
}

interface ItemsPage {
  items: Array<{ key: string; state: string }>;
  hasMore: boolean;
  nextOffset?: number;
}

describe('REST /v1/jobs', () => {
  it('POST /v1/jobs: starts the job in the service and answers 202 with its status at once', async () => {
    const response = await request('/v1/jobs', {
      body: {
        code: 'export default async function (item) { return item; }',
        items: [{ id: 'a' }, { id: 'b' }],
        params: { to: 'fy26' },
        options: { concurrency: 8, retries: 1, maxFailures: 3, dryRun: true, itemTimeoutMs: 5000 },
        id: 'relabel-1',
        file: 'relabel.job.ts',
      },
    });
    expect(response.status).toBe(202);
    expect(response.headers.get('location')).toBe('/v1/jobs/relabel-1');
    const status = await response.json();
    expect(status).toMatchObject({ jobId: 'relabel-1', counts: { total: 2 } });
    expect(jobs.started.at(-1)!.input).toMatchObject({
      source: 'rest',
      params: { to: 'fy26' },
      options: { concurrency: 8, retries: 1, maxFailures: 3, dryRun: true, itemTimeoutMs: 5000 },
      file: 'relabel.job.ts',
    });
    // Plain API keys name no client: the job carries none.
    expect(jobs.started.at(-1)!.client).toBeUndefined();
    expect(await jobs.wait('relabel-1')).toMatchObject({ state: 'done', counts: { done: 2 } });
  });

  it.each([
    { name: 'missing code', body: {}, field: 'body.code' },
    { name: 'empty code', body: { code: '' }, field: 'body.code: must not be empty' },
    { name: 'items not an array', body: { code: 'x', items: { a: 1 } }, field: 'body.items' },
    {
      name: 'concurrency 0',
      body: { code: 'x', options: { concurrency: 0 } },
      field: 'body.options.concurrency',
    },
    {
      name: 'concurrency 65',
      body: { code: 'x', options: { concurrency: 65 } },
      field: 'body.options.concurrency',
    },
    {
      name: 'fractional retries',
      body: { code: 'x', options: { retries: 1.5 } },
      field: 'body.options.retries',
    },
    {
      name: 'maxFailures 0',
      body: { code: 'x', options: { maxFailures: 0 } },
      field: 'body.options.maxFailures',
    },
    {
      name: 'dryRun as a string',
      body: { code: 'x', options: { dryRun: 'yes' } },
      field: 'body.options.dryRun',
    },
    { name: 'an unknown option', body: { code: 'x', options: { parallel: 4 } }, field: 'parallel' },
    { name: 'an unknown field', body: { code: 'x', concurrency: 4 }, field: 'concurrency' },
    { name: 'an id with a slash', body: { code: 'x', id: '../etc' }, field: 'body.id' },
    { name: 'an array body', body: [], field: 'invalid body' },
  ])(
    'POST /v1/jobs: $name is a 400 naming the field, and no job starts',
    async ({ body, field }) => {
      const response = await request('/v1/jobs', { body });
      expect(response.status).toBe(400);
      const json = (await response.json()) as { error: { code: string; message: string } };
      expect(json.error.code).toBe('INVALID_BODY');
      expect(json.error.message).toContain(field);
      expect(jobs.started).toHaveLength(0);
    },
  );

  it('POST /v1/jobs: a body that is not JSON is 415 or 400 INVALID_JSON', async () => {
    const text = await request('/v1/jobs', {
      body: 'code=x',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.status).toBe(415);
    const broken = await request('/v1/jobs', { body: '{"code":' });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: { code: string } }).error.code).toBe('INVALID_JSON');
  });

  it('POST /v1/jobs: the engine refusing the script is a 400 with its code; a taken id is a 409', async () => {
    const invalid = await request('/v1/jobs', { body: { code: 'syntax error here' } });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({
      error: { code: 'INVALID_JOB', message: expect.stringContaining('does not compile') },
    });
    await startJob({ code: 'x', id: 'once' });
    const again = await request('/v1/jobs', { body: { code: 'x', id: 'once' } });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: 'JOB_EXISTS' } });
  });

  it('GET /v1/jobs: lists jobs, filtered by state; a bad state or limit is a 400', async () => {
    await startJob({ code: 'x', items: [1] });
    const second = await startJob({ code: 'x', items: [2] });
    await jobs.start({ code: 'x', items: [3] }, { start: false });
    await jobs.cancel('j_3');
    const all = (await (await request('/v1/jobs')).json()) as { jobs: Array<{ jobId: string }> };
    expect(all.jobs.map((job) => job.jobId)).toEqual(['j_3', second.jobId, 'j_1']);
    const cancelled = (await (await request('/v1/jobs?state=cancelled')).json()) as {
      jobs: unknown[];
    };
    expect(cancelled.jobs).toHaveLength(1);
    const limited = (await (await request('/v1/jobs?limit=1')).json()) as { jobs: unknown[] };
    expect(limited.jobs).toHaveLength(1);
    for (const query of ['state=finished', 'limit=0', 'limit=abc']) {
      const response = await request(`/v1/jobs?${query}`);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'INVALID_QUERY' } });
    }
  });

  it('GET /v1/jobs/:id: the status document; an unknown id is a 404 JOB_NOT_FOUND', async () => {
    const { jobId } = await startJob({ code: 'x', items: [{ id: 'p1' }] });
    const response = await request(`/v1/jobs/${jobId}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      jobId,
      state: 'done',
      counts: { total: 1, done: 1, failed: 0 },
      calls: { total: 0 },
      etaSeconds: null,
    });
    const missing = await request('/v1/jobs/nope');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({
      error: { code: 'JOB_NOT_FOUND', message: expect.stringContaining('nope') },
    });
  });

  it('GET /v1/jobs/:id/items: pages through the items, filtered by state', async () => {
    const items = [
      { id: 'a' },
      { id: 'b', fail: true },
      { id: 'c' },
      { id: 'd', fail: true },
      { id: 'e' },
    ];
    const { jobId } = await startJob({ code: 'x', items });
    const first = (await (await request(`/v1/jobs/${jobId}/items?limit=2`)).json()) as ItemsPage;
    expect(first).toMatchObject({ jobId, offset: 0, limit: 2, hasMore: true, nextOffset: 2 });
    expect(first.items.map((item: { key: string }) => item.key)).toEqual(['a', 'b']);
    const last = (await (
      await request(`/v1/jobs/${jobId}/items?offset=4&limit=2`)
    ).json()) as ItemsPage;
    expect(last).toMatchObject({
      hasMore: false,
      items: [{ key: 'e', state: 'done', output: { seen: { id: 'e' } } }],
    });
    expect(last.nextOffset).toBeUndefined();
    const failed = (await (
      await request(`/v1/jobs/${jobId}/items?state=failed`)
    ).json()) as ItemsPage;
    expect(failed.items.map((item: { key: string }) => item.key)).toEqual(['b', 'd']);
    expect(failed.items[0]).toMatchObject({
      state: 'failed',
      attempts: 1,
      error: { message: expect.stringContaining('failed') },
    });
    for (const query of ['state=broken', 'limit=0', 'limit=1001', 'offset=-1']) {
      const response = await request(`/v1/jobs/${jobId}/items?${query}`);
      expect(response.status, query).toBe(400);
    }
    expect((await request('/v1/jobs/nope/items')).status).toBe(404);
  });

  it('POST /v1/jobs/:id/pause|resume|cancel: act on the job; unknown ids 404; acting on an ended job 409', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    jobs.behaviour = async () => gate;
    const started = (await (
      await request('/v1/jobs', { body: { code: 'x', items: [1, 2, 3] } })
    ).json()) as { jobId: string };
    const paused = await request(`/v1/jobs/${started.jobId}/pause`, { method: 'POST' });
    expect(await paused.json()).toMatchObject({ state: 'paused' });
    const resumed = await request(`/v1/jobs/${started.jobId}/resume`, { method: 'POST' });
    expect(await resumed.json()).toMatchObject({ state: 'running' });
    const cancelled = await request(`/v1/jobs/${started.jobId}/cancel`, { method: 'POST' });
    expect(await cancelled.json()).toMatchObject({ state: 'cancelled', counts: { skipped: 2 } });
    release();
    const again = await request(`/v1/jobs/${started.jobId}/cancel`, { method: 'POST' });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: 'JOB_FINISHED' } });
    for (const action of ['pause', 'resume', 'cancel']) {
      const response = await request(`/v1/jobs/nope/${action}`, { method: 'POST' });
      expect(response.status, action).toBe(404);
    }
  });

  it('/v1/jobs: the same key, Host and body-size guards as /v1/runs', async () => {
    const keyed = build({
      apiKeys: [KEY],
      service: {
        ...testConfig().service!,
        maxConcurrentRuns: 1,
        maxQueuedRuns: 1,
        maxQueueWaitMs: 1000,
        maxRequestBytes: 2048,
        allowedHosts: [],
        allowedOrigins: [],
      },
    });
    for (const [method, path] of [
      ['GET', '/v1/jobs'],
      ['POST', '/v1/jobs'],
      ['GET', '/v1/jobs/j_1/events'],
      ['POST', '/v1/jobs/j_1/cancel'],
    ] as const) {
      const response = await request(path, {
        method,
        app: keyed,
        ...(method === 'POST' ? { body: { code: 'x' } } : {}),
      });
      expect(response.status, `${method} ${path}`).toBe(401);
    }
    const auth = { authorization: `Bearer ${KEY}` };
    expect((await request('/v1/jobs', { app: keyed, headers: auth })).status).toBe(200);
    const rebinding = await request('/v1/jobs', {
      app: keyed,
      headers: { ...auth, host: 'evil.example' },
    });
    expect(rebinding.status).toBe(403);
    const big = await request('/v1/jobs', {
      app: keyed,
      headers: auth,
      body: { code: 'x', items: Array.from({ length: 1000 }, (_, i) => i) },
    });
    expect(big.status).toBe(413);
    expect(jobs.started).toHaveLength(0);
  });

  it('/v1/jobs: absent when the service has no job service', async () => {
    const bare = createApp({
      runs: new ScriptedRuns(),
      describeSdk: () => '',
      sdkIndex: '',
      config: testConfig(),
      logger: pino({ level: 'silent' }),
    });
    expect((await request('/v1/jobs', { app: bare })).status).toBe(404);
  });
});
