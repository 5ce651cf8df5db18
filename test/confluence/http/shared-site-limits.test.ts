/**
 * The site rate limit shared by instances through a real PostgreSQL: two registries on two pools
 * (two instances) calling one site over loopback HTTP. The scripted server records when each
 * request arrived, so "within the rate in aggregate" is counted on the server's side.
 */
import type { Client } from 'pg';
import { type Logger, pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConfluenceAuth } from '../../../src/config.ts';
import { ConfluenceError } from '../../../src/confluence/http/errors.ts';
import type { SiteLimiterRegistry } from '../../../src/confluence/http/limiter-registry.ts';
import { credentialIdentity } from '../../../src/confluence/http/limiter-registry.ts';
import { createPostgresSiteLimiterRegistry } from '../../../src/confluence/http/shared-limit/postgres-limiter-registry.ts';
import type { SiteLimiterOptions } from '../../../src/confluence/http/site-limiter.ts';
import { createPostgresPool, type PostgresPool } from '../../../src/storage/postgres/pool.ts';
import { loadConfig } from '../../../src/config.ts';
import { createWorkbench } from '../../../src/workbench.ts';
import { startTcpProxy } from '../../support/tcp-proxy.ts';
import { withClient } from '../../support/pg-client.ts';
import { usePostgresDatabase } from '../../support/postgres.ts';
import {
  SCRIPTED_EMAIL,
  SCRIPTED_TOKEN,
  type ScriptedServer,
  scriptedClient,
  startScriptedServer,
} from '../fixtures/scripted-server.ts';

const db = usePostgresDatabase();
const FRED: ConfluenceAuth = { kind: 'basic', email: SCRIPTED_EMAIL, apiToken: SCRIPTED_TOKEN };
const ALICE: ConfluenceAuth = {
  kind: 'basic',
  email: 'alice@example.com',
  apiToken: 'alice-secret-token',
};
const SPACES = { api: 'v2', method: 'GET', path: '/spaces' } as const;
/** 10 requests per 500 ms: 20/s for all instances together. */
const LIMITS: SiteLimiterOptions = { requestsPerInterval: 10, intervalMs: 500, concurrency: 10 };

let server: ScriptedServer;
/** Epoch ms at which each request reached the server, with its Authorization header. */
let arrivals: Array<{ at: number; authorization: string }>;
const cleanups: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await withAdmin((client) => client.query('TRUNCATE limiter_buckets'));
});

/** Answers 200, or what `answer(index)` says, recording every arrival. */
function script(answer: (index: number) => Response | undefined = () => undefined) {
  arrivals = [];
  server.handle = (c) => {
    arrivals.push({ at: Date.now(), authorization: c.req.header('authorization') ?? '' });
    return answer(arrivals.length - 1) ?? c.json({ results: [] });
  };
}

/** One instance: its own pool and registry, like a second `serve` process. */
async function instance(
  url = db.url,
  extra: Partial<Parameters<typeof createPostgresSiteLimiterRegistry>[0]> = {},
): Promise<{ pool: PostgresPool; limiters: SiteLimiterRegistry }> {
  const pool = createPostgresPool(url, { max: 4 });
  const limiters = await createPostgresSiteLimiterRegistry({ pool, limits: LIMITS, ...extra });
  cleanups.push(
    () => pool.end(),
    () => limiters.close!(),
  );
  return { pool, limiters };
}

function clientOf(limiters: SiteLimiterRegistry, auth: ConfluenceAuth = FRED, retry = {}) {
  return scriptedClient(server, {
    auth,
    limiters,
    limits: LIMITS,
    retry: { minRetryDelayMs: 5, maxRetryDelayMs: 20, ...retry },
  });
}

function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  return withClient(db.url, work);
}

/** A logger that keeps the messages of its warnings. */
function warnings(): { logger: Logger; messages: string[] } {
  const messages: string[] = [];
  const logger = pino(
    { level: 'warn' },
    { write: (line: string) => void messages.push((JSON.parse(line) as { msg: string }).msg) },
  );
  return { logger, messages };
}

