/**
 * `confluence-workbench mcp` as a client starts it: a child process over stdio, the real workbench
 * behind it (embedded emulator with the demo seed), driven by both SDK clients.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { Client as LegacyClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as LegacyStdioTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, describe, expect, it } from 'vitest';
import { callTool } from '../server/helpers/test-service.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'workbench-stdio-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const server = {
  command: process.execPath,
  args: [path.join(root, 'bin/confluence-workbench.js'), 'mcp'],
  // Only what the command needs: a CI machine's own CONFLUENCE_* variables must not leak in.
  env: {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? dataDir,
    WORKBENCH_DATA_DIR: dataDir,
    WORKBENCH_LOG_LEVEL: 'warn',
  },
  cwd: root,
  stderr: 'pipe' as const,
};

const LIST_SPACES =
  'const { results } = await confluence.spaces.list({ sort: "key" });\nreturn results.map((space) => space.key);';

describe('confluence-workbench mcp (stdio child process)', () => {
  it('SDK 1.x client (2025-11-25): lists the tools and runs a script against the demo site', async () => {
    const client = new LegacyClient({ name: 'e2e-stdio-legacy', version: '1' });
    await client.connect(new LegacyStdioTransport(server));
    const { tools } = await client.listTools();
    // The job tools come with the real workbench's jobs (DESIGN.md: "Job tools come with jobs").
    expect(tools.map((tool) => tool.name).sort()).toEqual([
      'cancel_job',
      'describe_sdk',
      'job_status',
      'read_result',
      'run_code',
      'start_job',
    ]);
    const result = await callTool(client, 'run_code', { code: LIST_SPACES });
    expect(result.isError, result.content[0]?.text).toBe(false);
    expect(result.structuredContent).toMatchObject({
      status: 'ok',
      result: expect.arrayContaining(['ENG', 'MKT']),
    });
    await client.close();
  }, 120_000);

  it('SDK v2 client: negotiates 2026-07-28 over stdio and gets the same answer', async () => {
    const client = new Client(
      { name: 'e2e-stdio-modern', version: '1' },
      { versionNegotiation: { mode: 'auto' } },
    );
    await client.connect(new StdioClientTransport(server));
    expect(client.getProtocolEra()).toBe('modern');
    const result = await callTool(client, 'run_code', { code: LIST_SPACES });
    expect(result.structuredContent).toMatchObject({
      status: 'ok',
      result: expect.arrayContaining(['ENG', 'MKT']),
    });
    await client.close();
  }, 120_000);
});
