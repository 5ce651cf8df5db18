/**
 * The job tools over stdio through a real child process: the same definitions as over HTTP.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { describe, expect, it } from 'vitest';
import type { JobStatus } from '../../src/jobs/types.ts';
import { callTool } from './helpers/test-service.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const entry = path.join(here, 'fixtures/stdio-jobs-server.ts');

describe('MCP job tools over stdio (child process)', () => {
  it('start_job, job_status and cancel_job over stdio', async () => {
    const client = new Client(
      { name: 'stdio-jobs', version: '1' },
      { versionNegotiation: { mode: 'auto' } },
    );
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: ['--no-node-snapshot', entry],
        stderr: 'pipe',
      }),
    );
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(
      expect.arrayContaining(['start_job', 'job_status', 'cancel_job']),
    );
    const started = await callTool(client, 'start_job', { code: 'x', items: [1, 2, 3] });
    expect(started.isError).toBeFalsy();
    const { jobId } = started.structuredContent as JobStatus;
    let status: JobStatus | undefined;
    const poll = async () => {
      status = (await callTool(client, 'job_status', { jobId })).structuredContent as JobStatus;
    };
    await poll();
    for (let attempt = 0; status?.state !== 'done' && attempt < 100; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      await poll();
    }
    expect(status).toMatchObject({ jobId, state: 'done', counts: { total: 3, done: 3 } });
    const cancelled = await callTool(client, 'cancel_job', { jobId });
    expect(cancelled.isError).toBe(true);
    expect(cancelled.content[0]!.text).toContain('has ended');
    await client.close();
  });
});
