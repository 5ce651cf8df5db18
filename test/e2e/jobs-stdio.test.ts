/**
 * The job tools over stdio with the real command (`confluence-workbench mcp`) and the real engine:
 * an agent starts a job with one call and checks on it with job_status; the job ran in that
 * process and is stored in the data dir, where `job status` reads it afterwards.
 */
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, describe, expect, it } from 'vitest';
import type { JobStatus } from '../../src/jobs/types.ts';
import { BIN, createCliEnvironment, runCommand } from '../cli/cli-process.ts';
import { callTool } from '../server/helpers/test-service.ts';

const TITLES_JOB = `
export async function* items() {
  const { results } = await confluence.pages.list({ limit: 5 });
  for (const page of results) yield { id: page.id };
}
export default async function (item: { id: string }) {
  const page = await confluence.pages.get(item.id);
  return page.title;
}`;

const environment = createCliEnvironment();
afterAll(() => environment.remove());

describe('job tools over stdio (confluence-workbench mcp, real engine)', () => {
  it('mcp: start_job enumerates and runs a job in the process; job_status follows it to done', async () => {
    const client = new Client(
      { name: 'stdio-jobs-e2e', version: '1' },
      { versionNegotiation: { mode: 'auto' } },
    );
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [BIN, 'mcp'],
        env: environment.env as Record<string, string>,
        stderr: 'pipe',
      }),
    );
    const ok = await callTool(client, 'start_job', { code: TITLES_JOB });
    expect(ok.isError).toBeFalsy();
    const { jobId } = ok.structuredContent as JobStatus;
    let status = ok.structuredContent as JobStatus;
    for (let attempt = 0; status.state !== 'done' && attempt < 300; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await callTool(client, 'job_status', { jobId })).structuredContent as JobStatus;
    }
    expect(status).toMatchObject({ state: 'done', counts: { total: 5, done: 5, failed: 0 } });
    await client.close();

    const outcome = await runCommand(['job', 'status', jobId, '--json'], { env: environment.env });
    expect(outcome.code).toBe(0);
    expect(JSON.parse(outcome.stdout)).toMatchObject({ jobId, state: 'done', counts: { done: 5 } });
  }, 120_000);
});
