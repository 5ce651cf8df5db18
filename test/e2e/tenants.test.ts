/**
 * Clients as tenants, end to end: the real service (startServer, real sandbox workers, the
 * embedded emulator over SQLite) configured by a real WORKBENCH_CLIENTS_FILE, driven over
 * loopback HTTP with raw REST requests and real MCP clients, each client with its own key. Tested
 * from the side of a second tenant trying to reach the first one's runs, results and replays, and
 * of a client trying to get more from its policy than the server allows.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN } from '../../src/emulator/index.ts';
import { DEMO_USERS } from '../../src/emulator/seed/demo-core.ts';
import type { RunEnvelope } from '../../src/runs/types.ts';
import { REDACTED_PATHS } from '../../src/server/service-logger.ts';
import { callTool, connectLegacy, connectModern } from '../server/helpers/test-service.ts';
import { DEMO_AUTHORIZATION, startRealService, type RealService } from './helpers/real-service.ts';

const KEYS = {
  ops: 'k-ops-0f1e2d3c4b5a',
  alice: 'k-alice-9a8b7c6d5e4f',
  bob: 'k-bob-1a2b3c4d5e6f',
  reader: 'k-reader-77aa88bb99cc',
};

const CLIENTS_YAML = `
clients:
  - name: ops
    key: "${KEYS.ops}"
    role: admin
  - name: alice-agent
    key: "${KEYS.alice}"
    role: user
    confluence: { email: alice@example.com, apiToken: alice-token }
  - name: bob-agent
    key: "${KEYS.bob}"
    role: user
    confluence: { email: bob@example.com, apiToken: bob-token }
    policy:
      allowedSpaces: [MKT, HR]     # the server allows MKT and ENG: bob gets MKT only
      maxWritesPerRun: 50          # the server allows 3: bob gets 3
  - name: reader
    key: "${KEYS.reader}"
    role: user
    policy: { readOnly: true }
`;

const SECRETS = ['alice-token', 'bob-token', ...Object.values(KEYS)];

let service: RealService;
let dir: string;
const logs: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'cw-tenants-'));
  const clientsFile = path.join(dir, 'clients.yaml');
  writeFileSync(clientsFile, CLIENTS_YAML);
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  service = await startRealService({
    env: {
      WORKBENCH_CLIENTS_FILE: clientsFile,
      WORKBENCH_ALLOWED_SPACES: 'MKT,ENG',
      WORKBENCH_MAX_WRITES_PER_RUN: '3',
    },
    // trace: every line the service can write, script bodies included.
    logger: pino({ level: 'trace', redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, sink),
  });
}, 120_000);
afterAll(async () => {
  await service?.close();
  rmSync(dir, { recursive: true, force: true });
});

function rest(key: string | undefined, pathAndQuery: string, body?: unknown): Promise<Response> {
  return fetch(`${service.url}${pathAndQuery}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function run(key: string, code: string, extra: Record<string, unknown> = {}) {
  const response = await rest(key, '/v1/runs', { code, ...extra });
  expect(response.status).toBe(200);
  return (await response.json()) as RunEnvelope;
}

/** What the emulator says about a page, asked in-process as its admin (not through the service). */
async function pageAuthor(pageId: string): Promise<string> {
  const response = await service.workbench.emulator!.app.fetch(
    new Request(`http://emulator.test/wiki/api/v2/pages/${pageId}`, {
      headers: { authorization: DEMO_AUTHORIZATION },
    }),
  );
  expect(response.status).toBe(200);
  return ((await response.json()) as { authorId: string }).authorId;
}

/** The writes Confluence received (the ledger also lists the refused one, as failed). */
const applied = (envelope: RunEnvelope) =>
  envelope.writes.filter((write) => write.status === 'applied');

const BIG_RESULT = 'return Array.from({ length: 200 }, (_, i) => ({ i, text: "item " + i }));';

