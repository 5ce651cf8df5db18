/**
 * The REST API with `app.request` (no socket needed for the routing and validation under test):
 * runs, listing, lookup, replay, results, and a clear JSON error for every malformed request.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createApp, type WorkbenchApp } from '../../src/server/app.ts';
import { ScriptedRuns } from './helpers/scripted-runs.ts';
import { testConfig } from './helpers/test-service.ts';

const runs = new ScriptedRuns((input) =>
  input.code === 'boom'
    ? { error: { phase: 'runtime', code: 'UNCAUGHT', message: 'boom', line: 1, column: 1 } }
    : { result: { params: input.params ?? null } },
);
let service: WorkbenchApp;

beforeAll(() => {
  service = createApp({
    runs,
    describeSdk: () => '',
    sdkIndex: '',
    config: testConfig(),
    logger: pino({ level: 'silent' }),
  });
  runs.storeResult('res_list', ['a', 'b', 'c', 'd']);
});

function request(
  path: string,
  init: { method?: string; body?: unknown; contentType?: string } = {},
) {
  const body =
    init.body === undefined
      ? undefined
      : typeof init.body === 'string'
        ? init.body
        : JSON.stringify(init.body);
  return service.app.request(path, {
    method: init.method ?? (body === undefined ? 'GET' : 'POST'),
    // app.request sets no Host header; the DNS-rebinding guard requires a localhost one.
    headers: {
      host: 'localhost',
      ...(body === undefined ? {} : { 'content-type': init.contentType ?? 'application/json' }),
    },
    body,
  });
}

describe('REST /v1', () => {
  it('POST /v1/runs: runs the script and answers 200 with the envelope', async () => {
    const response = await request('/v1/runs', {
      body: { code: 'return 1', params: { space: 'MKT' }, dryRun: true, timeoutMs: 5000 },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      result: { params: { space: 'MKT' } },
    });
    expect(runs.executed.at(-1)).toMatchObject({ source: 'rest', dryRun: true, timeoutMs: 5000 });
  });

  it('POST /v1/runs: a failing script is still 200, with status "error" in the envelope', async () => {
    const response = await request('/v1/runs', { body: { code: 'boom' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'error', error: { phase: 'runtime' } });
  });

  it.each([
    { name: 'missing code', body: {}, message: 'body.code' },
    { name: 'empty code', body: { code: '' }, message: 'body.code: must not be empty' },
    { name: 'code of the wrong type', body: { code: 5 }, message: 'body.code' },
    { name: 'a negative timeout', body: { code: 'x', timeoutMs: -1 }, message: 'body.timeoutMs' },
    { name: 'an unknown field', body: { code: 'x', dryrun: true }, message: 'dryrun' },
    { name: 'an array', body: [], message: 'invalid body' },
  ])('POST /v1/runs: $name is a 400 naming the field', async ({ body, message }) => {
    const response = await request('/v1/runs', { body });
    expect(response.status).toBe(400);
    const json = (await response.json()) as {
      error: { code: string; message: string; details: unknown[] };
    };
    expect(json.error.code).toBe('INVALID_BODY');
    expect(json.error.message).toContain(message);
    expect(json.error.details.length).toBeGreaterThan(0);
  });

  it('POST /v1/runs: malformed JSON is a 400 INVALID_JSON', async () => {
    const response = await request('/v1/runs', { body: '{"code": ' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'INVALID_JSON' } });
  });

  it('POST /v1/runs: a non-JSON content type is a 415', async () => {
    const response = await request('/v1/runs', { body: 'return 1', contentType: 'text/plain' });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ error: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
  });

  it('GET /v1/runs: lists runs, filtered by status and limited', async () => {
    const all = (await (await request('/v1/runs')).json()) as { runs: Array<{ status: string }> };
    expect(all.runs.length).toBeGreaterThanOrEqual(2);
    const failed = (await (await request('/v1/runs?status=error&limit=10')).json()) as {
      runs: Array<{ status: string }>;
    };
    expect(failed.runs.every((run) => run.status === 'error')).toBe(true);
  });

  it('GET /v1/runs: a bad query is a 400 INVALID_QUERY', async () => {
    const response = await request('/v1/runs?limit=zero&status=maybe');
    expect(response.status).toBe(400);
    const json = (await response.json()) as { error: { code: string; message: string } };
    expect(json.error).toMatchObject({ code: 'INVALID_QUERY' });
    expect(json.error.message).toContain('query.limit');
    expect(json.error.message).toContain('query.status');
  });

  it('GET /v1/runs/:id: returns the stored run, 404 with RUN_NOT_FOUND for an unknown id', async () => {
    const created = (await (await request('/v1/runs', { body: { code: 'return 2' } })).json()) as {
      runId: string;
    };
    expect(await (await request(`/v1/runs/${created.runId}`)).json()).toMatchObject({
      runId: created.runId,
      code: 'return 2',
    });
    const missing = await request('/v1/runs/r_nope');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'RUN_NOT_FOUND' } });
  });

  it('POST /v1/runs/:id/replay: replays in the given mode; the mode is required', async () => {
    const created = (await (await request('/v1/runs', { body: { code: 'return 3' } })).json()) as {
      runId: string;
    };
    const replayed = await request(`/v1/runs/${created.runId}/replay`, {
      body: { mode: 'recorded' },
    });
    expect(replayed.status).toBe(200);
    expect(await replayed.json()).toMatchObject({ status: 'ok', mode: 'recorded' });
    const noMode = await request(`/v1/runs/${created.runId}/replay`, { body: {} });
    expect(noMode.status).toBe(400);
    expect(((await noMode.json()) as { error: { message: string } }).error.message).toContain(
      '"recorded"',
    );
    expect((await request('/v1/runs/r_nope/replay', { body: { mode: 'live' } })).status).toBe(404);
  });

  it('GET /v1/results/:ref: pages a stored result; 404 for an unknown ref; 400 for a bad offset', async () => {
    const slice = await request('/v1/results/res_list?offset=1&limit=2');
    expect(await slice.json()).toMatchObject({ value: ['b', 'c'], total: 4, hasMore: true });
    expect((await request('/v1/results/res_nope')).status).toBe(404);
    expect((await request('/v1/results/res_list?offset=-1')).status).toBe(400);
  });

  it('unknown routes: a JSON 404 naming the route', async () => {
    const response = await request('/v2/nothing');
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({
      error: { code: 'NOT_FOUND', message: 'no route GET /v2/nothing' },
    });
  });
});
