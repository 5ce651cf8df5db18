import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfluenceError } from '../../../src/confluence/http/errors.ts';
import { createConfluenceClient } from '../../../src/confluence/http/client.ts';
import { startScriptedServer, v2Error, type ScriptedServer } from '../fixtures/scripted-server.ts';

const FAST_RETRY = { minRetryDelayMs: 5, maxRetryDelayMs: 20 };
let server: ScriptedServer;

beforeEach(async () => {
  server = await startScriptedServer();
});
afterEach(async () => {
  await server.close();
});

function client(
  extra: Parameters<typeof createConfluenceClient>[0] extends infer O ? Partial<O> : never = {},
) {
  return createConfluenceClient({
    baseUrl: server.url,
    auth: { kind: 'bearer', accessToken: 'secret-token-123' },
    retry: FAST_RETRY,
    limits: { requestsPerInterval: Infinity },
    ...extra,
  });
}

const GET = { api: 'v2', method: 'GET', path: '/pages/1' } as const;
const POST = { api: 'v2', method: 'POST', path: '/pages', body: { title: 'x' } } as const;

describe('client retries', () => {
  it('429: waits at least Retry-After before the retry, then succeeds', async () => {
    server.handle = (c, index) =>
      index === 0
        ? new Response('slow down', { status: 429, headers: { 'retry-after': '1' } })
        : c.json({ id: '1' });
    const response = await client().request(GET);
    expect(response.body).toEqual({ id: '1' });
    expect(server.received).toHaveLength(2);
    expect(server.received[1]!.at - server.received[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it('429: honours Retry-After given as an HTTP date', async () => {
    server.handle = (c, index) =>
      index === 0
        ? new Response(null, {
            status: 429,
            headers: { 'retry-after': new Date(Date.now() + 2_000).toUTCString() },
          })
        : c.json({ id: '1' });
    await client().request(GET);
    // An HTTP date has whole seconds: at least ~1 s remains of the 2 s asked for.
    expect(server.received[1]!.at - server.received[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it('429: a POST is retried too (Confluence did not act on it) and sent once more only', async () => {
    server.handle = (c, index) =>
      index === 0
        ? new Response(null, { status: 429, headers: { 'retry-after': '0' } })
        : c.json({ id: '9' }, 200);
    let retries = 0;
    const response = await client().request(POST, { onRetry: () => (retries += 1) });
    expect(response.body).toEqual({ id: '9' });
    expect(server.received.filter((request) => request.method === 'POST')).toHaveLength(2);
    expect(retries).toBe(1);
  });

  it('429 storm: 20 parallel calls pause the whole site for Retry-After, then all succeed', async () => {
    let stormOver = false;
    setTimeout(() => (stormOver = true), 300);
    server.handle = (c) =>
      stormOver
        ? c.json({ ok: true })
        : new Response(null, { status: 429, headers: { 'retry-after': '1' } });
    const shared = client({ limits: { concurrency: 5, requestsPerInterval: Infinity } });
    const results = await Promise.all(Array.from({ length: 20 }, () => shared.request(GET)));
    expect(results.every((result) => result.status === 200)).toBe(true);
    const limited = server.received.length - 20;
    // With a site-wide pause, only the calls in flight when the first 429 came back are refused.
    expect(limited).toBeLessThanOrEqual(10);
  });

  it('429: gives up after the retry budget with RATE_LIMITED and the retries made', async () => {
    server.handle = () => new Response(null, { status: 429, headers: { 'retry-after': '0' } });
    const error = await client({ retry: { ...FAST_RETRY, maxRetries: 2 } })
      .request(GET, { operation: 'pages.get' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ConfluenceError);
    expect(error).toMatchObject({ status: 429, code: 'RATE_LIMITED', phase: 'confluence' });
    expect(error.details.retries).toBe(2);
    expect(server.received).toHaveLength(3);
  });

  it('429: a Retry-After beyond the cap fails at once instead of stalling the run', async () => {
    server.handle = () => new Response(null, { status: 429, headers: { 'retry-after': '3600' } });
    const error = await client({ retry: { ...FAST_RETRY, maxRetryAfterMs: 5_000 } })
      .request(GET)
      .catch((e) => e);
    expect(error).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(error.details.retryAfterMs).toBe(3_600_000);
    expect(server.received).toHaveLength(1);
  });

  it('5xx: an idempotent GET is retried until it succeeds', async () => {
    server.handle = (c, index) =>
      index < 2 ? v2Error(503, 'SERVICE_UNAVAILABLE', 'down') : c.json({ id: '1' });
    const response = await client().request(GET);
    expect(response.status).toBe(200);
    expect(server.received).toHaveLength(3);
  });

  it('5xx: a POST is never sent twice', async () => {
    server.handle = () => v2Error(500, 'INTERNAL_SERVER_ERROR', 'boom');
    const error = await client()
      .request(POST)
      .catch((e) => e);
    expect(error).toMatchObject({ status: 500, code: 'INTERNAL_SERVER_ERROR' });
    expect(server.received).toHaveLength(1);
  });

  it('dropped connection: an idempotent PUT is retried', async () => {
    server.handle = (c, index, tools) =>
      index === 0 ? tools.drop() : c.json({ id: '1', version: { number: 2 } });
    const response = await client().request({
      api: 'v2',
      method: 'PUT',
      path: '/pages/1',
      body: {},
    });
    expect(response.status).toBe(200);
    expect(server.received).toHaveLength(2);
  });

  it('dropped connection: a POST is not resent and fails with NETWORK_ERROR', async () => {
    server.handle = (_c, _index, tools) => tools.drop();
    const error = await client()
      .request(POST, { operation: 'pages.create' })
      .catch((e) => e);
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', phase: 'confluence' });
    expect(error.message).toMatch(/^pages\.create: the connection failed/);
    expect(server.received).toHaveLength(1);
  });

  it('dropped connection: a POST marked idempotent by its operation is retried', async () => {
    server.handle = (c, index, tools) => (index === 0 ? tools.drop() : c.json({ results: [] }));
    const response = await client().request(POST, { idempotent: true });
    expect(response.status).toBe(200);
    expect(server.received).toHaveLength(2);
  });

  it('beforeSend: called after the wait and before every attempt; a throw stops the request unsent', async () => {
    server.handle = (c, index) =>
      index === 0
        ? new Response(null, { status: 429, headers: { 'retry-after': '0' } })
        : c.json({ id: '1' });
    const calls: number[] = [];
    const sent = await client().request(GET, {
      beforeSend: () => calls.push(server.received.length),
    });
    expect(sent.body).toEqual({ id: '1' });
    // Once before the first attempt, once before the retry (after the 429 was answered).
    expect(calls).toEqual([0, 1]);

    server.handle = () => new Response(null, { status: 429, headers: { 'retry-after': '0' } });
    const refusal = new Error('the lease ended');
    let asked = 0;
    const refused = client().request(POST, {
      beforeSend: () => {
        asked += 1;
        if (asked === 2) throw refusal;
      },
    });
    // The first attempt is sent and meets a 429; its retry is stopped before the wire, with the
    // error beforeSend threw, and is not retried in turn.
    await expect(refused).rejects.toBe(refusal);
    expect(asked).toBe(2);
    expect(server.received.filter((request) => request.method === 'POST')).toHaveLength(1);
  });

  it('onPaused: a request held by a pause another one began is told once, how long and why; the one that drew the 429 is told by onRetry', async () => {
    server.handle = (c, index) =>
      index === 0
        ? new Response(null, { status: 429, headers: { 'retry-after': '2' } })
        : c.json({ id: '1' });
    const shared = client();
    const notices: string[] = [];
    const first = shared.request(GET, {
      onPaused: () => notices.push('first paused'),
      onRetry: () => notices.push('first retry'),
    });
    while (shared.limiter.stats().pausedUntil === undefined)
      await new Promise((resolve) => setTimeout(resolve, 10));
    const waits: Array<{ waitMs: number; reason: string }> = [];
    const second = shared.request(GET, { onPaused: (event) => waits.push(event) });
    await Promise.all([first, second]);
    expect(notices).toEqual(['first retry']);
    expect(waits).toHaveLength(1);
    expect(waits[0]!.reason).toBe('Retry-After after a 429');
    expect(waits[0]!.waitMs).toBeGreaterThan(1_000);
    expect(waits[0]!.waitMs).toBeLessThanOrEqual(2_000);
    // A pause too short to wonder about passes without a notice.
    shared.limiter.pauseFor(300);
    const brief: unknown[] = [];
    await shared.request(GET, { onPaused: (event) => brief.push(event) });
    expect(brief).toEqual([]);
  });

  it('4xx: a 404 is not retried', async () => {
    server.handle = () => v2Error(404, 'NOT_FOUND', 'No page');
    await expect(client().request(GET)).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(server.received).toHaveLength(1);
  });
});
