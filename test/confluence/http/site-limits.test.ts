/**
 * The site limiter against the real emulator over loopback HTTP: one budget per site and
 * credential, the server's rate-limit headers honoured, the hourly quota failing fast with
 * RATE_LIMITED and retryAt, and adaptive back-off that recovers. The emulator counts every 429 it
 * sent, so "stayed under the limit" is checked on the server's side.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ConfluenceAuth } from '../../../src/config.ts';
import {
  createConfluenceClient,
  type ConfluenceClientOptions,
} from '../../../src/confluence/http/client.ts';
import { ConfluenceError } from '../../../src/confluence/http/errors.ts';
import { createSiteLimiterRegistry } from '../../../src/confluence/http/limiter-registry.ts';
import {
  DEMO_EMAIL,
  DEMO_TOKEN,
  startEmulatorServer,
  type EmulatorServer,
} from '../fixtures/emulator-server.ts';

const DEMO: ConfluenceAuth = { kind: 'basic', email: DEMO_EMAIL, apiToken: DEMO_TOKEN };
const ALICE: ConfluenceAuth = {
  kind: 'basic',
  email: 'alice@example.com',
  apiToken: 'alice-token',
};
const SPACES = { api: 'v2', method: 'GET', path: '/spaces' } as const;

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
    auth: DEMO,
    retry: { minRetryDelayMs: 5, maxRetryDelayMs: 20 },
    ...extra,
  });
}
const counters = () => server.emulator.faults.get().counters;
const many = (count: number, call: (index: number) => Promise<unknown>) =>
  Promise.all(Array.from({ length: count }, (_, index) => call(index)));

describe('site limits against the emulator', () => {
  it('registry: two clients of one site and credential share one budget and stay under the enforced rate', async () => {
    server.emulator.faults.set({ enforce: { requests: 8, windowMs: 1_000 } });
    const limiters = createSiteLimiterRegistry({ limits: { requestsPerInterval: 6 } });
    const a = client({ limiters });
    const b = client({ limiters });
    expect(a.limiter).toBe(b.limiter);
    await many(18, (index) => (index % 2 ? a : b).request(SPACES));
    expect(counters().enforced).toBe(0);

    // The same load through two limiters of their own: together they burst past the server's 8.
    server.emulator.faults.set({ enforce: { requests: 8, windowMs: 1_000 } });
    const c = client({ limits: { requestsPerInterval: 6 } });
    const d = client({ limits: { requestsPerInterval: 6 } });
    await many(18, (index) => (index % 2 ? c : d).request(SPACES));
    expect(counters().enforced).toBeGreaterThan(0);
  });

  it('registry: another credential has its own limiter, untouched by the first one pausing', async () => {
    const limiters = createSiteLimiterRegistry();
    const demo = client({ limiters, retry: { maxRetryAfterMs: 5_000 } });
    const sameAccount = client({ limiters, retry: { maxRetryAfterMs: 5_000 } });
    const alice = client({ limiters, auth: ALICE, retry: { maxRetryAfterMs: 5_000 } });
    expect(alice.limiter).not.toBe(demo.limiter);
    demo.limiter.pauseFor(600_000, 'test pause');
    const before = counters().requests;
    const refused = await sameAccount.request(SPACES).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
    expect(counters().requests).toBe(before);
    expect((await alice.request(SPACES)).status).toBe(200);
    expect(limiters.size).toBe(2);
  });

  it('headers: an unpaced client learns the rate from X-RateLimit-* and stays under it', async () => {
    server.emulator.faults.set({ enforce: { requests: 10, windowMs: 1_000 } });
    const unpaced = client({ limits: { concurrency: 4, requestsPerInterval: Infinity } });
    const answers = await many(35, () => unpaced.request(SPACES));
    expect(answers).toHaveLength(35);
    expect(counters().enforced).toBe(0);
    expect(counters().requests).toBe(35);
  });

  it('quota: a 429 with Retry-After 1847 fails at once with RATE_LIMITED and retryAt, and nothing is sent while the site is paused', async () => {
    server.emulator.faults.set({ quota: { after: 1 } });
    const quota = client({ limits: { concurrency: 1 } });
    expect((await quota.request(SPACES)).status).toBe(200);
    const startedAt = Date.now();
    // Four at once with one slot: the first meets the quota, the three waiting are refused too.
    const errors = await many(4, () =>
      quota.request(SPACES, { operation: 'spaces.list' }).catch((error: unknown) => error),
    );
    for (const error of errors) {
      expect(error).toBeInstanceOf(ConfluenceError);
      expect(error).toMatchObject({ code: 'RATE_LIMITED', status: 429, phase: 'confluence' });
    }
    const first = errors[0] as ConfluenceError;
    const retryAt = first.details.retryAt!;
    expect(retryAt - startedAt).toBeGreaterThan(1_840_000);
    expect(retryAt - Date.now()).toBeLessThanOrEqual(1_847_000);
    expect(first.message).toContain('confluence-quota-global-based');
    expect(first.details.hint).toContain(new Date(retryAt).toISOString());
    expect(counters()).toMatchObject({ requests: 2, quotaLimited: 1 });
    expect(quota.limiter.stats()).toMatchObject({
      pausedUntil: retryAt,
      pauseReason: 'confluence-quota-global-based',
    });

    // Later calls fail the same way without reaching the site.
    const later = await quota.request(SPACES).catch((error: unknown) => error);
    expect(later).toMatchObject({ code: 'RATE_LIMITED', details: { retryAt } });
    expect(counters().requests).toBe(2);
  });

  it('quota: calls already waiting out a short pause are refused as soon as a long one begins', async () => {
    const paused = client({ limits: { concurrency: 4 } });
    paused.limiter.pauseFor(5_000, 'a short Retry-After');
    const waiting = many(3, () => paused.request(SPACES).catch((error: unknown) => error));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(paused.limiter.stats()).toMatchObject({ waiting: 3, running: 0 });
    paused.limiter.pauseFor(3_600_000, 'confluence-quota-tenant-based');
    for (const error of await waiting)
      expect(error).toMatchObject({
        code: 'RATE_LIMITED',
        details: { retryAt: expect.any(Number) },
      });
    expect(counters().requests).toBe(0);
  });

  it('quota: a quota 429 whose reset is near is waited out, not failed', async () => {
    server.emulator.faults.set({ quota: { after: 1, retryAfterSeconds: 1 } });
    const patient = client({ limits: { requestsPerInterval: 25 } });
    expect((await patient.request(SPACES)).status).toBe(200);
    expect((await patient.request(SPACES)).status).toBe(200);
    expect(counters()).toMatchObject({ quotaLimited: 1, requests: 3 });
  });

  it('back-off: a 429 storm halves the site rate, and runs of successes bring it back', async () => {
    server.emulator.faults.set({ throttle: { ratio: 1, count: 3, retryAfterSeconds: 0 } });
    const adaptive = client({ limits: { requestsPerInterval: 10, intervalMs: 200 } });
    expect((await adaptive.request(SPACES)).status).toBe(200);
    expect(adaptive.limiter.stats()).toMatchObject({ currentRate: 5, throttled: 3 });
    const rates: number[] = [];
    while (adaptive.limiter.stats().currentRate < 10 && rates.length < 100) {
      await adaptive.request(SPACES);
      rates.push(adaptive.limiter.stats().currentRate);
    }
    expect(rates.at(-1)).toBe(10);
    expect(rates).toEqual([...rates].sort((x, y) => x - y));
    expect(new Set(rates)).toEqual(new Set([5, 6, 7, 8, 9, 10]));
  });

  it('storm: 30% of answers 429 with Retry-After 1 and a 5xx share, every GET still succeeds', async () => {
    server.emulator.faults.set({
      // Counted, so that no call can draw more failures than its retries absorb.
      throttle: { ratio: 0.3, retryAfterSeconds: 1, count: 6 },
      errors: { ratio: 0.1, status: 503, count: 2 },
    });
    const stormy = client({ limits: { concurrency: 4 } });
    const answers = await many(30, () => stormy.request(SPACES));
    expect(answers.every((answer) => (answer as { status: number }).status === 200)).toBe(true);
    expect(counters().throttled, JSON.stringify(server.emulator.faults.get())).toBeGreaterThan(0);
    expect(stormy.limiter.stats().throttled).toBe(counters().throttled);
  });
});
