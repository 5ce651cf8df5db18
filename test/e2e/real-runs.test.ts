/**
 * The service with the real workbench behind it: what a model sees for real script failures,
 * progress from a real script, cancellation reaching the sandbox, a truncated result paged with
 * read_result, describe_sdk from the real registry, and the emulator mounted at /emulator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTool, connectLegacy, connectModern } from '../server/helpers/test-service.ts';
import { DEMO_AUTHORIZATION, startRealService, type RealService } from './helpers/real-service.ts';

let service: RealService;

beforeAll(async () => {
  service = await startRealService();
}, 120_000);
afterAll(() => service?.close());

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('run_code with the real workbench', () => {
  it('run_code: a call to an operation that does not exist fails in typecheck with line:col and a hint, before any call', async () => {
    const client = await connectLegacy(service.mcpUrl);
    const result = await callTool(client, 'run_code', {
      code: "const page = await confluence.pages.gett('65537');\nreturn page.title;",
    });
    await client.close();
    expect(result.isError).toBe(true);
    const text = result.content[0]!.text!;
    expect(text).toMatch(/phase typecheck .* at line 1:\d+/);
    expect(text).toContain('hint:');
    expect(text).toContain('no Confluence call was made');
    expect(result.structuredContent).toMatchObject({ status: 'error', calls: { total: 0 } });
  });

  it('run_code: a Confluence error reaches the model with its status and what to do', async () => {
    const client = await connectModern(service.mcpUrl);
    const result = await callTool(client, 'run_code', {
      code: "return await confluence.pages.get('999999999');",
    });
    await client.close();
    expect(result.isError).toBe(true);
    expect(result.content[0]!.text).toMatch(/phase confluence|phase runtime/);
    expect(result.structuredContent).toMatchObject({
      status: 'error',
      calls: { total: 1, failed: 1 },
    });
  });

  it('run_code: progress() in a real script arrives as notifications/progress', async () => {
    const client = await connectModern(service.mcpUrl);
    const received: number[] = [];
    const result = await callTool(
      client,
      'run_code',
      {
        code: `
const { results } = await confluence.spaces.list();
for (let index = 0; index < results.length; index++) {
  await confluence.spaces.pages(results[index].id, { limit: 5 });
  progress(index + 1, results.length, 'space ' + results[index].key);
  await confluence.users.current();
}
return results.length;`,
      },
      { onprogress: (event) => received.push(event.progress) },
    );
    await client.close();
    expect(result.isError, result.content[0]?.text).toBe(false);
    expect(received.length).toBeGreaterThanOrEqual(1);
    expect(received).toEqual([...received].sort((a, b) => a - b));
  });

  it('run_code: cancelling the call aborts the run in the sandbox and frees its slot', async () => {
    const limiter = () =>
      fetch(`${service.url}/healthz`).then(
        (response) => response.json() as Promise<{ runs: { running: number } }>,
      );
    const client = await connectLegacy(service.mcpUrl);
    const controller = new AbortController();
    let progressed = 0;
    const pending = callTool(
      client,
      'run_code',
      {
        code: 'for (let i = 1; ; i++) { await confluence.users.current(); progress(i); }',
        timeoutMs: 120_000,
      },
      { signal: controller.signal, onprogress: () => (progressed += 1) },
    );
    await until(() => progressed >= 1, 'the endless script to report progress');
    controller.abort('the user stopped it');
    await expect(pending).rejects.toThrow();
    // The script never ends by itself (and its limit is 2 minutes): only the abort can free the slot.
    await until(async () => (await limiter()).runs.running === 0, 'the run to stop');
    const { runs } = (await (await fetch(`${service.url}/v1/runs?limit=1`)).json()) as {
      runs: Array<{ status: string; durationMs: number }>;
    };
    expect(runs[0]).toMatchObject({ status: 'error' });
    expect(runs[0]!.durationMs).toBeLessThan(60_000);
    await client.close();
  });

  it('run_code: dryRun plans a write without sending it, and says so', async () => {
    const client = await connectModern(service.mcpUrl);
    const result = await callTool(client, 'run_code', {
      code: "const page = await confluence.pages.create({ spaceId: 'MKT', title: 'Dry run page' });\nreturn page.title;",
      dryRun: true,
    });
    await client.close();
    expect(result.isError, result.content[0]?.text).toBe(false);
    expect(result.content[0]!.text).toContain('Dry run');
    expect(result.structuredContent).toMatchObject({
      mode: 'dry-run',
      writes: [{ operation: 'pages.create', status: 'planned' }],
    });
    const found = await service.emulator<{ results: unknown[] }>(
      '/wiki/api/v2/pages?title=Dry%20run%20page',
    );
    expect(found.results).toHaveLength(0);
  });

  it('read_result: pages through a result the envelope cut to its budget', async () => {
    const client = await connectModern(service.mcpUrl);
    const run = await callTool(client, 'run_code', {
      code: 'return Array.from({ length: 500 }, (_, index) => ({ index, label: "item " + index }));',
      resultBudget: 300,
    });
    const envelope = run.structuredContent as { truncated: boolean; resultRef: string };
    expect(envelope.truncated).toBe(true);
    expect(run.content[0]!.text).toContain(`read_result({ resultRef: "${envelope.resultRef}"`);
    const slice = await callTool(client, 'read_result', {
      resultRef: envelope.resultRef,
      offset: 100,
      limit: 3,
    });
    await client.close();
    expect(slice.structuredContent).toMatchObject({
      value: [{ index: 100 }, { index: 101 }, { index: 102 }],
      total: 500,
      hasMore: true,
    });
  });

  it('describe_sdk: returns the registry declarations and an example for the named operation', async () => {
    const client = await connectLegacy(service.mcpUrl);
    const result = await callTool(client, 'describe_sdk', { names: ['labels.add'] });
    await client.close();
    const text = result.content[0]!.text!;
    expect(text).toContain('add(');
    expect(text).toContain('confluence.labels.add');
  });

  it('describe_sdk: a misspelt name is an isError result naming the close ones', async () => {
    const client = await connectModern(service.mcpUrl);
    const result = await callTool(client, 'describe_sdk', { names: ['pages.gett'] });
    await client.close();
    expect(result.isError).toBe(true);
    expect(result.content[0]!.text).toContain('pages.get');
  });

  it('GET /emulator/wiki/api/v2/pages: the embedded emulator is served with the demo credentials', async () => {
    const anonymous = await fetch(`${service.url}/emulator/wiki/api/v2/pages?limit=1`);
    expect(anonymous.status).toBe(401);
    const response = await fetch(`${service.url}/emulator/wiki/api/v2/pages?limit=2`, {
      headers: { authorization: DEMO_AUTHORIZATION },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { results: unknown[]; _links: { next?: string } };
    expect(body.results).toHaveLength(2);
    expect(body._links.next).toMatch(/^\/emulator\/wiki\/api\/v2\/pages\?/);
  });
});
