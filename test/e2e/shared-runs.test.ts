/**
 * Any instance answers any request: two real services (two workbenches, two pools, two sandboxes,
 * two embedded emulators) on one PostgreSQL database (WORKBENCH_DATABASE_URL). A run made on A is
 * listed, shown, read (REST and MCP read_result) and replayed on B, the recorded replay from the
 * trace A stored; and a second user-role client on B cannot reach A's run of another client
 * through any door. /healthz reports the database without its password.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunEnvelope } from '../../src/runs/types.ts';
import { callTool, connectModern } from '../server/helpers/test-service.ts';
import { createTestDatabase, dropTestDatabase } from '../support/postgres.ts';
import { startRealService, type RealService } from './helpers/real-service.ts';

const KEYS = {
  ops: 'k-ops-5e6f7a8b9c0d',
  alice: 'k-alice-1b2c3d4e5f6a',
  bob: 'k-bob-7c8d9e0f1a2b',
};
const CLIENTS_YAML = `
clients:
  - { name: ops, key: "${KEYS.ops}", role: admin }
  - { name: alice-agent, key: "${KEYS.alice}", role: user }
  - { name: bob-agent, key: "${KEYS.bob}", role: user }
`;
const LISTING = 'return Array.from({ length: 400 }, (_, i) => ({ i, text: "item " + i }));';
const SPACES =
  'const spaces = await confluence.spaces.list(); return spaces.results.map((s) => s.key);';

let dir: string;
let databaseUrl: string;
let a: RealService;
let b: RealService;

function rest(service: RealService, key: string, pathAndQuery: string, body?: unknown) {
  return fetch(`${service.url}${pathAndQuery}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function run(service: RealService, key: string, code: string, extra = {}) {
  const response = await rest(service, key, '/v1/runs', { code, ...extra });
  expect(response.status).toBe(200);
  return (await response.json()) as RunEnvelope;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'cw-shared-runs-'));
  const clientsFile = path.join(dir, 'clients.yaml');
  writeFileSync(clientsFile, CLIENTS_YAML);
  databaseUrl = await createTestDatabase('shared');
  const env = { WORKBENCH_CLIENTS_FILE: clientsFile, WORKBENCH_DATABASE_URL: databaseUrl };
  // Started one after the other: both migrate; the second finds the schema in place.
  a = await startRealService({ env });
  b = await startRealService({ env });
}, 120_000);
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  if (databaseUrl) await dropTestDatabase(databaseUrl);
  rmSync(dir, { recursive: true, force: true });
});

describe('runs shared by two instances on one PostgreSQL', () => {
  it('a run made on A is listed, shown and its result read (REST and MCP) on B', async () => {
    const made = await run(a, KEYS.alice, LISTING, { resultBudget: 300 });
    expect(made.resultRef).toBeDefined();
    const listed = (await (await rest(b, KEYS.alice, '/v1/runs')).json()) as {
      runs: Array<{ runId: string; client?: string }>;
    };
    expect(listed.runs.map((entry) => entry.runId)).toContain(made.runId);
    const shown = await rest(b, KEYS.alice, `/v1/runs/${made.runId}`);
    expect(shown.status).toBe(200);
    expect(await shown.json()).toMatchObject({
      runId: made.runId,
      code: LISTING,
      client: 'alice-agent',
    });
    const slice = await rest(b, KEYS.alice, `/v1/results/${made.resultRef}?path=$[399]`);
    expect(slice.status).toBe(200);
    expect(await slice.json()).toMatchObject({ value: { i: 399, text: 'item 399' } });
    const mcp = await connectModern(b.mcpUrl, KEYS.alice);
    const read = await callTool(mcp, 'read_result', { resultRef: made.resultRef!, path: '$[7]' });
    await mcp.close();
    expect(read.isError).toBeFalsy();
    expect(read.structuredContent).toMatchObject({ value: { i: 7, text: 'item 7' } });
  });

  it('a run made on A replays on B: recorded from the trace A stored, and live', async () => {
    const made = await run(a, KEYS.alice, SPACES);
    expect(made.status).toBe('ok');
    for (const mode of ['recorded', 'live'] as const) {
      const response = await rest(b, KEYS.alice, `/v1/runs/${made.runId}/replay`, { mode });
      expect(response.status).toBe(200);
      const replayed = (await response.json()) as RunEnvelope;
      expect(replayed).toMatchObject({ status: 'ok', result: made.result, replayOf: made.runId });
      expect(replayed.divergence).toBeUndefined();
      // The replay made on B is stored where A sees it too.
      expect((await rest(a, KEYS.alice, `/v1/runs/${replayed.runId}`)).status).toBe(200);
    }
  });

  it("another user-role client on B cannot reach A's run of alice: list, show, result, replay, MCP read_result", async () => {
    const made = await run(a, KEYS.alice, LISTING, { resultBudget: 300 });
    const listed = (await (await rest(b, KEYS.bob, '/v1/runs?limit=500')).json()) as {
      runs: Array<{ runId: string }>;
    };
    expect(listed.runs.map((entry) => entry.runId)).not.toContain(made.runId);
    expect((await rest(b, KEYS.bob, `/v1/runs/${made.runId}`)).status).toBe(404);
    expect((await rest(b, KEYS.bob, `/v1/results/${made.resultRef}`)).status).toBe(404);
    for (const mode of ['live', 'dry-run', 'recorded']) {
      expect((await rest(b, KEYS.bob, `/v1/runs/${made.runId}/replay`, { mode })).status).toBe(404);
    }
    const mcp = await connectModern(b.mcpUrl, KEYS.bob);
    const read = await callTool(mcp, 'read_result', { resultRef: made.resultRef!, path: '$[0]' });
    await mcp.close();
    expect(read.isError).toBe(true);
    expect(read.content[0]!.text).toMatch(/No stored result/);
    expect(JSON.stringify(read)).not.toContain('item 0');
    // The admin on B sees it, marked with its client.
    const all = (await (await rest(b, KEYS.ops, '/v1/runs?limit=500')).json()) as {
      runs: Array<{ runId: string; client?: string }>;
    };
    expect(all.runs.find((entry) => entry.runId === made.runId)?.client).toBe('alice-agent');
  });

  it('/healthz reports the database: ok with its latency, the URL without its password', async () => {
    const response = await fetch(`${b.url}/healthz`);
    expect(response.status).toBe(200);
    const text = await response.text();
    const password = new URL(databaseUrl).password;
    expect(password.length).toBeGreaterThan(0);
    expect(text).not.toContain(password);
    expect(JSON.parse(text)).toMatchObject({
      status: 'ok',
      database: {
        ok: true,
        latencyMs: expect.any(Number),
        database: expect.stringMatching(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/shared_/),
      },
      runs: { unsaved: 0 },
    });
  });
});
