import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConfluenceClientOptions } from '../../../src/confluence/http/client.ts';
import { createSiteLimiter } from '../../../src/confluence/http/site-limiter.ts';
import {
  scriptedClient,
  startScriptedServer,
  v2Error,
  type ScriptedServer,
} from '../fixtures/scripted-server.ts';

let server: ScriptedServer;

beforeEach(async () => {
  server = await startScriptedServer();
});
afterEach(async () => {
  await server.close();
});

const client = (extra: Partial<ConfluenceClientOptions> = {}) => scriptedClient(server, extra);

describe('client limits', () => {
  it('concurrency: a Promise.all of 50 never has more than the cap in flight at the server', async () => {
    server.handle = async (c, _index, tools) => {
      await tools.sleep(20);
      return c.json({ ok: true });
    };
    const capped = client({ limits: { concurrency: 4, requestsPerInterval: Infinity } });
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        capped.request({ api: 'v2', method: 'GET', path: `/pages/${i}` }),
      ),
    );
    expect(server.received).toHaveLength(50);
    expect(server.inFlight.max).toBeLessThanOrEqual(4);
    expect(server.inFlight.max).toBeGreaterThan(1);
  });

  it('rate: one limiter shared by two clients of a site caps their combined rate', async () => {
    const limiter = createSiteLimiter({ concurrency: 10, requestsPerInterval: 5, intervalMs: 500 });
    // When each request is handed to fetch: the limiter's decision, free of the loopback's
    // jitter (arrival times at the server drift by 100 ms and more on a loaded machine).
    const sent: number[] = [];
    const timedFetch: typeof fetch = (input, init) => {
      sent.push(performance.now());
      return fetch(input, init);
    };
    const a = client({ limiter, fetch: timedFetch });
    const b = client({
      limiter,
      fetch: timedFetch,
      auth: { kind: 'bearer', accessToken: 'other-token-xyz' },
    });
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        (i % 2 ? a : b).request({ api: 'v2', method: 'GET', path: '/pages' }),
      ),
    );
    expect(server.received).toHaveLength(12);
    // 12 requests at 5 per 500 ms: no five start within less than 500 ms of each other.
    for (let i = 5; i < sent.length; i++)
      expect(sent[i]! - sent[i - 5]!).toBeGreaterThanOrEqual(450);
  });

  it('timeout: a slow answer fails with TIMEOUT after its retries (GET) or at once (POST)', async () => {
    server.handle = async (c, _index, tools) => {
      await tools.sleep(2_000);
      return c.json({});
    };
    const slow = client({
      requestTimeoutMs: 100,
      retry: { maxRetries: 1, minRetryDelayMs: 5, maxRetryDelayMs: 5 },
    });
    const get = await slow.request({ api: 'v2', method: 'GET', path: '/pages/1' }).catch((e) => e);
    expect(get).toMatchObject({ code: 'TIMEOUT', phase: 'confluence' });
    expect(get.details.retries).toBe(1);
    const post = await slow
      .request({ api: 'v2', method: 'POST', path: '/pages', body: {} })
      .catch((e) => e);
    expect(post).toMatchObject({ code: 'TIMEOUT' });
    expect(server.received.filter((request) => request.method === 'POST')).toHaveLength(1);
  });

  it('cancellation: aborts a call in flight, one waiting for the limiter, and one in back-off', async () => {
    server.handle = async (c, index, tools) => {
      if (index === 0) await tools.sleep(5_000);
      return index === 0 ? c.json({}) : v2Error(503, 'SERVICE_UNAVAILABLE', 'down');
    };
    const single = client({
      limits: { concurrency: 1, requestsPerInterval: Infinity },
      retry: { minRetryDelayMs: 5_000, maxRetryDelayMs: 5_000 },
    });
    const controller = new AbortController();
    const inFlight = single
      .request({ api: 'v2', method: 'GET', path: '/slow' }, { signal: controller.signal })
      .catch((e) => e);
    const waiting = single
      .request({ api: 'v2', method: 'GET', path: '/waiting' }, { signal: controller.signal })
      .catch((e) => e);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(single.limiter.stats()).toMatchObject({ running: 1, waiting: 1 });
    controller.abort();
    expect(await inFlight).toMatchObject({ code: 'ABORTED', phase: 'confluence' });
    expect(await waiting).toMatchObject({ code: 'ABORTED' });
    expect(server.received.map((request) => request.url)).toEqual(['/wiki/api/v2/slow']);

    const backOff = new AbortController();
    const sleeping = single
      .request({ api: 'v2', method: 'GET', path: '/flaky' }, { signal: backOff.signal })
      .catch((e) => e);
    await new Promise((resolve) => setTimeout(resolve, 200));
    backOff.abort();
    expect(await sleeping).toMatchObject({ code: 'ABORTED' });
    // Had the abort not cut the 5 s back-off short, the retries would have reached the server.
    expect(server.received.filter((request) => request.url.endsWith('/flaky'))).toHaveLength(1);
  });
});
