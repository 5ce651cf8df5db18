/**
 * Admission control end to end: with 1 slot and 1 queue place, a third simultaneous run is refused
 * at once — over MCP as an isError result telling the model when to retry, over REST as a 429 with
 * Retry-After — and a queued run that waits too long gets a 503. Nothing refused ever runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScriptedRuns } from './helpers/scripted-runs.ts';
import {
  callTool,
  connectLegacy,
  connectModern,
  startTestService,
  type TestService,
} from './helpers/test-service.ts';

const QUEUE_WAIT_MS = 1_500;
let service: TestService;
let releaseAll: () => void = () => {};
let gate = new Promise<void>((resolve) => (releaseAll = resolve));
const runs = new ScriptedRuns(async () => {
  await gate;
  return { result: 'finished' };
});

beforeAll(async () => {
  service = await startTestService({
    runs,
    service: { maxConcurrentRuns: 1, maxQueuedRuns: 1, maxQueueWaitMs: QUEUE_WAIT_MS },
  });
});
afterAll(() => service.close());

function resetGate(): void {
  gate = new Promise<void>((resolve) => (releaseAll = resolve));
}

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function restRun(): Promise<Response> {
  return fetch(`${service.url}/v1/runs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: 'return 1' }),
  });
}

describe('backpressure', () => {
  it.each([
    { era: 'modern', connect: connectModern },
    { era: 'legacy', connect: connectLegacy },
  ])(
    'run_code ($era): past the cap and the queue, an isError result says busy and when to retry',
    async ({ connect }) => {
      resetGate();
      const limiter = service.service.gateway.limiter;
      const client = await connect(service.mcpUrl);
      const executedBefore = runs.executed.length;
      const first = callTool(client, 'run_code', { code: 'one' });
      await until(() => limiter.running === 1);
      const second = callTool(client, 'run_code', { code: 'two' });
      await until(() => limiter.queued === 1);
      const third = await callTool(client, 'run_code', { code: 'three' });
      expect(third.isError).toBe(true);
      expect(third.content[0]!.text).toMatch(/busy.*Call run_code again .* in about \d+ seconds?/s);
      expect(third.structuredContent).toBeUndefined();
      releaseAll();
      expect((await first).isError).toBe(false);
      expect((await second).isError).toBe(false);
      expect(runs.executed.slice(executedBefore).map((input) => input.code)).toEqual([
        'one',
        'two',
      ]);
      await client.close();
    },
  );

  it('POST /v1/runs: past the cap and the queue, a 429 with Retry-After and nothing run', async () => {
    resetGate();
    const limiter = service.service.gateway.limiter;
    const first = restRun();
    await until(() => limiter.running === 1);
    const second = restRun();
    await until(() => limiter.queued === 1);
    const third = await restRun();
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await third.json()).toMatchObject({
      error: { code: 'QUEUE_FULL', message: expect.stringContaining('busy') },
    });
    releaseAll();
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
  });

  it('POST /v1/runs: a run queued longer than the wait limit gets a 503 with Retry-After', async () => {
    resetGate();
    const limiter = service.service.gateway.limiter;
    const first = restRun();
    await until(() => limiter.running === 1);
    const queued = await restRun();
    expect(queued.status).toBe(503);
    expect(queued.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await queued.json()).toMatchObject({ error: { code: 'QUEUE_TIMEOUT' } });
    releaseAll();
    expect((await first).status).toBe(200);
  });

  it('metrics: refused runs are counted by reason', async () => {
    const text = await (await fetch(`${service.url}/metrics`)).text();
    expect(text).toMatch(/workbench_runs_rejected_total\{reason="QUEUE_FULL",source="mcp"\} 2/);
    expect(text).toMatch(/workbench_runs_rejected_total\{reason="QUEUE_FULL",source="rest"\} 1/);
    expect(text).toMatch(/workbench_runs_rejected_total\{reason="QUEUE_TIMEOUT",source="rest"\} 1/);
  });
});
