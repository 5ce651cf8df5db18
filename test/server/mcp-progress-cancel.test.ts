/**
 * Progress notifications and cancellation over real HTTP, in both protocol eras: a script's
 * progress() reaches a client that sent a progressToken, and a client that gives up aborts the
 * run's signal (2026-07-28: by closing the stream; 2025-11-25: by notifications/cancelled, which
 * arrives on another request and is matched by the server's registry).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExecuteOptions } from '../../src/runs/types.ts';
import { ScriptedRuns, wait } from './helpers/scripted-runs.ts';
import {
  callTool,
  connectLegacy,
  connectModern,
  startTestService,
  type TestService,
} from './helpers/test-service.ts';

const PROGRESS_STEP_MS = 150;
let service: TestService;
const signals: AbortSignal[] = [];

const runs = new ScriptedRuns(async (input, options: ExecuteOptions) => {
  if (input.code === 'progress') {
    for (let done = 1; done <= 3; done++) {
      options.onProgress?.({ done, total: 3, message: `step ${done}` });
      await wait(PROGRESS_STEP_MS);
    }
    return { result: 'counted' };
  }
  signals.push(options.signal!);
  await wait(60_000, options.signal);
  return { result: 'never' };
});

beforeAll(async () => {
  service = await startTestService({ runs });
});
afterAll(() => service.close());

async function until(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const eras = [
  { era: 'modern', viaNotification: false, connect: () => connectModern(service.mcpUrl) },
  { era: 'legacy', viaNotification: true, connect: () => connectLegacy(service.mcpUrl) },
];

describe.each(eras)('run_code over HTTP ($era)', ({ connect, viaNotification }) => {
  it('progress: script progress() arrives as increasing notifications/progress', async () => {
    const client = await connect();
    const received: Array<{ progress: number; total?: number; message?: string }> = [];
    const result = await callTool(
      client,
      'run_code',
      { code: 'progress' },
      {
        onprogress: (progress) => received.push(progress),
      },
    );
    await client.close();
    expect(result.isError).toBe(false);
    expect(received.length).toBeGreaterThanOrEqual(2);
    expect(received.at(-1)).toMatchObject({ progress: 3, total: 3, message: 'step 3' });
    const values = received.map((event) => event.progress);
    expect(values).toEqual([...values].sort((a, b) => a - b));
  });

  it('cancellation: a client that aborts the call aborts the run', async () => {
    const client = await connect();
    const before = signals.length;
    const controller = new AbortController();
    const pending = callTool(client, 'run_code', { code: 'wait' }, { signal: controller.signal });
    await until(() => signals.length > before, 'the run to start');
    const signal = signals.at(-1)!;
    expect(signal.aborted).toBe(false);
    controller.abort('user pressed escape');
    await expect(pending).rejects.toThrow();
    await until(() => signal.aborted, 'the run signal to abort');
    // 2025-11-25 cancels with a notification on another request: the registry found the run.
    const matched = service.logs.some(
      (line) => line['msg'] === 'mcp cancellation' && line['outcome'] === 'cancelled',
    );
    expect(matched).toBe(viaNotification);
    await until(() => service.service.gateway.limiter.running === 0, 'the run slot to be released');
    await client.close();
  });
});
