/**
 * A fresh workbench for one side of one task: the real service (sandbox workers, runs store,
 * embedded emulator with the demo seed, in memory) on loopback with `--direct-tools`, and a real
 * MCP client connected to it over Streamable HTTP.
 */
import { mkdtempSync, rmSync } from 'node:fs';
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
  close(): Promise<void>;
}

/**
 * @example
 * const service = await startEvalService();
 * await service.client.listTools();
 * await service.close();
 */
export async function startEvalService(): Promise<EvalService> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'workbench-eval-'));
  const config = loadConfig({ WORKBENCH_DATA_DIR: dataDir }, { host: '127.0.0.1', port: 0 });
  const logger = pino({ level: 'silent' });
  const workbench = await createWorkbench(config, {
    runsDatabase: IN_MEMORY,
    emulatorDatabase: IN_MEMORY,
    sandbox: { workers: 1 },
    logger,
  });
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
