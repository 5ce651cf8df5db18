/**
 * The hourly quota as a model meets it: the service runs against a site over HTTP (the emulator
 * on loopback, as a real site would be reached), the site answers 429 with `Retry-After: 1847`
 * and `RateLimit-Reason: confluence-quota-global-based`, and run_code's result says what happened
 * and when to come back; a run started during the pause fails at once without reaching the site.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { siteLimiterFor } from '../../src/confluence/http/limiter-registry.ts';
import { runEmulatorCommand, type RunningEmulator } from '../../src/emulator/cli.ts';
import { createWorkbench, EMBEDDED_EMULATOR_ORIGIN, IN_MEMORY } from '../../src/workbench.ts';
import { callTool, connectModern } from '../server/helpers/test-service.ts';
import { startRealService, type RealService } from './helpers/real-service.ts';

let site: RunningEmulator;
let service: RealService;

beforeAll(async () => {
  site = await runEmulatorCommand({ port: 0, seed: 'demo', log: null });
  service = await startRealService({
    env: {
      CONFLUENCE_BASE_URL: site.url,
      CONFLUENCE_EMAIL: 'demo@example.com',
      CONFLUENCE_API_TOKEN: 'demo-token',
    },
  });
}, 120_000);
afterAll(async () => {
  await service?.close();
  await site?.close();
});
beforeEach(() => site.emulator.faults.clear());

const requestsAtSite = () => site.emulator.faults.get().counters.requests;

describe('run_code and the hourly quota', () => {
  it('run_code: a quota 429 fails the run at once with RATE_LIMITED, the retry time, and no call during the pause', async () => {
    site.emulator.faults.set({ quota: { after: 1 } });
    const client = await connectModern(service.mcpUrl);
    const script = `
const spaces = await confluence.spaces.list();
const pages = await confluence.spaces.pages(spaces.results[0].id, { limit: 5 });
return pages.results.length;`;
    const startedAt = Date.now();
    const result = await callTool(client, 'run_code', { code: script });
    expect(result.isError).toBe(true);
    const envelope = result.structuredContent as {
      error: { phase: string; code: string; status: number; message: string; hint: string };
    };
    expect(envelope.error).toMatchObject({
      phase: 'confluence',
      code: 'RATE_LIMITED',
      status: 429,
    });
    expect(envelope.error.message).toContain('confluence-quota-global-based');
    const retryAt = Date.parse(/until (\S+Z)/.exec(envelope.error.message)![1]!);
    expect(retryAt - startedAt).toBeGreaterThan(1_840_000);
    expect(envelope.error.hint).toContain(`Do not retry before ${new Date(retryAt).toISOString()}`);
    expect(result.content[0]!.text).toContain(new Date(retryAt).toISOString());
    expect(result.content[0]!.text).toContain('the script is not at fault');
    expect(requestsAtSite()).toBe(2);

    // The next run, within the pause: refused before anything is sent.
    const again = await callTool(client, 'run_code', { code: script });
    expect(again.structuredContent).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    expect(requestsAtSite()).toBe(2);
    await client.close();
  });

  it('run_code: a script that catches the quota error reads details.retryAt', async () => {
    // Whether the site is still paused by the test above or meets the quota now, the error is the same.
    site.emulator.faults.set({ quota: { after: 0 } });
    const envelope = await service.workbench.runs.execute({
      code: `
try {
  await confluence.spaces.list();
  return 'no error';
} catch (error) {
  return { code: error.code, status: error.status, retryAt: error.details.retryAt };
}`,
    });
    expect(envelope.status).toBe('ok');
    const result = envelope.result as { code: string; status: number; retryAt: number };
    expect(result).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
    expect(result.retryAt).toBe(service.workbench.client.limiter.stats().pausedUntil);
  });

  it('workbench: a site is paced by the process-wide limiter of its credential; the embedded emulator is not', async () => {
    const demo = { kind: 'basic', email: 'demo@example.com', apiToken: 'demo-token' } as const;
    expect(service.workbench.client.limiter).toBe(siteLimiterFor(site.url, demo));
    expect(service.workbench.client.limiter).not.toBe(
      siteLimiterFor(site.url, { ...demo, apiToken: 'another-token' }),
    );
    const embedded = await createWorkbench(loadConfig({}), {
      runsDatabase: IN_MEMORY,
      emulatorDatabase: IN_MEMORY,
      sandbox: { workers: 1 },
    });
    try {
      expect(embedded.client.limiter).not.toBe(siteLimiterFor(EMBEDDED_EMULATOR_ORIGIN, demo));
      expect(embedded.client.limiter.stats().configuredRate).toBe(Number.POSITIVE_INFINITY);
    } finally {
      await embedded.close();
    }
  });
});
