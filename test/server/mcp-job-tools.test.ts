/**
 * The MCP job tools through real MCP clients over loopback HTTP (SDK v2 on 2026-07-28, SDK 1.x on
 * 2025-11-25) around a scripted JobService: start_job answers at once while the job runs in the
 * service, job_status reads one job or lists them, cancel_job stops one; mistakes are isError
 * results that say what to do; and each definition stays small in tools/list.
 */
import { encode } from 'gpt-tokenizer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobStatus } from '../../src/jobs/types.ts';
import { ScriptedJobs } from './helpers/scripted-jobs.ts';
import { ScriptedRuns } from './helpers/scripted-runs.ts';
import {
  callTool,
  connectLegacy,
  connectModern,
  startTestService,
  type TestService,
} from './helpers/test-service.ts';

/** Per tool: name, description and input schema as tools/list sends them. */
const JOB_TOOL_TOKEN_BUDGET = 170;
const KEY = 'k-mcp-jobs';

let release!: () => void;
const held = new Promise<void>((resolve) => (release = resolve));
const jobs = new ScriptedJobs(async (item) => {
  if ((item as { hold?: boolean }).hold) await held;
  return item;
});
let service: TestService;

beforeAll(async () => {
  service = await startTestService({ runs: new ScriptedRuns(), apiKeys: [KEY], jobs });
});
afterAll(async () => {
  release();
  await service.close();
});

describe('MCP job tools', () => {
  it('tools/list: start_job, job_status and cancel_job next to the run tools, each under the token budget', async () => {
    const client = await connectModern(service.mcpUrl, KEY);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([
      'cancel_job',
      'describe_sdk',
      'job_status',
      'read_result',
      'run_code',
      'start_job',
    ]);
    for (const tool of tools.filter((candidate) => /job/.test(candidate.name))) {
      const definition = JSON.stringify({
        name: tool.name,
        title: tool.title,
        description: tool.description,
        inputSchema: tool.inputSchema,
      });
      const tokens = encode(definition).length;
      console.log(`${tool.name}: ${tokens} tokens`);
      expect(tokens, tool.name).toBeLessThanOrEqual(JOB_TOOL_TOKEN_BUDGET);
    }
    await client.close();
  });

  it('start_job: returns the status at once as structuredContent and a line of text; the job runs on in the service', async () => {
    const client = await connectModern(service.mcpUrl, KEY);
    const result = await callTool(client, 'start_job', {
      code: 'export default async function (item) { return item; }',
      items: [{ id: 'p1', hold: true }, { id: 'p2' }],
      params: { label: 'fy26' },
      options: { concurrency: 2, dryRun: true },
    });
    expect(result.isError).toBeFalsy();
    const status = result.structuredContent as JobStatus;
    expect(status).toMatchObject({ state: 'running', counts: { total: 2, done: 0 } });
    expect(result.content[0]!.text).toMatch(
      new RegExp(`^Job ${status.jobId} running: 0/2 done, 0 failed`),
    );
    expect(result.content[0]!.text).toContain(`job_status {"jobId":"${status.jobId}"}`);
    expect(jobs.started.at(-1)!.input).toMatchObject({
      source: 'mcp',
      params: { label: 'fy26' },
      options: { concurrency: 2, dryRun: true },
    });

    const running = await callTool(client, 'job_status', { jobId: status.jobId });
    expect(running.structuredContent).toMatchObject({ jobId: status.jobId, state: 'running' });
    release();
    await jobs.wait(status.jobId);
    const finished = await callTool(client, 'job_status', { jobId: status.jobId });
    expect(finished.structuredContent).toMatchObject({ state: 'done', counts: { done: 2 } });
    expect(finished.content[0]!.text).toBe(`Job ${status.jobId} done: 2/2 done, 0 failed.`);
    await client.close();
  });

  it('job_status without an id lists the jobs; cancel_job stops one (SDK 1.x client, 2025-11-25)', async () => {
    const client = await connectLegacy(service.mcpUrl, KEY);
    // The first item never finishes: the job is still running when it is paused.
    jobs.behaviour = () => new Promise(() => {});
    const started = await callTool(client, 'start_job', { code: 'x', items: [1, 2, 3] });
    const { jobId } = started.structuredContent as JobStatus;
    await jobs.pause(jobId);
    const list = await callTool(client, 'job_status', {});
    const listed = (list.structuredContent as { jobs: JobStatus[] }).jobs;
    expect(listed.map((job) => job.jobId)).toContain(jobId);
    expect(list.content[0]!.text).toContain(`Job ${jobId} paused`);
    const cancelled = await callTool(client, 'cancel_job', { jobId });
    expect(cancelled.isError).toBeFalsy();
    expect(cancelled.structuredContent).toMatchObject({ jobId, state: 'cancelled' });
    expect(cancelled.content[0]!.text).toContain('skipped');
    jobs.behaviour = (item) => item;
    await client.close();
  });

  it('job tools: unknown ids, a refused script, an ended job and bad arguments are isError results that say what to do', async () => {
    const client = await connectModern(service.mcpUrl, KEY);
    const missing = await callTool(client, 'job_status', { jobId: 'nope' });
    expect(missing.isError).toBe(true);
    expect(missing.content[0]!.text).toContain('Call job_status without a jobId');
    const refused = await callTool(client, 'start_job', { code: 'syntax error' });
    expect(refused.isError).toBe(true);
    expect(refused.content[0]!.text).toMatch(
      /^The job was not started: .*does not compile.*call start_job again/,
    );
    const done = await callTool(client, 'start_job', { code: 'x', items: [1] });
    const { jobId } = done.structuredContent as JobStatus;
    await jobs.wait(jobId);
    const ended = await callTool(client, 'cancel_job', { jobId });
    expect(ended.isError).toBe(true);
    expect(ended.content[0]!.text).toContain('has ended');
    const badOptions = await callTool(client, 'start_job', {
      code: 'x',
      options: { concurrency: 1000 },
    });
    expect(badOptions.isError).toBe(true);
    expect(badOptions.content[0]!.text).toMatch(/^The job was not started: options\.concurrency: /);
    const unknownOption = await callTool(client, 'start_job', {
      code: 'x',
      options: { parallel: 2 },
    });
    expect(unknownOption.content[0]!.text).toContain('parallel');
    const optionsArray = await callTool(client, 'start_job', { code: 'x', options: [1] });
    expect(optionsArray.isError).toBe(true);
    const noCode = await callTool(client, 'start_job', { items: [] });
    expect(noCode.isError).toBe(true);
    await client.close();
  });
});
