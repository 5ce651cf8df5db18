import { afterEach, describe, expect, it } from 'vitest';
import { runEmulatorCommand } from '../../src/emulator/cli.ts';
import { type DemoSiteFixture, demoSite } from './fixtures.ts';

let site: DemoSiteFixture;
afterEach(() => site?.close());

describe('fault injection', () => {
  it('faults.set: 429 with Retry-After and X-RateLimit-* past the configured rate', async () => {
    site = demoSite();
    site.emulator.faults.set({ rateLimit: { requests: 2, windowMs: 60_000 } });
    const ok = await site.client.get('/wiki/api/v2/spaces');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-ratelimit-limit')).toBe('2');
    expect(ok.headers.get('x-ratelimit-remaining')).toBe('1');
    await site.client.get('/wiki/api/v2/spaces');
    const limited = await site.client.get('/wiki/api/v2/spaces');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('x-ratelimit-nearlimit')).toBe('true');
    expect(limited.body.errors[0].code).toBe('TOO_MANY_REQUESTS');
    site.clock.advance(60_000);
    expect((await site.client.get('/wiki/api/v2/spaces')).status).toBe(200);
  });

  it('faults.set: a share of 5xx answers, counted, scoped by method and path', async () => {
    site = demoSite();
    site.emulator.faults.set({
      errors: { ratio: 1, status: 502, count: 2, methods: ['GET'], path: '/wiki/api/v2/pages' },
    });
    expect((await site.client.get('/wiki/api/v2/spaces')).status).toBe(200);
    const failed = await site.client.get('/wiki/api/v2/pages');
    expect(failed.status).toBe(502);
    expect(failed.body.errors[0].status).toBe(502);
    expect((await site.client.get('/wiki/rest/api/user/current')).status).toBe(200);
    expect((await site.client.get('/wiki/api/v2/pages')).status).toBe(502);
    expect((await site.client.get('/wiki/api/v2/pages')).status).toBe(200);
    expect(site.emulator.faults.get().counters).toMatchObject({ errors: 2 });
  });

  it('faults.set: a ratio uses the injected random source', async () => {
    let draws = 0;
    site = demoSite({ random: () => (draws++ % 2 === 0 ? 0.1 : 0.9) });
    site.emulator.faults.set({ errors: { ratio: 0.5 } });
    const statuses = [];
    for (let index = 0; index < 4; index++)
      statuses.push((await site.client.get('/wiki/api/v2/spaces')).status);
    expect(statuses).toEqual([503, 200, 503, 200]);
  });

  it('faults.set: added latency delays the answer', async () => {
    site = demoSite();
    site.emulator.faults.set({ latency: { ms: 30 } });
    const response = await site.client.get('/wiki/api/v2/spaces');
    expect(response.status).toBe(200);
    expect(site.emulator.faults.get().counters.delayed).toBe(1);
  });

  it('faults.set: latency with a count delays only that many requests', async () => {
    site = demoSite();
    site.emulator.faults.set({ latency: { ms: 400, count: 1 } });
    const timed = async () => {
      const started = performance.now();
      expect((await site.client.get('/wiki/api/v2/spaces')).status).toBe(200);
      return performance.now() - started;
    };
    expect(await timed()).toBeGreaterThanOrEqual(390);
    await timed();
    // The second went undelayed: only one request was counted as delayed.
    expect(site.emulator.faults.get().counters.delayed).toBe(1);
  });

  it('faults.set: a dropped connection makes the in-process fetch fail', async () => {
    site = demoSite();
    site.emulator.faults.set({ drop: { ratio: 1, count: 1 } });
    await expect(
      site.emulator.app.request('/wiki/api/v2/spaces', {
        headers: { authorization: 'Bearer demo-token' },
      }),
    ).rejects.toThrow('fetch failed');
    expect((await site.client.get('/wiki/api/v2/spaces')).status).toBe(200);
  });

  it('faults.set: an invalid configuration is a 400 naming the field; clear removes faults', async () => {
    site = demoSite({ faultRoutes: true });
    expect(() => site.emulator.faults.set({ errors: { ratio: 2 } })).toThrow(/errors\.ratio/);
    const response = await site.client.put(
      '/__emulator/faults',
      { latency: { ms: -1 } },
      { unchecked: true },
    );
    expect(response.status).toBe(400);
    expect(response.body.errors[0].title).toContain('latency.ms');
    expect(
      (await site.client.put('/__emulator/faults', { unknown: true }, { unchecked: true })).status,
    ).toBe(400);
  });

  it('/__emulator/faults: PUT sets, GET shows config and counters, DELETE clears', async () => {
    site = demoSite({ faultRoutes: true });
    const set = await site.client.put(
      '/__emulator/faults',
      { errors: { ratio: 1, count: 1 } },
      { unchecked: true, auth: null },
    );
    expect(set.status).toBe(200);
    expect(set.body.config.errors).toMatchObject({ ratio: 1, status: 503, count: 1 });
    expect((await site.client.get('/wiki/api/v2/spaces')).status).toBe(503);
    const shown = await site.client.get('/__emulator/faults', { unchecked: true });
    expect(shown.body.counters).toMatchObject({ requests: 1, errors: 1 });
    expect((await site.client.delete('/__emulator/faults', { unchecked: true })).status).toBe(204);
    expect((await site.client.get('/__emulator/faults', { unchecked: true })).body.config).toEqual(
      {},
    );
  });

  it('over HTTP: /__emulator/faults is not served unless asked for (anyone could fail every call)', async () => {
    const running = await runEmulatorCommand({ port: 0, log: null });
    try {
      const put = await fetch(`${running.url}/__emulator/faults`, {
        method: 'PUT',
        body: JSON.stringify({ errors: { ratio: 1 } }),
      });
      expect(put.status).toBe(404);
      expect(running.emulator.faults.get().config).toEqual({});
      const headers = { authorization: 'Bearer demo-token' };
      expect((await fetch(`${running.url}/wiki/api/v2/spaces`, { headers })).status).toBe(200);
    } finally {
      await running.close();
    }
  });

  it('over HTTP: a dropped connection resets the socket and the client sees a network error', async () => {
    const running = await runEmulatorCommand({ port: 0, log: null, faultRoutes: true });
    try {
      const headers = { authorization: 'Bearer demo-token' };
      await fetch(`${running.url}/__emulator/faults`, {
        method: 'PUT',
        body: JSON.stringify({ drop: { ratio: 1, count: 1 } }),
      });
      await expect(fetch(`${running.url}/wiki/api/v2/spaces`, { headers })).rejects.toThrow(
        'fetch failed',
      );
      expect((await fetch(`${running.url}/wiki/api/v2/spaces`, { headers })).status).toBe(200);
    } finally {
      await running.close();
    }
  });
});