describe('tenants: keys', () => {
  it('with a clients file every request needs a key, on loopback too', async () => {
    expect(service.config.host).toBe('127.0.0.1');
    expect((await rest(undefined, '/v1/runs')).status).toBe(401);
    const mcp = await fetch(service.mcpUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(mcp.status).toBe(401);
    expect(mcp.headers.get('www-authenticate')).toBe('Bearer realm="confluence-workbench"');
    const wrong = await rest('k-alice-9a8b7c6d5e4', '/v1/runs');
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toContain('WORKBENCH_CLIENTS_FILE');
    expect((await rest(KEYS.alice, '/v1/runs')).status).toBe(200);
  });
});

describe('tenants: ownership', () => {
  let aliceRun: RunEnvelope;

  beforeAll(async () => {
    aliceRun = await run(KEYS.alice, BIG_RESULT, {
      params: { secretPlan: 'alice only' },
      resultBudget: 500,
    });
    expect(aliceRun.status).toBe('ok');
    expect(aliceRun.resultRef).toBeDefined();
  });

  it('GET /v1/results/:ref: the owner and an admin read it; another user-role client gets the 404 of a result that does not exist', async () => {
    const ref = aliceRun.resultRef!;
    expect((await rest(KEYS.alice, `/v1/results/${ref}?path=$[199]`)).status).toBe(200);
    const admin = await rest(KEYS.ops, `/v1/results/${ref}?path=$[199]`);
    expect(await admin.json()).toMatchObject({ value: { i: 199 } });
    const other = await rest(KEYS.bob, `/v1/results/${ref}`);
    const missing = await rest(KEYS.bob, `/v1/results/res_doesnotexist000000`);
    expect(other.status).toBe(404);
    expect(missing.status).toBe(404);
    type ErrorBody = { error: { code: string; message: string } };
    const otherBody = (await other.json()) as ErrorBody;
    const missingBody = (await missing.json()) as ErrorBody;
    expect(otherBody.error.code).toBe(missingBody.error.code);
    expect(JSON.stringify(otherBody)).not.toContain('item');
    // Read by its owner first, the parsed result is cached: the cache must not leak it either.
    expect((await rest(KEYS.reader, `/v1/results/${ref}`)).status).toBe(404);
  });

  it('read_result and the workbench-result:// resource: another user-role client is told it does not exist', async () => {
    const bob = await connectModern(service.mcpUrl, KEYS.bob);
    const read = await callTool(bob, 'read_result', {
      resultRef: aliceRun.resultRef!,
      path: '$[0]',
    });
    expect(read.isError).toBe(true);
    expect(read.content[0]!.text).toMatch(/No stored result/);
    expect(JSON.stringify(read)).not.toContain('item 0');
    await expect(
      bob.readResource({ uri: `workbench-result://${aliceRun.resultRef!}` }),
    ).rejects.toThrow(/No stored result|not found/i);
    await bob.close();

    const alice = await connectLegacy(service.mcpUrl, KEYS.alice);
    const own = await callTool(alice, 'read_result', {
      resultRef: aliceRun.resultRef!,
      path: '$[0]',
    });
    expect(own.isError).toBeFalsy();
    expect(own.structuredContent).toMatchObject({ value: { i: 0, text: 'item 0' } });
    const resource = await alice.readResource({ uri: `workbench-result://${aliceRun.resultRef!}` });
    expect(JSON.stringify(resource.contents)).toContain('item 0');
    await alice.close();
  });

  it('GET /v1/runs/:id and POST /v1/runs/:id/replay: another user-role client gets 404, and nothing is run', async () => {
    const shown = await rest(KEYS.bob, `/v1/runs/${aliceRun.runId}`);
    expect(shown.status).toBe(404);
    expect(JSON.stringify(await shown.json())).not.toContain('secretPlan');
    const before = (await (await rest(KEYS.ops, '/v1/runs?limit=500')).json()) as {
      runs: unknown[];
    };
    for (const mode of ['live', 'dry-run', 'recorded']) {
      const replay = await rest(KEYS.bob, `/v1/runs/${aliceRun.runId}/replay`, { mode });
      expect(replay.status).toBe(404);
      expect(((await replay.json()) as { error: { code: string } }).error.code).toBe(
        'RUN_NOT_FOUND',
      );
    }
    const after = (await (await rest(KEYS.ops, '/v1/runs?limit=500')).json()) as {
      runs: unknown[];
    };
    expect(after.runs.length).toBe(before.runs.length);
  });

  it("replay: the owner replays its own run, and the replay is the owner's", async () => {
    const replay = await rest(KEYS.alice, `/v1/runs/${aliceRun.runId}/replay`, {
      mode: 'recorded',
    });
    expect(replay.status).toBe(200);
    const envelope = (await replay.json()) as RunEnvelope;
    expect(envelope).toMatchObject({ status: 'ok', replayOf: aliceRun.runId });
    const stored = await rest(KEYS.alice, `/v1/runs/${envelope.runId}`);
    expect(await stored.json()).toMatchObject({ client: 'alice-agent', replayOf: aliceRun.runId });
  });

  it("GET /v1/runs: a user-role client lists only its own runs; an admin lists every client's, each marked with its client", async () => {
    const bobRun = await run(KEYS.bob, 'return 1');
    type Listing = { runs: Array<{ runId: string; client?: string }> };
    for (const query of ['?limit=500', '?status=ok', '?status=error&limit=5']) {
      const bobList = (await (await rest(KEYS.bob, `/v1/runs${query}`)).json()) as Listing;
      expect(bobList.runs.every((entry) => entry.client === 'bob-agent')).toBe(true);
      if (!query.includes('error'))
        expect(bobList.runs.map((entry) => entry.runId)).toContain(bobRun.runId);
    }
    const aliceList = (await (await rest(KEYS.alice, '/v1/runs?limit=500')).json()) as Listing;
    expect(aliceList.runs.map((entry) => entry.runId)).toContain(aliceRun.runId);
    expect(aliceList.runs.map((entry) => entry.runId)).not.toContain(bobRun.runId);
    const all = (await (await rest(KEYS.ops, '/v1/runs?limit=500&status=ok')).json()) as Listing;
    const byId = new Map(all.runs.map((entry) => [entry.runId, entry.client]));
    expect(byId.get(aliceRun.runId)).toBe('alice-agent');
    expect(byId.get(bobRun.runId)).toBe('bob-agent');
    const shown = await rest(KEYS.ops, `/v1/runs/${aliceRun.runId}`);
    expect(await shown.json()).toMatchObject({
      client: 'alice-agent',
      params: { secretPlan: 'alice only' },
    });
  });
});

describe('tenants: jobs', () => {
  const JOB = {
    code: 'export default async function (item: { n: number }) { return { doubled: item.n * 2 }; }',
    items: [{ n: 1 }, { n: 2 }],
  };
  let jobId: string;

  beforeAll(async () => {
    const started = await rest(KEYS.alice, '/v1/jobs', JOB);
    expect(started.status).toBe(202);
    jobId = ((await started.json()) as { jobId: string }).jobId;
    const done = await rest(KEYS.alice, `/v1/jobs/${jobId}`);
    expect(((await done.json()) as { client?: string }).client).toBe('alice-agent');
  });

  it('jobs over REST: another user-role client is told a job does not exist, on every route', async () => {
    const missing = await rest(KEYS.bob, '/v1/jobs/job-that-never-existed');
    expect(missing.status).toBe(404);
    const missingBody = (await missing.json()) as { error: { code: string } };
    for (const route of ['', '/items', '/events']) {
      const response = await rest(KEYS.bob, `/v1/jobs/${jobId}${route}`);
      expect(response.status, route).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
        missingBody.error.code,
      );
    }
    for (const action of ['pause', 'resume', 'cancel']) {
      const response = await rest(KEYS.bob, `/v1/jobs/${jobId}/${action}`, {});
      expect(response.status, action).toBe(404);
    }
    const listed = (await (await rest(KEYS.bob, '/v1/jobs')).json()) as {
      jobs: Array<{ jobId: string }>;
    };
    expect(listed.jobs.map((job) => job.jobId)).not.toContain(jobId);
  });

  it('jobs over REST: the owner and an admin see the job; the admin sees whose it is', async () => {
    expect((await rest(KEYS.alice, `/v1/jobs/${jobId}/items`)).status).toBe(200);
    const own = (await (await rest(KEYS.alice, '/v1/jobs')).json()) as {
      jobs: Array<{ jobId: string }>;
    };
    expect(own.jobs.map((job) => job.jobId)).toContain(jobId);
    const admin = (await (await rest(KEYS.ops, '/v1/jobs')).json()) as {
      jobs: Array<{ jobId: string; client?: string }>;
    };
    expect(admin.jobs.find((job) => job.jobId === jobId)?.client).toBe('alice-agent');
  });

  it('job_status and cancel_job over MCP: another user-role client cannot see or cancel the job', async () => {
    const bob = await connectModern(service.mcpUrl, KEYS.bob);
    const status = await callTool(bob, 'job_status', { jobId });
    expect(status.isError).toBe(true);
    const cancel = await callTool(bob, 'cancel_job', { jobId });
    expect(cancel.isError).toBe(true);
    const list = await callTool(bob, 'job_status', {});
    expect(JSON.stringify(list.structuredContent)).not.toContain(jobId);
    await bob.close();
    const alice = await connectModern(service.mcpUrl, KEYS.alice);
    const own = await callTool(alice, 'job_status', { jobId });
    expect(own.isError).toBeFalsy();
    expect(own.structuredContent).toMatchObject({ jobId, client: 'alice-agent' });
    await alice.close();
  });
});

