/**
 * `--direct-tools`: every SDK operation as its own MCP tool, generated from the registry, called
 * by real MCP clients over HTTP (the whole service) and over stdio (the CLI's `mcp` child process),
 * answering with Confluence's JSON and refusing bad input with an error that names the field.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../src/confluence/operations/index.ts';
import { directToolName } from '../../src/server/mcp/direct-tools.ts';
import { callTool } from '../server/helpers/test-service.ts';
import { startRealService, type RealService } from './helpers/real-service.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function textOf(result: { content: Array<{ type: string; text?: string }> }): string {
  return result.content.map((block) => block.text ?? '').join('');
}

describe('direct tools over HTTP (serve --direct-tools)', () => {
  let service: RealService;
  let client: Client;
  beforeAll(async () => {
    service = await startRealService({ directTools: true });
    client = new Client({ name: 'direct-http', version: '1' });
    await client.connect(new StreamableHTTPClientTransport(service.mcpUrl));
  }, 60_000);
  afterAll(async () => {
    await client?.close();
    await service?.close();
  });

  it('lists one tool per registry operation, besides the workbench tools', async () => {
    const { tools } = await client.listTools();
    const names = tools.map((tool) => tool.name);
    for (const spec of OPERATIONS) expect(names).toContain(directToolName(spec));
    expect(names).toContain('run_code');
    expect(names.filter((name) => name.startsWith('confluence_'))).toHaveLength(OPERATIONS.length);
    const get = tools.find((tool) => tool.name === 'confluence_pages_get');
    expect(get?.inputSchema.required).toEqual(['id']);
  });

  it('answers with Confluence JSON, and each call is a run in the ledger', async () => {
    const found = await callTool(client, 'confluence_pages_findByTitle', {
      spaceId: 'MKT',
      title: 'Q3 planning',
    });
    expect(found.isError, textOf(found)).toBe(false);
    const page = JSON.parse(textOf(found)) as { id: string; title: string };
    expect(page.title).toBe('Q3 planning');
    const read = await callTool(client, 'confluence_pages_get', { id: page.id });
    expect(JSON.parse(textOf(read))).toMatchObject({ id: page.id, title: 'Q3 planning' });
    const added = await callTool(client, 'confluence_labels_add', {
      contentId: page.id,
      labels: ['urgent'],
    });
    expect(added.isError, textOf(added)).toBe(false);
    const labels = await service.emulator<{ results: Array<{ name: string }> }>(
      `/wiki/api/v2/pages/${page.id}/labels`,
    );
    expect(labels.results.map((label) => label.name)).toContain('urgent');
    const runs = await service.workbench.runs.listRuns({ limit: 10 });
    expect(runs.filter((run) => run.source === 'mcp').length).toBeGreaterThanOrEqual(3);
  });

  it('refuses bad input with an error naming the field; Confluence errors come back as errors', async () => {
    const bad = await callTool(client, 'confluence_pages_get', { id: 'not a number' });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toMatch(/\bid\b/);
    const extra = await callTool(client, 'confluence_pages_get', { id: '1', bogus: true });
    expect(extra.isError).toBe(true);
    expect(textOf(extra)).toMatch(/bogus/);
    const missing = await callTool(client, 'confluence_pages_get', { id: '999999999' });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toMatch(/NOT_FOUND/);
  });
});

describe('direct tools over stdio (mcp --direct-tools)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'workbench-direct-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('lists and calls an operation tool', async () => {
    const client = new Client({ name: 'direct-stdio', version: '1' });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [path.join(root, 'bin/confluence-workbench.js'), 'mcp', '--direct-tools'],
        env: {
          PATH: process.env['PATH'] ?? '',
          HOME: process.env['HOME'] ?? dataDir,
          WORKBENCH_DATA_DIR: dataDir,
          WORKBENCH_LOG_LEVEL: 'warn',
        },
        cwd: root,
        stderr: 'pipe',
      }),
    );
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain('confluence_spaces_list');
    const spaces = await callTool(client, 'confluence_spaces_list', {});
    expect(spaces.isError, textOf(spaces)).toBe(false);
    const keys = (JSON.parse(textOf(spaces)) as { results: Array<{ key: string }> }).results.map(
      (space) => space.key,
    );
    expect(keys).toEqual(expect.arrayContaining(['ENG', 'MKT']));
    const bad = await callTool(client, 'confluence_spaces_get', {});
    expect(bad.isError).toBe(true);
    await client.close();
  }, 120_000);
});