/** Confluence's hourly quota used up (Atlassian's example answer). */
function quotaAnswer(reason = 'confluence-quota-global-based'): Response {
  return Response.json(
    { message: 'quota' },
    { status: 429, headers: { 'Retry-After': '1847', 'RateLimit-Reason': reason } },
  );
}

/** The most arrivals in any window [t, t + windowMs). */
function busiestWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let to = 0, from = 0; to < sorted.length; to++) {
    while (sorted[to]! - sorted[from]! >= windowMs) from += 1;
    most = Math.max(most, to - from + 1);
  }
  return most;
}

const many = (count: number, call: () => Promise<unknown>) =>
  Promise.all(Array.from({ length: count }, call));

async function rejection(promise: Promise<unknown>): Promise<ConfluenceError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ConfluenceError);
  return error as ConfluenceError;
}

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the site rate limit shared through PostgreSQL', () => {
  it('two instances hammering one site stay within the rate in aggregate', async () => {
    script();
    const [a, b] = [await instance(), await instance()];
    const [clientA, clientB] = [clientOf(a.limiters), clientOf(b.limiters)];
    await Promise.all([
      many(20, () => clientA.request(SPACES)),
      many(20, () => clientB.request(SPACES)),
    ]);
    expect(arrivals).toHaveLength(40);
    // Each instance alone would start 10 per 500 ms; together they may not either. The bucket
    // holds one token (no burst); one more is allowed for loopback jitter between grant and arrival.
    expect(
      busiestWindow(
        arrivals.map((arrival) => arrival.at),
        500,
      ),
    ).toBeLessThanOrEqual(11);
  });

  it('different credentials keep separate budgets', async () => {
    script();
    const [a, b] = [await instance(), await instance()];
    const [fred, alice] = [clientOf(a.limiters, FRED), clientOf(b.limiters, ALICE)];
    await Promise.all([
      many(20, () => fred.request(SPACES)),
      many(20, () => alice.request(SPACES)),
    ]);
    const of = (auth: string) =>
      arrivals.filter((arrival) => arrival.authorization === auth).map((arrival) => arrival.at);
    const [fredAuth, aliceAuth] = [
      arrivals[0]!.authorization,
      arrivals.find((arrival) => arrival.authorization !== arrivals[0]!.authorization)!
        .authorization,
    ];
    expect(busiestWindow(of(fredAuth), 500)).toBeLessThanOrEqual(11);
    expect(busiestWindow(of(aliceAuth), 500)).toBeLessThanOrEqual(11);
    // One budget for both would cap the sum at 10 per 500 ms; two budgets run side by side.
    expect(
      busiestWindow(
        arrivals.map((arrival) => arrival.at),
        500,
      ),
    ).toBeGreaterThan(11);
  });

  it('a 429 with Retry-After seen by one instance pauses the other', async () => {
    script((index) =>
      index === 0
        ? Response.json({ message: 'slow down' }, { status: 429, headers: { 'Retry-After': '1' } })
        : undefined,
    );
    const [a, b] = [await instance(), await instance()];
    const first = clientOf(a.limiters).request(SPACES);
    await until(async () => {
      const { rows } = await withAdmin((client) =>
        client.query('SELECT pause_until FROM limiter_buckets'),
      );
      return Number(rows[0]?.pause_until ?? 0) > 0;
    }, 'the pause to reach the database');
    const { rows } = await withAdmin((client) =>
      client.query('SELECT pause_until, pause_reason, pause_quota FROM limiter_buckets'),
    );
    const pausedUntil = Number(rows[0].pause_until);
    expect(rows[0]).toMatchObject({ pause_reason: 'Retry-After after a 429', pause_quota: false });
    // A caller of B that may not wait that long is refused without a request sent ...
    const impatient = await rejection(
      clientOf(b.limiters, FRED, { maxRetryAfterMs: 0 }).request(SPACES),
    );
    expect(impatient.code).toBe('RATE_LIMITED');
    expect(impatient.details.retryAt).toBe(pausedUntil);
    expect(arrivals).toHaveLength(1);
    // ... and one that may waits the pause out before its request leaves, told why it waits (a
    // client keeps the first notice: test/confluence/http/client-retries.test.ts).
    const told: Array<[string, number]> = [];
    const asked = Date.now();
    const held = clientOf(b.limiters).limiter.schedule(async () => 'through', undefined, {
      onPause: (pause, waitMs) => told.push([pause.reason, waitMs]),
    });
    await clientOf(b.limiters).request(SPACES);
    await first;
    expect(await held).toBe('through');
    expect(told.length).toBeGreaterThan(0);
    expect(new Set(told.map(([reason]) => reason))).toEqual(new Set(['Retry-After after a 429']));
    expect(told[0]![1]).toBeGreaterThan(0);
    expect(told[0]![1]).toBeLessThanOrEqual(pausedUntil - asked);
    expect(arrivals).toHaveLength(3);
    for (const arrival of arrivals.slice(1))
      expect(arrival.at).toBeGreaterThanOrEqual(pausedUntil - 2);
  });

  it('instances configured at different paces each say so in their log, once, naming the variable; alike ones say nothing', async () => {
    const alike = warnings();
    await instance(db.url, { logger: alike.logger, heartbeatIntervalMs: 50 });
    await instance(db.url, { logger: alike.logger, heartbeatIntervalMs: 50 });
    await new Promise((resolve) => setTimeout(resolve, 300)); // several heartbeats
    expect(alike.messages).toEqual([]);
    const slow = warnings();
    const fast = warnings();
    await instance(db.url, {
      limits: { requestsPerInterval: 40, intervalMs: 1_000 },
      logger: slow.logger,
      heartbeatIntervalMs: 50,
    });
    await instance(db.url, {
      limits: { requestsPerInterval: 100, intervalMs: 1_000 },
      logger: fast.logger,
      heartbeatIntervalMs: 50,
    });
    await until(async () => slow.messages.length > 0 && fast.messages.length > 0, 'both to warn');
    await new Promise((resolve) => setTimeout(resolve, 300)); // several more heartbeats
    expect(fast.messages).toHaveLength(1);
    expect(fast.messages[0]).toMatch(
      /paces the site at 100 requests per 1000 ms, other instances on this database at 10 requests per 500 ms, 40 requests per 1000 ms; set the same CONFLUENCE_MAX_REQUESTS_PER_SECOND/,
    );
    // The others said it as each disagreement appeared: once, or twice when the second came
    // between two of their heartbeats. Their last word names every other pace.
    expect(slow.messages.length).toBeGreaterThanOrEqual(1);
    expect(slow.messages.length).toBeLessThanOrEqual(2);
    expect(slow.messages.at(-1)).toMatch(
      /paces the site at 40 requests per 1000 ms, other instances on this database at 10 requests per 500 ms, 100 requests per 1000 ms;/,
    );
    expect(alike.messages.length).toBeGreaterThanOrEqual(2);
    expect(alike.messages.length).toBeLessThanOrEqual(4);
    expect(alike.messages.at(-1)).toMatch(
      /at 10 requests per 500 ms, other instances on this database at 100 requests per 1000 ms, 40 requests per 1000 ms;/,
    );
  });

  it('a quota 429 gives RATE_LIMITED with the same retryAt on both instances', async () => {
    script(() => quotaAnswer());
    const [a, b] = [await instance(), await instance()];
    const onA = await rejection(clientOf(a.limiters).request(SPACES));
    const onB = await rejection(clientOf(b.limiters).request(SPACES));
    expect([onA.code, onB.code]).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
    expect(onB.details.retryAt).toBe(onA.details.retryAt);
    expect(onB.message).toContain('quota');
    expect(arrivals).toHaveLength(1);
    // B now knows it locally: its next caller is refused without asking the database.
    expect(clientOf(b.limiters).limiter.stats().pauseReason).toBe('confluence-quota-global-based');
  });

  it('the identity stored agrees across instances and has no secret in it', async () => {
    script();
    const [a, b] = [await instance(), await instance()];
    await clientOf(a.limiters).request(SPACES);
    await clientOf(b.limiters).request(SPACES);
    await clientOf(b.limiters, ALICE).request(SPACES);
    const { buckets, key } = await withAdmin(async (client) => ({
      buckets: (await client.query('SELECT * FROM limiter_buckets ORDER BY credential')).rows,
      key: (await client.query<{ key: Buffer }>('SELECT key FROM limiter_key')).rows[0]!.key,
    }));
    // One row per credential: both instances computed the same identity for Fred.
    expect(buckets).toHaveLength(2);
    expect(buckets.map((row) => row.credential).sort()).toEqual(
      [credentialIdentity(FRED, key), credentialIdentity(ALICE, key)].sort(),
    );
    expect(key.length).toBe(32);
    const dump = JSON.stringify(buckets);
    for (const secret of [
      SCRIPTED_TOKEN,
      'alice-secret-token',
      SCRIPTED_EMAIL,
      'alice@example.com',
    ])
      expect(dump).not.toContain(secret);
  });

  it('a database out of reach does not fail requests: the instance paces itself on its share and rejoins', async () => {
    script();
    const target = new URL(db.url);
    const proxy = await startTcpProxy(Number(target.port), target.hostname);
    const proxied = new URL(db.url);
    proxied.port = String(proxy.port);
    cleanups.push(() => proxy.close());
    const direct = await instance();
    const cut = await instance(proxied.toString()); // two instances alive: a share of 5 per 500 ms
    const client = clientOf(cut.limiters);
    proxy.cut();
    await many(12, () => client.request(SPACES));
    expect(arrivals).toHaveLength(12);
    expect(
      busiestWindow(
        arrivals.map((arrival) => arrival.at),
        500,
      ),
    ).toBeLessThanOrEqual(6); // evenly spaced at 5 per 500 ms, one more for jitter
    // The other instance draws a quota 429; once the database answers again, the first one
    // honours that pause too.
    script((index) => (index === 0 ? quotaAnswer('confluence-quota-tenant-based') : undefined));
    const quota = await rejection(clientOf(direct.limiters).request(SPACES));
    proxy.restore();
    let refused: ConfluenceError | undefined;
    await until(async () => {
      refused = await client.request(SPACES).then(
        () => undefined,
        (error: ConfluenceError) => error,
      );
      return refused !== undefined;
    }, 'the instance to rejoin the shared pause');
    expect(refused!.code).toBe('RATE_LIMITED');
    expect(refused!.details.retryAt).toBe(quota.details.retryAt);
  });

  it('createWorkbench: two workbenches on one WORKBENCH_DATABASE_URL share the site limit and its pauses', async () => {
    script((index) => (index === 1 ? quotaAnswer() : undefined));
    const env = {
      WORKBENCH_DATABASE_URL: db.url,
      CONFLUENCE_BASE_URL: server.url,
      CONFLUENCE_EMAIL: SCRIPTED_EMAIL,
      CONFLUENCE_API_TOKEN: SCRIPTED_TOKEN,
      CONFLUENCE_MAX_REQUESTS_PER_SECOND: '5',
    };
    const open = () =>
      createWorkbench(loadConfig(env), {
        runsDatabase: ':memory:',
        sandbox: { workers: 1 },
      });
    const [one, two] = [await open(), await open()];
    cleanups.push(
      () => one.close(),
      () => two.close(),
    );
    await one.client.request(SPACES);
    const onOne = await rejection(one.client.request(SPACES));
    const onTwo = await rejection(two.client.request(SPACES));
    expect([onOne.code, onTwo.code]).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
    expect(onTwo.details.retryAt).toBe(onOne.details.retryAt);
    expect(arrivals).toHaveLength(2);
  });
});
