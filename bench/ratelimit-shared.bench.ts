/**
 * The site limit shared by several instances through one PostgreSQL (fsync on): 2 and 3
 * registries, each on its own pool as a separate `serve` would be, calling the emulator over
 * loopback HTTP (20 ms latency) as one credential while it enforces 20 requests/s for that
 * credential. Reports the aggregate rate against the limit and the 429s drawn, and what one
 * request pays for the shared bucket (one `limiter_take` round trip) against the local limiter.
 * `npm run bench -- ratelimit`
 */
import { availableParallelism, loadavg } from 'node:os';
import { createConfluenceClient } from '../src/confluence/http/client.ts';
import { createPostgresSiteLimiterRegistry } from '../src/confluence/http/shared-limit/postgres-limiter-registry.ts';
import { createSiteLimiter } from '../src/confluence/http/site-limiter.ts';
import type { Emulator } from '../src/emulator/index.ts';
import { startEmulatorServer } from '../test/confluence/fixtures/emulator-server.ts';
import { createPostgresPool } from '../src/storage/postgres/pool.ts';
import { startPostgres } from '../test/support/postgres-server.ts';
import { type BenchRow, type BenchSuite, describeSample, median, now, sample } from './harness.ts';

const AUTH = { kind: 'basic', email: 'demo@example.com', apiToken: 'demo-token' } as const;
const LIMIT_PER_SECOND = 20;
const CALLS = 120;
const SPACES = { api: 'v2', method: 'GET', path: '/spaces' } as const;

const suite: BenchSuite = {
  name: 'ratelimit',
  async run() {
    const postgres = await startPostgres({ durable: true });
    const served = await startEmulatorServer();
    const { emulator, url: baseUrl } = served;
    const closers: Array<() => Promise<unknown>> = [];
    const instances = async (count: number) => {
      const url = await postgres.createDatabase();
      return Promise.all(
        Array.from({ length: count }, async () => {
          const pool = createPostgresPool(url, { max: 4 });
          const limiters = await createPostgresSiteLimiterRegistry({
            pool,
            limits: { requestsPerInterval: LIMIT_PER_SECOND, intervalMs: 1_000 },
          });
          closers.push(
            () => limiters.close(),
            () => pool.end(),
          );
          return limiters;
        }),
      );
    };
    try {
      const rows: BenchRow[] = [];
      for (const count of [2, 3]) {
        const registries = await instances(count);
        const clients = registries.map((limiters) =>
          createConfluenceClient({ baseUrl, auth: AUTH, limiters }),
        );
        const { rate, rejected } = await load(emulator, clients);
        rows.push(
          {
            name: `${count} instances, one PostgreSQL, one credential: aggregate rate`,
            value: rate,
            unit: 'req/s',
            target: { op: '<=', value: LIMIT_PER_SECOND },
            note: `${CALLS} GETs spread over ${count} registries on their own pools; limit ${LIMIT_PER_SECOND}/s configured and enforced by the emulator; 20 ms latency`,
          },
          {
            name: `${count} instances, one PostgreSQL, one credential: 429s drawn`,
            value: rejected,
            unit: '429s',
            target: { op: '<=', value: 0 },
          },
        );
      }
      const [registry] = await instances(1);
      const unpaced = { requestsPerInterval: 1e9, intervalMs: 1_000 };
      const shared = registry!.limiterFor(baseUrl, AUTH, unpaced);
      const local = createSiteLimiter(unpaced);
      const nothing = () => Promise.resolve();
      const sharedTimes = await sample(() => shared.schedule(nothing), { iterations: 1_000 });
      const localTimes = await sample(() => local.schedule(nothing), { iterations: 1_000 });
      rows.push(
        {
          name: 'shared bucket: cost per request (one limiter_take)',
          value: median(sharedTimes) * 1000,
          unit: 'µs',
          target: { op: '<=', value: 1_000 },
          note: `${describeSample(
            sharedTimes.map((ms) => ms * 1000),
            'µs',
          )}; sequential, loopback PostgreSQL 18, fsync on; load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`,
        },
        {
          name: 'local limiter alone: cost per request',
          value: median(localTimes) * 1000,
          unit: 'µs',
          note: describeSample(
            localTimes.map((ms) => ms * 1000),
            'µs',
          ),
        },
      );
      return rows;
    } finally {
      for (const close of closers.reverse()) await close().catch(() => undefined);
      await served.close();
      await postgres.stop();
    }
  },
};

/** Every client's share of CALLS at once; the rate over the whole run, and the emulator's 429s. */
async function load(
  emulator: Emulator,
  clients: ReturnType<typeof createConfluenceClient>[],
): Promise<{ rate: number; rejected: number }> {
  emulator.faults.set({
    enforce: { requests: LIMIT_PER_SECOND, windowMs: 1_000 },
    latency: { ms: 20 },
  });
  const started = now();
  await Promise.all(
    Array.from({ length: CALLS }, (_, index) => clients[index % clients.length]!.request(SPACES)),
  );
  const seconds = (now() - started) / 1000;
  return { rate: CALLS / seconds, rejected: emulator.faults.get().counters.enforced };
}

export default suite;
