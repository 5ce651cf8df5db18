/**
 * A database outage, for real: instance A reaches PostgreSQL through a TCP proxy (test/support),
 * instance B directly. With the proxy cut, A keeps running scripts and answers reads of the runs
 * it made meanwhile from memory (show, result, recorded replay), reports itself degraded on
 * /healthz, and fails other reads with a clear 503 instead of hanging. Once the proxy is restored,
 * with no restart, A saves those runs, and B reads them.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunEnvelope } from '../../src/runs/types.ts';
import { createTestDatabase, dropTestDatabase } from '../support/postgres.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';
import { startRealService, type RealService } from './helpers/real-service.ts';

const LISTING = 'return Array.from({ length: 300 }, (_, i) => ({ i, text: "row " + i }));';
const SPACES = 'return (await confluence.spaces.list()).results.map((s) => s.key);';

let databaseUrl: string;
let proxy: TcpProxy;
let a: RealService;
let b: RealService;

async function get(service: RealService, pathAndQuery: string) {
  const response = await fetch(`${service.url}${pathAndQuery}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function run(service: RealService, code: string, extra: Record<string, unknown> = {}) {
  const response = await fetch(`${service.url}/v1/runs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, ...extra }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as RunEnvelope;
}

beforeAll(async () => {
  databaseUrl = await createTestDatabase('outage');
  proxy = await startTcpProxy(Number(new URL(databaseUrl).port));
  const throughProxy = new URL(databaseUrl);
  throughProxy.port = String(proxy.port);
  a = await startRealService({ env: { WORKBENCH_DATABASE_URL: throughProxy.toString() } });
  b = await startRealService({ env: { WORKBENCH_DATABASE_URL: databaseUrl } });
}, 120_000);
afterAll(async () => {
  proxy?.restore();
  await Promise.all([a?.close(), b?.close()]);
  await proxy?.close();
  if (databaseUrl) await dropTestDatabase(databaseUrl);
});

describe('a database outage', () => {
  it('A serves what it made during the outage, fails other reads with 503, and saves its runs when the database is back', async () => {
    const before = await run(a, SPACES);
    expect((await get(b, `/v1/runs/${before.runId}`)).status).toBe(200);

    proxy.cut();
    const during = await run(a, LISTING, { resultBudget: 300 });
    expect(during.status).toBe('ok');
    expect(during.resultRef).toBeDefined();
    expect(JSON.stringify(during)).not.toContain('could not be stored');
    const spaces = await run(a, SPACES);
    expect(spaces.result).toEqual(before.result);

    // Reads of the runs A made during the outage: answered from memory.
    const shown = await get(a, `/v1/runs/${during.runId}`);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ runId: during.runId, code: LISTING });
    const slice = await get(a, `/v1/results/${during.resultRef}?path=$[299]`);
    expect(slice.status).toBe(200);
    expect(slice.body).toMatchObject({ value: { i: 299, text: 'row 299' } });
    const replay = await fetch(`${a.url}/v1/runs/${spaces.runId}/replay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'recorded' }),
    });
    expect(replay.status).toBe(200);
    const replayed = (await replay.json()) as RunEnvelope;
    expect(replayed).toMatchObject({ status: 'ok', result: before.result });

    // Other reads: a clear error, not a hang and not a crash.
    const old = await get(a, `/v1/runs/${before.runId}`);
    expect(old.status).toBe(503);
    expect(old.body).toMatchObject({ error: { code: 'STORE_UNAVAILABLE' } });
    expect(JSON.stringify(old.body)).toMatch(/runs database is unreachable/);
    const listing = await get(a, '/v1/runs');
    expect(listing.status).toBe(503);

    const health = await get(a, '/healthz');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      status: 'degraded',
      database: { ok: false, error: expect.any(String) },
      runs: { unsaved: 3 },
    });
    expect(JSON.stringify(health.body)).not.toContain(new URL(databaseUrl).password);
    // B, on the database directly, has not seen them yet.
    expect((await get(b, `/v1/runs/${during.runId}`)).status).toBe(404);

    proxy.restore();
    await vi.waitFor(
      async () =>
        expect((await get(a, '/healthz')).body).toMatchObject({
          status: 'ok',
          runs: { unsaved: 0 },
        }),
      { timeout: 30_000, interval: 250 },
    );
    for (const runId of [during.runId, spaces.runId, replayed.runId]) {
      expect((await get(b, `/v1/runs/${runId}`)).status).toBe(200);
    }
    const onB = await get(b, `/v1/results/${during.resultRef}?path=$[5]`);
    expect(onB.body).toMatchObject({ value: { i: 5, text: 'row 5' } });
    const listed = (await get(a, '/v1/runs')).body as { runs: Array<{ runId: string }> };
    expect(
      listed.runs
        .slice(0, 3)
        .map((entry) => entry.runId)
        .sort(),
    ).toEqual([during.runId, spaces.runId, replayed.runId].sort());
  });
});
