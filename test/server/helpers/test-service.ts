/**
 * Starts the real service app on loopback (port 0) around a given RunService, with a logger whose
 * lines the test can read, and connects real MCP clients to it: the SDK v2 client on 2026-07-28
 * and the SDK 1.x client on 2025-11-25 (what Kimi Code speaks).
 */
import { Writable } from 'node:stream';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { Client as LegacyClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as LegacyTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { pino } from 'pino';
import type { ServiceConfig, WorkbenchConfig } from '../../../src/config.ts';
import type { JobService } from '../../../src/jobs/types.ts';
import type { RunService } from '../../../src/runs/types.ts';
import {
  createApp,
  type AppOptions,
  type FetchApp,
  type WorkbenchApp,
} from '../../../src/server/app.ts';
import { listen } from '../../../src/server/listen.ts';
import type { DescribeSdk } from '../../../src/server/mcp/tool-context.ts';
import { REDACTED_PATHS } from '../../../src/server/service-logger.ts';

export interface TestServiceOptions {
  runs: RunService;
  apiKeys?: string[];
  service?: Partial<ServiceConfig>;
  describeSdk?: DescribeSdk;
  sdkIndex?: string;
  emulatorApp?: FetchApp;
  emulatorAuthorization?: string;
  logLevel?: WorkbenchConfig['logLevel'];
  directTools?: boolean;
  jobs?: JobService;
  jobEvents?: AppOptions['jobEvents'];
}

export interface TestService {
  url: string;
  mcpUrl: URL;
  service: WorkbenchApp;
  /** Every log line so far, parsed. */
  logs: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

export const TEST_SDK_INDEX =
  'pages: get(id), list(options), create(input)\nlabels: add(pageId, names)';

export function testConfig(overrides: Partial<WorkbenchConfig> = {}): WorkbenchConfig {
  return {
    confluence: null,
    host: '127.0.0.1',
    port: 0,
    apiKeys: [],
    dataDir: '/nonexistent',
    logLevel: 'debug',
    policy: { readOnly: false, allowedOperations: [], allowedSpaces: [], maxWritesPerRun: 500 },
    ...overrides,
  };
}

export async function startTestService(options: TestServiceOptions): Promise<TestService> {
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n'))
        if (line.trim()) logs.push(JSON.parse(line));
      done();
    },
  });
  const logger = pino(
    { level: options.logLevel ?? 'trace', redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
    sink,
  );
  const config = testConfig({
    apiKeys: options.apiKeys ?? [],
    service: { ...defaultService(), ...options.service },
  });
  const service = createApp({
    runs: options.runs,
    describeSdk:
      options.describeSdk ?? ((request) => `declarations for ${JSON.stringify(request)}`),
    sdkIndex: options.sdkIndex ?? TEST_SDK_INDEX,
    emulatorApp: options.emulatorApp,
    directTools: options.directTools,
    ...(options.emulatorAuthorization
      ? { emulatorAuthorization: options.emulatorAuthorization }
      : {}),
    config,
    logger,
    ...(options.jobs ? { jobs: options.jobs, jobEvents: options.jobEvents } : {}),
  });
  const listening = await listen(service.app, { host: '127.0.0.1', port: 0 });
  return {
    url: listening.url,
    mcpUrl: new URL(`${listening.url}/mcp`),
    service,
    logs,
    async close() {
      await service.close();
      listening.closeAllConnections();
      await listening.close();
    },
  };
}

function defaultService(): ServiceConfig {
  return {
    maxConcurrentRuns: 4,
    maxQueuedRuns: 4,
    maxQueueWaitMs: 10_000,
    maxRequestBytes: 1_048_576,
    allowedHosts: [],
    allowedOrigins: [],
  };
}

function headersFor(key?: string): RequestInit {
  return key ? { headers: { Authorization: `Bearer ${key}` } } : {};
}

/** The SDK v2 client, pinned to 2026-07-28 (Claude Code's preferred revision). */
export async function connectModern(mcpUrl: URL, key?: string): Promise<Client> {
  const client = new Client(
    { name: 'test-modern', version: '1.0.0' },
    { versionNegotiation: { mode: { pin: '2026-07-28' } } },
  );
  await client.connect(new StreamableHTTPClientTransport(mcpUrl, { requestInit: headersFor(key) }));
  return client;
}

/** The SDK 1.x client: `initialize` on 2025-11-25, as Kimi Code does. */
export async function connectLegacy(mcpUrl: URL, key?: string): Promise<LegacyClient> {
  const client = new LegacyClient({ name: 'test-legacy', version: '1.0.0' });
  await client.connect(new LegacyTransport(mcpUrl, { requestInit: headersFor(key) }));
  return client;
}

export interface CallOptions {
  signal?: AbortSignal;
  onprogress?: (progress: { progress: number; total?: number; message?: string }) => void;
  timeout?: number;
}

export type ToolResult = {
  content: Array<{ type: string; text?: string }>;
  structuredContent?: unknown;
  isError?: boolean;
};

/** `callTool` with request options on either client (v2: 2nd argument; 1.x: 3rd, after a result schema). */
export function callTool(
  client: Client | LegacyClient,
  name: string,
  args: Record<string, unknown>,
  options: CallOptions = {},
): Promise<ToolResult> {
  const params = { name, arguments: args };
  if (client instanceof Client) return client.callTool(params, options) as Promise<ToolResult>;
  return client.callTool(params, undefined, options) as Promise<ToolResult>;
}

/** A legacy (2025-11-25) `initialize` request, for tests that speak raw JSON-RPC over fetch. */
export const LEGACY_INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: {
    protocolVersion: '2025-11-25',
    capabilities: {},
    clientInfo: { name: 'raw', version: '1' },
  },
};

/**
 * A raw POST as an MCP or REST client sends it: JSON (or a string sent as is), the MCP Accept
 * header and a bearer key; `headers` may override any of them.
 * @example const response = await rawPost(service.url, KEY, '/mcp', LEGACY_INITIALIZE);
 */
export function rawPost(
  baseUrl: string,
  key: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      authorization: `Bearer ${key}`,
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
