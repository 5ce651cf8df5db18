/**
 * A `notifications/cancelled` cancels only its sender's own call. Over stateless HTTP a 2025-11-25
 * client cancels on a separate request, and JSON-RPC ids are only unique per connection: another
 * connection (same key, or anyone on a keyless loopback service) sending the same id must not stop
 * the call. Real HTTP on loopback, the SDK 1.x client (which keeps the Mcp-Session-Id it is given)
 * and raw requests from the other connection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExecuteOptions } from '../../src/runs/types.ts';
import { ScriptedRuns, wait } from './helpers/scripted-runs.ts';
import {
  callTool,
  connectLegacy,
  LEGACY_INITIALIZE,
  rawPost,
  startTestService,
  type TestService,
} from './helpers/test-service.ts';

let service: TestService;
const started = new Map<string, AbortSignal>();

const runs = new ScriptedRuns(async (input, options: ExecuteOptions) => {
  started.set(input.code, options.signal!);
  await wait(60_000, options.signal);
  return { result: 'never' };
});

beforeAll(async () => {
  service = await startTestService({ runs });
});
afterAll(() => service.close());

async function startedRun(label: string): Promise<AbortSignal> {
  const deadline = Date.now() + 15_000;
  while (!started.has(label)) {
    if (Date.now() > deadline) throw new Error(`run ${label} did not start`);
    await wait(20);
  }
  return started.get(label)!;
}

/** Another connection: raw POSTs, optionally with a session of its own from initialize. */
async function cancelFromElsewhere(withSession: boolean): Promise<void> {
  const headers: Record<string, string> = {};
  if (withSession) {
    const initialized = await rawPost(service.url, 'none', '/mcp', LEGACY_INITIALIZE);
    await initialized.arrayBuffer();
    headers['mcp-session-id'] = initialized.headers.get('mcp-session-id')!;
    expect(headers['mcp-session-id']).toBeTruthy();
  }
  for (let requestId = 0; requestId < 10; requestId++) {
    const response = await rawPost(
      service.url,
      'none',
      '/mcp',
      { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId } },
      { ...headers, 'mcp-protocol-version': '2025-11-25' },
    );
    await response.arrayBuffer();
  }
}

describe('legacy cancellation scope', () => {
  it('notifications/cancelled from another connection does not cancel a call with the same id', async () => {
    const victim = await connectLegacy(service.mcpUrl);
    const controller = new AbortController();
    const call = callTool(victim, 'run_code', { code: 'victim' }, { signal: controller.signal });
    const signal = await startedRun('victim');
    await cancelFromElsewhere(false);
    await cancelFromElsewhere(true);
    expect(signal.aborted).toBe(false);
    controller.abort('the victim gives up');
    await expect(call).rejects.toThrow();
    await until(() => signal.aborted);
    await victim.close();
  });

  it('two connections with the same request ids: each cancellation stops only its own call', async () => {
    const first = await connectLegacy(service.mcpUrl);
    const second = await connectLegacy(service.mcpUrl);
    const firstAbort = new AbortController();
    const secondAbort = new AbortController();
    const firstCall = callTool(first, 'run_code', { code: 'first' }, { signal: firstAbort.signal });
    const secondCall = callTool(
      second,
      'run_code',
      { code: 'second' },
      { signal: secondAbort.signal },
    );
    const firstSignal = await startedRun('first');
    const secondSignal = await startedRun('second');
    firstAbort.abort('first gives up');
    await expect(firstCall).rejects.toThrow();
    await until(() => firstSignal.aborted);
    expect(secondSignal.aborted).toBe(false);
    secondAbort.abort('second gives up');
    await expect(secondCall).rejects.toThrow();
    await until(() => secondSignal.aborted);
    await Promise.all([first.close(), second.close()]);
  });
});

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the cancellation');
    await wait(20);
  }
}
