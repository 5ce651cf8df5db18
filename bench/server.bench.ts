/**
 * Service figures (`npm run bench -- server`): the whole product over real loopback HTTP — MCP
 * client → Hono → admission → runs → sandbox worker → SDK → in-process emulator — measured from
 * the client's side:
 *   - the first run_code after start (warm-up happens in startServer) and tools/list's tokens;
 *   - a trivial run_code (SDK v2 client, 2026-07-28; and the SDK 1.x client, 2025-11-25);
 *   - a script making 100 Confluence calls;
 *   - 50 concurrent clients: throughput, p50/p99, errors, server memory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { Client as LegacyClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as LegacyTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { pino } from 'pino';
import { loadConfig } from '../src/config.ts';
import { startServer } from '../src/server/index.ts';
import {
  MODEL_TOOLS,
  TOOLS_LIST_TOKEN_BUDGET,
  toolsListTokens,
} from '../src/server/mcp/tools-list-cost.ts';
import { createWorkbench, IN_MEMORY } from '../src/workbench.ts';
import {
  type BenchRow,
  type BenchSuite,
  describeSample,
  median,
  now,
  percentile,
  sample,
} from './harness.ts';

const TRIVIAL = 'return 1 + 1;';
const FIRST_CALL =
  "const { results } = await confluence.spaces.list({ keys: ['MKT'] });\nreturn results.length;";
const HUNDRED_CALLS =
  "let count = 0;\nfor (let i = 0; i < 100; i++) { await confluence.spaces.list({ keys: ['MKT'] }); count++; }\nreturn count;";
const CONCURRENT_CLIENTS = 50;
const CALLS_PER_CLIENT = 10;

type CallResult = { isError?: boolean; content: Array<{ text?: string }> };

async function callOk(call: () => Promise<unknown>): Promise<void> {
  const result = (await call()) as CallResult;
  if (result.isError) throw new Error(`run_code failed: ${result.content[0]?.text}`);
}

async function connectModern(url: URL): Promise<Client> {
  const client = new Client(
    { name: 'bench', version: '1' },
    { versionNegotiation: { mode: { pin: '2026-07-28' } } },
  );
  await client.connect(new StreamableHTTPClientTransport(url));
  return client;
}

async function concurrentRows(mcpUrl: URL): Promise<BenchRow[]> {
  const clients = await Promise.all(
    Array.from({ length: CONCURRENT_CLIENTS }, () => connectModern(mcpUrl)),
  );
  const latencies: number[] = [];
  let errors = 0;
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 50);
  const started = now();
  await Promise.all(
    clients.map(async (client, index) => {
      for (let call = 0; call < CALLS_PER_CLIENT; call++) {
        const begin = now();
        try {
          await callOk(() =>
            client.callTool({
              name: 'run_code',
              arguments: { code: TRIVIAL, params: { index, call } },
            }),
          );
          latencies.push(now() - begin);
        } catch {
          errors += 1;
        }
      }
    }),
  );
  const elapsedSeconds = (now() - started) / 1000;
  clearInterval(sampler);
  await Promise.all(clients.map((client) => client.close()));
  const total = CONCURRENT_CLIENTS * CALLS_PER_CLIENT;
  const note = `${CONCURRENT_CLIENTS} clients × ${CALLS_PER_CLIENT} calls`;
  return [
    {
      name: `${CONCURRENT_CLIENTS} concurrent clients: throughput`,
      value: (total - errors) / elapsedSeconds,
      unit: 'runs/s',
      note,
    },
    {
      name: `${CONCURRENT_CLIENTS} concurrent clients: p50 latency`,
      value: median(latencies),
      unit: 'ms',
      note: describeSample(latencies),
    },
    {
      name: `${CONCURRENT_CLIENTS} concurrent clients: p99 latency`,
      value: percentile(latencies, 99),
      unit: 'ms',
      note,
    },
    {
      name: `${CONCURRENT_CLIENTS} concurrent clients: errors`,
      value: errors,
      unit: 'calls',
      target: { op: '<=', value: 0 },
      note: `of ${total}`,
    },
    {
      name: `${CONCURRENT_CLIENTS} concurrent clients: server process RSS growth (peak)`,
      value: (rssPeak - rssBefore) / 1_048_576,
      unit: 'MiB',
      note: `RSS before ${Math.round(rssBefore / 1_048_576)} MiB; sandbox workers are separate processes`,
    },
  ];
}

const suite: BenchSuite = {
  name: 'server',
  async run() {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'workbench-bench-'));
    const config = loadConfig({ WORKBENCH_DATA_DIR: dataDir }, { host: '127.0.0.1', port: 0 });
    const logger = pino({ level: 'silent' });
    const workbench = await createWorkbench(config, {
      runsDatabase: IN_MEMORY,
      emulatorDatabase: IN_MEMORY,
      logger,
    });
    const startedAt = now();
    const server = await startServer({ config, workbench, logger });
    const startMs = now() - startedAt;
    const mcpUrl = new URL(`${server.url}/mcp`);
    try {
      const modern = await connectModern(mcpUrl);
      // The first agent call after start: the type-checker and workers were warmed by startServer.
      const firstStarted = now();
      await callOk(() => modern.callTool({ name: 'run_code', arguments: { code: FIRST_CALL } }));
      const firstCallMs = now() - firstStarted;
      const listed = (await modern.listTools()).tools as Array<Record<string, unknown>>;
      const tokens = toolsListTokens(listed);
      const legacy = new LegacyClient({ name: 'bench-legacy', version: '1' });
      await legacy.connect(new LegacyTransport(mcpUrl));
      const trivial = await sample(
        () => callOk(() => modern.callTool({ name: 'run_code', arguments: { code: TRIVIAL } })),
        { iterations: 200, warmup: 20 },
      );
      const trivialLegacy = await sample(
        () => callOk(() => legacy.callTool({ name: 'run_code', arguments: { code: TRIVIAL } })),
        { iterations: 200, warmup: 20 },
      );
      const hundred = await sample(
        () =>
          callOk(() => modern.callTool({ name: 'run_code', arguments: { code: HUNDRED_CALLS } })),
        { iterations: 20, warmup: 3 },
      );
      await modern.close();
      await legacy.close();
      return [
        {
          name: 'first run_code after start (spaces.list, SDK v2 client)',
          value: firstCallMs,
          unit: 'ms',
          note: `one sample; startServer (with warm-up) took ${Math.round(startMs)} ms`,
        },
        {
          name: `tools/list as sent to the model: ${MODEL_TOOLS.join(' + ')}`,
          value: tokens.total,
          unit: 'tokens',
          target: { op: '<=', value: TOOLS_LIST_TOKEN_BUDGET },
          note: `o200k (gpt-tokenizer); ${Object.entries(tokens.perTool)
            .map(([name, count]) => `${name} ${count}`)
            .join(', ')}`,
        },
        {
          name: 'trivial run_code over HTTP (2026-07-28, SDK v2 client)',
          value: median(trivial),
          unit: 'ms',
          target: { op: '<=', value: 15 },
          note: describeSample(trivial),
        },
        {
          name: 'trivial run_code over HTTP (2025-11-25, SDK 1.x client)',
          value: median(trivialLegacy),
          unit: 'ms',
          target: { op: '<=', value: 15 },
          note: describeSample(trivialLegacy),
        },
        {
          name: 'run_code making 100 Confluence calls (in-process emulator)',
          value: median(hundred),
          unit: 'ms',
          // The embedded emulator's client has no rate pacing (src/workbench.ts); a real site's
          // client is paced at 25 requests/s by default, so this figure is the SDK's own cost.
          note: `${describeSample(hundred)} · ${Math.round((median(hundred) / 100) * 100) / 100} ms per call, sequential, unpaced`,
        },
        ...(await concurrentRows(mcpUrl)),
      ];
    } finally {
      await server.close();
      await workbench.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};

export default suite;
