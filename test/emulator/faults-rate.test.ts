/**
 * The emulator's rate-limit faults: a throttled share, the hourly quota running out (Atlassian's
 * `Retry-After: 1847` example), and a rate enforced per credential. In-process with a test clock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type DemoSiteFixture, demoSite } from './fixtures.ts';

let site: DemoSiteFixture;
afterEach(() => site?.close());

describe('rate-limit faults', () => {
  it('throttle: a share of requests is answered 429 with Retry-After and RateLimit-Reason', async () => {
    let draws = 0;
    site = demoSite({ random: () => (draws++ % 3 === 0 ? 0.1 : 0.9) });
    site.emulator.faults.set({ throttle: { ratio: 0.3 } });
    const statuses: number[] = [];
    let limited;
    for (let index = 0; index < 6; index++) {
      const response = await site.client.get('/wiki/api/v2/spaces', { unchecked: true });
      statuses.push(response.status);
      if (response.status === 429) limited = response;
    }
    expect(statuses).toEqual([429, 200, 200, 429, 200, 200]);
    expect(limited!.headers.get('retry-after')).toBe('1');
    expect(limited!.headers.get('ratelimit-reason')).toBe('confluence-burst-based');
    expect(limited!.body.errors[0].code).toBe('TOO_MANY_REQUESTS');
    expect(site.emulator.faults.get().counters).toMatchObject({ throttled: 2, requests: 6 });
  });

  it('quota: after the allowed requests every call is refused until the reset, then it clears', async () => {
    site = demoSite();
    site.emulator.faults.set({ quota: { after: 2 } });
    for (let index = 0; index < 2; index++)
      expect((await site.client.get('/wiki/api/v2/spaces')).status).toBe(200);
    const refused = await site.client.get('/wiki/api/v2/spaces', { unchecked: true });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1847');
    expect(refused.headers.get('ratelimit-reason')).toBe('confluence-quota-global-based');
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(refused.headers.get('ratelimit-policy')).toBe('"global-app-quota";q=65000;w=3600');
    expect(refused.headers.get('ratelimit')).toBe('"global-app-quota";r=0;t=1847');
    expect(Date.parse(refused.headers.get('x-ratelimit-reset')!)).toBe(
      site.clock.now() + 1_847_000,
    );
    site.clock.advance(1_000_000);
    const later = await site.client.get('/wiki/api/v2/spaces', { unchecked: true });
    expect(later.status).toBe(429);
    expect(later.headers.get('retry-after')).toBe('847');
    site.clock.advance(847_000);
    expect((await site.client.get('/wiki/api/v2/spaces')).status).toBe(200);
    expect(site.emulator.faults.get().counters.quotaLimited).toBe(2);
  });

  it('enforce: each credential has its own window, and every answer says what is left of it', async () => {
    site = demoSite();
    site.emulator.faults.set({ enforce: { requests: 2, windowMs: 1_000 } });
    const first = await site.client.get('/wiki/api/v2/spaces');
    expect(first.headers.get('x-ratelimit-limit')).toBe('2');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
    expect((await site.client.get('/wiki/api/v2/spaces')).status).toBe(200);
    const over = await site.client.get('/wiki/api/v2/spaces', { unchecked: true });
    expect(over.status).toBe(429);
    expect(over.headers.get('retry-after')).toBe('1');
    // Another credential is not held to the first one's window.
    expect((await site.alice.get('/wiki/api/v2/spaces')).status).toBe(200);
    site.clock.advance(1_000);
    expect((await site.client.get('/wiki/api/v2/spaces')).status).toBe(200);
    expect(site.emulator.faults.get().counters.enforced).toBe(1);
  });

  it('faults.set: rate-limit faults are validated like the others', () => {
    site = demoSite();
    expect(() => site.emulator.faults.set({ throttle: { ratio: 1.5 } })).toThrow(/throttle\.ratio/);
    expect(() => site.emulator.faults.set({ enforce: { requests: 0 } })).toThrow(
      /enforce\.requests/,
    );
    expect(() => site.emulator.faults.set({ quota: { retryAfterSeconds: 0 } })).toThrow(
      /quota\.retryAfterSeconds/,
    );
  });
});