describe('tenants: Confluence credentials', () => {
  const CREATE = (space: string, title: string) =>
    `const page = await confluence.pages.create({ spaceId: '${space}', title: '${title}', body: { markdown: 'hello' } });\nreturn page.id;`;

  it("run_code: a page created by a client's run has that client's Confluence user as author; a client without one acts as the server's", async () => {
    const authors: Record<string, string> = {};
    for (const [name, key] of [
      ['bob', KEYS.bob],
      ['alice', KEYS.alice],
      ['ops', KEYS.ops],
    ] as const) {
      const client = await connectModern(service.mcpUrl, key);
      const result = await callTool(client, 'run_code', {
        code: CREATE('MKT', `Tenant page by ${name}`),
      });
      await client.close();
      expect(result.isError, result.content[0]?.text).toBeFalsy();
      const pageId = (result.structuredContent as RunEnvelope).result as string;
      authors[name] = await pageAuthor(pageId);
    }
    expect(authors).toEqual({
      bob: DEMO_USERS.bob.accountId,
      alice: DEMO_USERS.alice.accountId,
      ops: DEMO_ADMIN.accountId,
    });
    // Each credential has one client, made once and reused.
    expect(service.workbench.confluenceClients.size).toBe(3);
  });

  it('credentials never reach a log, an envelope, a stored run or the script', async () => {
    const envelope = await run(
      KEYS.bob,
      'const me = await confluence.users.current(); return { me, globals: Object.getOwnPropertyNames(globalThis), env: typeof process };',
    );
    expect(envelope.status).toBe('ok');
    expect(envelope.result).toMatchObject({ me: { email: 'bob@example.com' }, env: 'undefined' });
    const stored = await (await rest(KEYS.ops, `/v1/runs/${envelope.runId}`)).text();
    const listing = await (await rest(KEYS.ops, '/v1/runs?limit=500')).text();
    for (const text of [JSON.stringify(envelope), stored, listing, logs.join('\n')]) {
      for (const secret of SECRETS) expect(text).not.toContain(secret);
    }
    expect(logs.length).toBeGreaterThan(0);
  });
});

