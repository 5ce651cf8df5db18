/**
 * A fresh workbench for one side of one task: the real service (sandbox workers, runs store,
 * embedded emulator with the demo seed in memory, or a copy of a prepared site's database file)
 * on loopback with `--direct-tools`, and a real MCP client connected to it over Streamable HTTP.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.ts';
import { startServer } from '../../src/server/index.ts';
import { createWorkbench, IN_MEMORY, type Workbench } from '../../src/workbench.ts';
import type { Site } from './task.ts';

const AUTHORIZATION = `Basic ${Buffer.from('demo@example.com:demo-token').toString('base64')}`;

export interface EvalService {
  client: Client;
  site: Site;
  workbench: Workbench;
  /** Requests the embedded emulator answered for runs (the SDK's Confluence calls) so far. */
  confluenceCalls(): number;
  close(): Promise<void>;
}

export interface EvalServiceOptions {
  /** A prepared emulator database (large-site.ts): each service opens its own copy. */
  siteFile?: string;
}

/**
 * @example
 * const service = await startEvalService();
 * await service.client.listTools();
 * await service.close();
 */
export async function startEvalService(options: EvalServiceOptions = {}): Promise<EvalService> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'workbench-eval-'));
  let emulatorDatabase: string = IN_MEMORY;
  if (options.siteFile) {
    emulatorDatabase = path.join(dataDir, 'site.sqlite');
    copyFileSync(options.siteFile, emulatorDatabase);
  }
  const config = loadConfig({ WORKBENCH_DATA_DIR: dataDir }, { host: '127.0.0.1', port: 0 });
  const logger = pino({ level: 'silent' });
  const workbench = await createWorkbench(config, {
    runsDatabase: IN_MEMORY,
    emulatorDatabase,
    sandbox: { workers: 1 },
    logger,
  });
  // The SDK reaches the embedded emulator through `app.fetch` (the service routes /emulator, the
  // checkers' path, without it): counting there counts exactly the runs' Confluence calls.
  let confluenceCalls = 0;
  const emulatorApp = workbench.emulator!.app;
  const fetchEmulator = emulatorApp.fetch;
  emulatorApp.fetch = (...args) => {
    confluenceCalls += 1;
    return fetchEmulator(...args);
  };
  const server = await startServer({ config, workbench, logger, directTools: true });
  const client = new Client({ name: 'workbench-eval', version: '1' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`)));
  const emulator = `${server.url}/emulator`;
  async function request<T>(method: string, pathAndQuery: string, body?: unknown): Promise<T> {
    const response = await fetch(`${emulator}${pathAndQuery}`, {
      method,
      headers: {
        authorization: AUTHORIZATION,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${pathAndQuery}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
  return {
    client,
    workbench,
    confluenceCalls: () => confluenceCalls,
    site: {
      get: (pathAndQuery) => request('GET', pathAndQuery),
      send: (method, pathAndQuery, body) => request(method, pathAndQuery, body),
    },
    async close() {
      await client.close();
      await server.close();
      await workbench.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
