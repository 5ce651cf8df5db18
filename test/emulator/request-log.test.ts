/**
 * The emulator's request log (`/__emulator/requests`, `emulator.requests`): what the site saw,
 * arrival times and statuses, kept only with the fault routes; and `peakInWindow`, the figure the
 * multi-instance test checks a shared rate limit with.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runEmulatorCommand } from '../../src/emulator/cli.ts';
import { createRequestLog, peakInWindow } from '../../src/emulator/faults/request-log.ts';
import { type DemoSiteFixture, TEST_EPOCH_MS, demoSite } from './fixtures.ts';

let site: DemoSiteFixture | undefined;
afterEach(() => {
  site?.close();
  site = undefined;
});

describe('peakInWindow', () => {
  it('counts the most arrivals within any window, in any order of input', () => {
    expect(peakInWindow([], 1_000)).toBe(0);
    expect(peakInWindow([5], 1_000)).toBe(1);
    expect(peakInWindow([0, 100, 900, 1_000, 1_500], 1_000)).toBe(3);
    expect(peakInWindow([1_500, 0, 1_000, 900, 100], 1_000)).toBe(3);
    // A window is half-open: 0 and 1,000 are a second apart, not within one second.
    expect(peakInWindow([0, 1_000, 2_000, 3_000], 1_000)).toBe(1);
    expect(peakInWindow([7, 7, 7, 7], 1)).toBe(4);
  });
});

describe('createRequestLog', () => {
  it('keeps the newest entries past its capacity and says how many it let go', () => {
    const log = createRequestLog(3);
    for (let at = 1; at <= 5; at++) log.record({ at, method: 'GET', path: '/p', status: 200 });
    expect(log.list()).toEqual({
      requests: [3, 4, 5].map((at) => ({ at, method: 'GET', path: '/p', status: 200 })),
      dropped: 2,
    });
    expect(log.list(5).requests.map((entry) => entry.at)).toEqual([5]);
    log.clear();
    expect(log.list()).toEqual({ requests: [], dropped: 0 });
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => createRequestLog(0)).toThrow(/positive integer/);
    expect(() => createRequestLog(1.5)).toThrow(/positive integer/);
  });
});

describe('/__emulator/requests', () => {
  it('logs each /wiki request with its arrival and status (429, 5xx, dropped as 0); ?since and ?windowMs', async () => {
    site = demoSite({ faultRoutes: true });
    expect((await site.client.get('/wiki/api/v2/spaces')).status).toBe(200);
    site.clock.advance(400);
    site.emulator.faults.set({ errors: { ratio: 1, status: 503, count: 1 } });
    expect((await site.client.get('/wiki/api/v2/pages')).status).toBe(503);
    site.clock.advance(400);
    site.emulator.faults.set({ rateLimit: { requests: 0, windowMs: 60_000 } });
    expect((await site.client.get('/wiki/api/v2/spaces')).status).toBe(429);
    site.clock.advance(400);
    site.emulator.faults.set({ drop: { ratio: 1, count: 1 } });
    await expect(
      site.emulator.app.request('/wiki/api/v2/spaces', {
        headers: { authorization: 'Bearer demo-token' },
      }),
    ).rejects.toThrow('fetch failed');
    site.emulator.faults.clear();

    const all = await site.client.get('/__emulator/requests?windowMs=1000', { unchecked: true });
    expect(all.status).toBe(200);
    expect(all.body).toEqual({
      count: 4,
      dropped: 0,
      peak: { windowMs: 1_000, requests: 3 },
      requests: [
        { at: TEST_EPOCH_MS, method: 'GET', path: '/wiki/api/v2/spaces', status: 200 },
        { at: TEST_EPOCH_MS + 400, method: 'GET', path: '/wiki/api/v2/pages', status: 503 },
        { at: TEST_EPOCH_MS + 800, method: 'GET', path: '/wiki/api/v2/spaces', status: 429 },
        { at: TEST_EPOCH_MS + 1_200, method: 'GET', path: '/wiki/api/v2/spaces', status: 0 },
      ],
    });
    const later = await site.client.get(`/__emulator/requests?since=${TEST_EPOCH_MS + 800}`, {
      unchecked: true,
    });
    expect(later.body.requests.map((entry: { status: number }) => entry.status)).toEqual([429, 0]);
    expect(later.body.peak).toBeUndefined();
    // The control routes themselves are not Confluence traffic.
    expect(site.emulator.requests!.list().requests).toHaveLength(4);

    expect((await site.client.delete('/__emulator/requests', { unchecked: true })).status).toBe(
      204,
    );
    expect(site.emulator.requests!.list()).toEqual({ requests: [], dropped: 0 });
  });

  it('a bad ?since or ?windowMs is a 400 naming the parameter', async () => {
    site = demoSite({ faultRoutes: true });
    for (const query of ['since=-1', 'since=soon', 'windowMs=0', 'windowMs=1.5', 'since=']) {
      const response = await site.client.get(`/__emulator/requests?${query}`, { unchecked: true });
      expect(response.status, query).toBe(400);
      expect(response.body.errors[0].title, query).toMatch(/^(since|windowMs) must/);
    }
  });

  it('is neither kept nor served without the fault routes', async () => {
    site = demoSite();
    expect(site.emulator.requests).toBeNull();
    await site.client.get('/wiki/api/v2/spaces');
    expect((await site.client.get('/__emulator/requests', { unchecked: true })).status).toBe(404);
  });

  it('over HTTP with --faults: the log lists the requests made over the network', async () => {
    const running = await runEmulatorCommand({ port: 0, log: null, faultRoutes: true });
    try {
      await fetch(`${running.url}/__emulator/faults`, {
        method: 'PUT',
        body: JSON.stringify({ latency: { ms: 50 } }),
      });
      const headers = { authorization: 'Bearer demo-token' };
      const before = Date.now();
      const answers = await Promise.all(
        [1, 2, 3].map(() => fetch(`${running.url}/wiki/api/v2/spaces`, { headers })),
      );
      const after = Date.now();
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
      const log = (await (
        await fetch(`${running.url}/__emulator/requests?windowMs=1000&since=${before}`)
      ).json()) as { count: number; peak: { requests: number }; requests: Array<{ at: number }> };
      expect(log.count).toBe(3);
      expect(log.peak.requests).toBe(3);
      for (const entry of log.requests) {
        expect(entry.at).toBeGreaterThanOrEqual(before);
        expect(entry.at).toBeLessThanOrEqual(after);
      }
    } finally {
      await running.close();
    }
  });
});
