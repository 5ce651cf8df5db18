/**
 * The whole product, really started: createWorkbench (real sandbox worker processes, SDK, runs
 * store, embedded emulator with the demo seed) served by startServer on loopback, port 0. Tests
 * check Confluence's state afterwards through the service's own /emulator mount.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino, type Logger } from 'pino';
import { loadConfig, type WorkbenchConfig } from '../../../src/config.ts';
import { startServer } from '../../../src/server/index.ts';
import { createWorkbench, IN_MEMORY, type Workbench } from '../../../src/workbench.ts';

export const DEMO_AUTHORIZATION = `Basic ${Buffer.from('demo@example.com:demo-token').toString('base64')}`;

export interface RealService {
  url: string;
  mcpUrl: URL;
  config: WorkbenchConfig;
  workbench: Workbench;
  /** GET a path of the embedded emulator over HTTP (`/emulator` + path), as the demo admin. */
  emulator<T = unknown>(pathAndQuery: string): Promise<T>;
  close(): Promise<void>;
}

export interface RealServiceOptions {
  /** Extra environment for loadConfig (never the process's own: a CI machine's CONFLUENCE_* stay out). */
  env?: Record<string, string>;
  /** Serve with `--direct-tools` (every SDK operation as its own MCP tool). */
  directTools?: boolean;
  /** Where the service logs (default: silent). */
  logger?: Logger;
}

export async function startRealService(options: RealServiceOptions = {}): Promise<RealService> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'workbench-e2e-'));
  const config = loadConfig(
    { WORKBENCH_DATA_DIR: dataDir, ...options.env },
    { host: '127.0.0.1', port: 0 },
  );
  const logger = options.logger ?? pino({ level: 'silent' });
  const workbench = await createWorkbench(config, {
    runsDatabase: IN_MEMORY,
    emulatorDatabase: IN_MEMORY,
    sandbox: { workers: 2 },
    logger,
  });
  const server = await startServer({
    config,
    workbench,
    logger,
    directTools: options.directTools === true,
  });
  return {
    url: server.url,
    mcpUrl: new URL(`${server.url}/mcp`),
    config,
    workbench,
    async emulator<T>(pathAndQuery: string): Promise<T> {
      const response = await fetch(`${server.url}/emulator${pathAndQuery}`, {
        headers: { authorization: DEMO_AUTHORIZATION },
      });
      if (!response.ok)
        throw new Error(
          `GET /emulator${pathAndQuery}: ${response.status} ${await response.text()}`,
        );
      return (await response.json()) as T;
    },
    async close() {
      await server.close();
      await workbench.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
