/**
 * MCP over stdio through a real child process, with both clients: the same tools as over HTTP,
 * nothing but protocol on stdout, and `notifications/cancelled` aborting the run.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { Client as LegacyClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as LegacyStdioTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { describe, expect, it } from 'vitest';
import { callTool } from './helpers/test-service.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const entry = path.join(here, 'fixtures/stdio-server.ts');
const serverParams = {
  command: process.execPath,
  args: ['--no-node-snapshot', entry],
  stderr: 'pipe' as const,
};

describe('MCP over stdio (child process)', () => {
  it('SDK v2 client: lists the same three tools and runs code, with source mcp-stdio', async () => {
    const client = new Client(
      { name: 'stdio-modern', version: '1' },
      { versionNegotiation: { mode: 'auto' } },
    );
    await client.connect(new StdioClientTransport(serverParams));
    expect(client.getProtocolEra()).toBe('modern');
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([
      'describe_sdk',
      'read_result',
      'run_code',
    ]);
    const progress: number[] = [];
    const result = await callTool(
      client,
      'run_code',
      { code: 'return 1', params: { a: 1 } },
      { onprogress: (event) => progress.push(event.progress) },
    );
    expect(result.structuredContent).toMatchObject({
      status: 'ok',
      result: { echo: { a: 1 }, source: 'mcp-stdio' },
    });
    expect(progress).toEqual([1]);
    await client.close();
  });

  it('SDK 1.x client (2025-11-25): runs code; cancelling the call aborts the run', async () => {
    const transport = new LegacyStdioTransport(serverParams);
    let stderr = '';
    const client = new LegacyClient({ name: 'stdio-legacy', version: '1' });
    await client.connect(transport);
    transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const ok = await callTool(client, 'run_code', { code: 'return 2' });
    expect(ok.isError).toBe(false);

    const controller = new AbortController();
    const pending = callTool(client, 'run_code', { code: 'wait' }, { signal: controller.signal });
    const deadline = Date.now() + 15_000;
    while (!stderr.includes('run started') && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort('stop');
    await expect(pending).rejects.toThrow();
    while (!stderr.includes('run aborted') && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stderr).toContain('run aborted');
    // Logs went to stderr as JSON lines; stdout carried only the protocol (the client would have failed otherwise).
    expect(stderr).toContain('"msg":"run finished"');
    await client.close();
  });
});
