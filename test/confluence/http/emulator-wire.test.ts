/**
 * The client against the real emulator over loopback HTTP, with the emulator's own fault
 * injection: 429 + Retry-After, 5xx, latency and dropped connections, counted server-side.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createConfluenceClient,
  type ConfluenceClientOptions,
} from '../../../src/confluence/http/client.ts';
import { collectPages } from '../../../src/confluence/http/pagination.ts';
import {
  DEMO_EMAIL,
  DEMO_TOKEN,
  startEmulatorServer,
  type EmulatorServer,
} from '../fixtures/emulator-server.ts';

let server: EmulatorServer;
beforeAll(async () => {
  server = await startEmulatorServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => server.emulator.faults.clear());

function client(extra: Partial<ConfluenceClientOptions> = {}) {
  return createConfluenceClient({
    baseUrl: server.url,
    auth: { kind: 'basic', email: DEMO_EMAIL, apiToken: DEMO_TOKEN },
    limits: { requestsPerInterval: Infinity },
    retry: { minRetryDelayMs: 5, maxRetryDelayMs: 20 },
    ...extra,
  });
}
const counters = () => server.emulator.faults.get().counters;
const newPage = (title: string) =>
  ({
    api: 'v2',
    method: 'POST',
    path: '/pages',
    body: { spaceId: '131074', title, body: { representation: 'storage', value: '<p>x</p>' } },
  }) as const;
const pageTitled = async (title: string) =>
  (
    (await client().request({ api: 'v2', method: 'GET', path: '/pages', query: { title } }))
      .body as { results: unknown[] }
  ).results;

describe('client against the emulator', () => {
  it('auth: basic and bearer both reach the demo site; a wrong token is a typed 401 without the token', async () => {
    const basic = await client().request({
      api: 'v2',
      method: 'GET',
      path: '/spaces',
      query: { keys: ['ENG'] },
    });
    expect(basic.body).toMatchObject({ results: [{ key: 'ENG' }] });
    const bearer = await client({ auth: { kind: 'bearer', accessToken: DEMO_TOKEN } }).request({
      api: 'v2',
      method: 'GET',
      path: '/spaces/131074',
    });
    expect(bearer.body).toMatchObject({ key: 'ENG' });
    const wrong = await client({
      auth: { kind: 'basic', email: DEMO_EMAIL, apiToken: 'not-the-token-42' },
    })
      .request({ api: 'v2', method: 'GET', path: '/pages' })
      .catch((e) => e);
    expect(wrong).toMatchObject({ status: 401, code: 'UNAUTHORIZED', phase: 'confluence' });
    expect(JSON.stringify(wrong) + wrong.message).not.toContain('not-the-token-42');
  });

  it('errors: the v2 and the v1 error bodies both become typed errors', async () => {
    const v2 = await client()
      .request({ api: 'v2', method: 'GET', path: '/pages/999999' })
      .catch((e) => e);
    expect(v2).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(v2.message).toContain('No page found with id 999999');
    const v1 = await client()
      .request({ api: 'v1', method: 'GET', path: '/no-such-thing' })
      .catch((e) => e);
    expect(v1).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(v1.message).toContain('No such resource');
  });

  it("429: the emulator's rate limit is waited out through Retry-After, every call succeeds", async () => {
    server.emulator.faults.set({ rateLimit: { requests: 3, windowMs: 1_000 } });
    const c = client();
    // Six at once: the client knows nothing of the limit before the first answers come back.
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => c.request({ api: 'v2', method: 'GET', path: '/spaces' })),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(6).fill(200));
    expect(counters().rateLimited).toBeGreaterThan(0);
  });

  it('5xx: an idempotent GET rides out injected 503s', async () => {
    server.emulator.faults.set({ errors: { ratio: 1, status: 503, count: 2 } });
    expect((await client().request({ api: 'v2', method: 'GET', path: '/spaces' })).status).toBe(
      200,
    );
    expect(counters()).toMatchObject({ errors: 2, requests: 3 });
  });

  it('5xx: a page create is sent once, fails, and creates nothing', async () => {
    server.emulator.faults.set({ errors: { ratio: 1, status: 500, count: 1 } });
    const error = await client()
      .request(newPage('Never twice 5xx'))
      .catch((e) => e);
    expect(error).toMatchObject({ status: 500 });
    expect(counters().requests).toBe(1);
    server.emulator.faults.clear();
    expect(await pageTitled('Never twice 5xx')).toHaveLength(0);
  });

  it('dropped connection: a GET is retried; a page create is never resent', async () => {
    server.emulator.faults.set({ drop: { ratio: 1, count: 1 } });
    expect((await client().request({ api: 'v2', method: 'GET', path: '/spaces' })).status).toBe(
      200,
    );
    expect(counters()).toMatchObject({ dropped: 1, requests: 2 });
    server.emulator.faults.set({ drop: { ratio: 1, count: 1 } });
    const error = await client()
      .request(newPage('Never twice drop'))
      .catch((e) => e);
    expect(error).toMatchObject({ code: 'NETWORK_ERROR' });
    expect(counters()).toMatchObject({ dropped: 1, requests: 1 });
  });

  it('latency: a slow emulator trips the per-attempt timeout', async () => {
    server.emulator.faults.set({ latency: { ms: 1_000 } });
    const error = await client({
      requestTimeoutMs: 100,
      retry: { maxRetries: 1, minRetryDelayMs: 5, maxRetryDelayMs: 5 },
    })
      .request({ api: 'v2', method: 'GET', path: '/spaces' })
      .catch((e) => e);
    expect(error).toMatchObject({ code: 'TIMEOUT', details: { retries: 1 } });
  });

  it("pagination: follows the emulator's cursors to the last page", async () => {
    const all = await client().request({
      api: 'v2',
      method: 'GET',
      path: '/pages',
      query: { limit: 250 },
    });
    const total = (all.body as { results: unknown[] }).results.length;
    const paged = await collectPages({
      first: { api: 'v2', method: 'GET', path: '/pages', query: { limit: 3 } },
      request: (spec) => client().request(spec),
    });
    expect(paged).toMatchObject({ truncated: false, pages: Math.ceil(total / 3) });
    expect(paged.items).toHaveLength(total);
  });
});