describe('tenants: a client policy only narrows the server policy', () => {
  it('allowedSpaces: a space the client lists but the server does not (HR), and one the server allows but the client does not (ENG), are both refused', async () => {
    for (const space of ['HR', 'ENG']) {
      const envelope = await run(
        KEYS.bob,
        `await confluence.pages.create({ spaceId: '${space}', title: 'Bob in ${space}', body: { markdown: 'x' } }); return 'written';`,
      );
      expect(envelope.status).toBe('error');
      expect(envelope.error).toMatchObject({ code: 'POLICY_SPACE_NOT_ALLOWED' });
      expect(applied(envelope)).toEqual([]);
    }
    // The server's policy itself is untouched: a client without a policy of its own writes to ENG.
    const alice = await run(
      KEYS.alice,
      `const page = await confluence.pages.create({ spaceId: 'ENG', title: 'Alice in ENG', body: { markdown: 'x' } }); return page.id;`,
    );
    expect(alice.status).toBe('ok');
  });

  it("maxWritesPerRun: a client asking for 50 gets the server's 3", async () => {
    const envelope = await run(
      KEYS.bob,
      `for (let i = 0; i < 5; i++) await confluence.pages.create({ spaceId: 'MKT', title: 'Bob cap ' + i, body: { markdown: 'x' } });\nreturn 'all written';`,
    );
    expect(envelope.status).toBe('error');
    expect(envelope.error).toMatchObject({ code: 'POLICY_MAX_WRITES' });
    expect(envelope.error?.message).toContain('the limit is 3');
    expect(applied(envelope)).toHaveLength(3);
  });

  it('readOnly: a read-only client cannot write, though the server can', async () => {
    const envelope = await run(
      KEYS.reader,
      `await confluence.pages.create({ spaceId: 'MKT', title: 'Reader write', body: { markdown: 'x' } }); return 'written';`,
    );
    expect(envelope.error).toMatchObject({ code: 'POLICY_READ_ONLY' });
    expect(applied(envelope)).toEqual([]);
  });
});

describe('tenants: logs and metrics carry the client name', () => {
  it('logs: the run and request lines name the client; /metrics counts runs by client, for admins only', async () => {
    const envelope = await run(KEYS.reader, 'return 2');
    const lines = logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: 'run finished', runId: envelope.runId, client: 'reader' }),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: 'http request', runId: envelope.runId, client: 'reader' }),
    );
    expect((await rest(KEYS.reader, '/metrics')).status).toBe(403);
    const metrics = await (await rest(KEYS.ops, '/metrics')).text();
    expect(metrics).toMatch(/workbench_client_runs_total\{client="reader",status="ok"\} [1-9]/);
    expect(metrics).toMatch(
      /workbench_client_runs_total\{client="bob-agent",status="error"\} [1-9]/,
    );
  });
});

describe('tenants: the embedded emulator', () => {
  it('/emulator: a key is needed, and only an admin client reaches it (it answers as its admin)', async () => {
    expect((await rest(undefined, '/emulator/wiki/api/v2/spaces')).status).toBe(401);
    expect((await rest(KEYS.bob, '/emulator/wiki/api/v2/spaces')).status).toBe(403);
    expect((await rest(KEYS.ops, '/emulator/wiki/api/v2/spaces')).status).toBe(200);
  });
});
