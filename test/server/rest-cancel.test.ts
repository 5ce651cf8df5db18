/** REST over a real socket: a client that disconnects during POST /v1/runs cancels its run. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ScriptedRuns, wait } from './helpers/scripted-runs.ts';
import { startTestService, type TestService } from './helpers/test-service.ts';

const signals: AbortSignal[] = [];
const runs = new ScriptedRuns(async (_input, options) => {
  signals.push(options.signal!);
  await wait(60_000, options.signal).catch(() => {});
  return { result: 'stopped' };
});
let service: TestService;

beforeAll(async () => {
  service = await startTestService({ runs });
});
afterAll(() => service.close());

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

it('POST /v1/runs: a client that disconnects mid-run aborts the run and frees its slot', async () => {
  const controller = new AbortController();
  const pending = fetch(`${service.url}/v1/runs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: 'return await forever()' }),
    signal: controller.signal,
  });
  await until(() => signals.length === 1, 'the run to start');
  controller.abort();
  await expect(pending).rejects.toThrow();
  await until(() => signals[0]!.aborted, 'the run signal to abort');
  await until(() => service.service.gateway.limiter.running === 0, 'the slot to be released');
});
