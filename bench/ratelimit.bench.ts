/**
 * The site limiter against a rate the emulator enforces per credential (over loopback HTTP, 20 ms
 * latency): the rate four clients of one credential achieve together through the shared limiter,
 * and the 429s they draw, against four clients pacing themselves alone; and how fast a quota 429
 * refuses the calls queued behind it. `npm run bench -- ratelimit`
 */
import { createConfluenceClient } from '../src/confluence/http/client.ts';
import { createSiteLimiterRegistry } from '../src/confluence/http/limiter-registry.ts';
import type { SiteLimiterOptions } from '../src/confluence/http/site-limiter.ts';
import type { Emulator } from '../src/emulator/index.ts';
import { startEmulatorServer } from '../test/confluence/fixtures/emulator-server.ts';
import { type BenchRow, type BenchSuite, now } from './harness.ts';

const AUTH = { kind: 'basic', email: 'demo@example.com', apiToken: 'demo-token' } as const;
const ENFORCED_PER_SECOND = 20;
const CLIENTS = 4;
const CALLS_PER_CLIENT = 40;
const SPACES = { api: 'v2', method: 'GET', path: '/spaces' } as const;

const suite: BenchSuite = {
  name: 'ratelimit',
  async run() {
    const served = await startEmulatorServer();
    const { emulator, url: baseUrl } = served;
    try {
      const limits: SiteLimiterOptions = { requestsPerInterval: Infinity };
      const shared = createSiteLimiterRegistry({ limits });
      const together = await load(emulator, () =>
        createConfluenceClient({ baseUrl, auth: AUTH, limiters: shared }),
      );
      const alone = await load(emulator, () =>
        createConfluenceClient({ baseUrl, auth: AUTH, limits }),
      );
      const refusal = await quotaRefusal(emulator, baseUrl);
      const total = CLIENTS * CALLS_PER_CLIENT;
      return [
        {
          name: `${CLIENTS} clients, one credential, shared limiter: rate achieved`,
          value: together.rate,
          unit: 'req/s',
          // How much of the limit is used; that it is never exceeded is the 429 count below.
          target: { op: '>=', value: ENFORCED_PER_SECOND * 0.9 },
          note: `${total} GETs / elapsed (the first window is used at once, so up to ${ENFORCED_PER_SECOND}/s × n/(n−1)); enforced ${ENFORCED_PER_SECOND}/s per credential, 20 ms latency; unpaced clients following X-RateLimit-*`,
        },
        {
          name: `${CLIENTS} clients, one credential, shared limiter: 429s drawn`,
          value: together.rejected,
          unit: '429s',
          target: { op: '<=', value: 0 },
        },
        {
          name: `${CLIENTS} clients, one credential, a limiter each: 429s drawn`,
          value: alone.rejected,
          unit: '429s',
          note: `rate ${alone.rate.toFixed(1)} req/s; each limiter also follows the headers`,
        },
        {
          name: 'quota 429: 100 queued calls all refused after',
          value: refusal,
          unit: 'ms',
          note: 'from the first call sent to the last RATE_LIMITED, no request sent for the 99',
        },
      ] satisfies BenchRow[];
    } finally {
      await served.close();
    }
  },
};

async function load(
  emulator: Emulator,
  makeClient: () => ReturnType<typeof createConfluenceClient>,
): Promise<{ rate: number; rejected: number }> {
  emulator.faults.set({
    enforce: { requests: ENFORCED_PER_SECOND, windowMs: 1_000 },
    latency: { ms: 20 },
  });
  const clients = Array.from({ length: CLIENTS }, makeClient);
  const started = now();
  await Promise.all(
    clients.flatMap((client) =>
      Array.from({ length: CALLS_PER_CLIENT }, () => client.request(SPACES)),
    ),
  );
  const seconds = (now() - started) / 1000;
  const rejected = emulator.faults.get().counters.enforced;
  // Admitted requests over the time they took (the first window starts at once).
  return { rate: (CLIENTS * CALLS_PER_CLIENT) / seconds, rejected };
}

async function quotaRefusal(emulator: Emulator, baseUrl: string): Promise<number> {
  emulator.faults.set({ quota: { after: 0 } });
  const client = createConfluenceClient({ baseUrl, auth: AUTH, limits: { concurrency: 1 } });
  const started = now();
  await Promise.all(Array.from({ length: 100 }, () => client.request(SPACES).catch(() => null)));
  if (emulator.faults.get().counters.requests !== 1) throw new Error('the queued calls were sent');
  return now() - started;
}

export default suite;
