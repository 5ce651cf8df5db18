/**
 * /emulator on the service is behind the same doors as /mcp and /v1 (Host/Origin check, API keys
 * when set), and the emulator's fault-injection switch is not served unless asked for: a keyless
 * `PUT /emulator/__emulator/faults` must not be able to make every client's runs fail. Real HTTP
 * on loopback, a real emulator over SQLite.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createEmulator, DEMO_ADMIN, type Emulator } from '../../src/emulator/index.ts';
import { ScriptedRuns } from './helpers/scripted-runs.ts';
import { startTestService, type TestService } from './helpers/test-service.ts';

const KEY = 'emulator-guard-key-0123';
const DEMO_BASIC = `Basic ${Buffer.from(`${DEMO_ADMIN.email}:${DEMO_ADMIN.apiToken}`).toString('base64')}`;
const FAULTS = { errors: { ratio: 1, status: 503 } };

let service: TestService | undefined;
let emulator: Emulator | undefined;
afterEach(async () => {
  await service?.close();
  emulator?.close();
});

async function start(options: { apiKeys?: string[]; faultRoutes?: boolean }): Promise<string> {
  emulator = createEmulator({ seed: 'demo', faultRoutes: options.faultRoutes ?? false });
  service = await startTestService({
    runs: new ScriptedRuns(() => ({ result: 1 })),
    apiKeys: options.apiKeys ?? [],
    emulatorApp: emulator.app,
    emulatorAuthorization: DEMO_BASIC,
  });
  return service.url;
}

const spaces = (url: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/emulator/wiki/api/v2/spaces`, { headers });

/** fetch() forbids overriding Host, so a rebound DNS name is spoken over node:http. */
async function spacesWithHost(url: string, host: string, authorization: string): Promise<number> {
  const { request } = await import('node:http');
  return new Promise<number>((resolve, reject) => {
    const req = request(`${url}/emulator/wiki/api/v2/spaces`, {
      headers: { host, authorization },
    });
    req.on('response', (response) => {
      response.resume();
      resolve(response.statusCode!);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('/emulator guard', () => {
  it('/emulator with API keys: no key is 401, a rebinding Host is 403, the key reads as the demo admin', async () => {
    const url = await start({ apiKeys: [KEY] });
    expect((await spaces(url)).status).toBe(401);
    expect((await spaces(url, { authorization: DEMO_BASIC })).status).toBe(401);
    expect(await spacesWithHost(url, 'attacker.example', `Bearer ${KEY}`)).toBe(403);
    const allowed = await spaces(url, { authorization: `Bearer ${KEY}` });
    expect(allowed.status).toBe(200);
    expect(((await allowed.json()) as { results: unknown[] }).results.length).toBeGreaterThan(0);
  });

  it('/emulator without keys (loopback): a rebinding Host or a foreign Origin is 403; the demo account reads', async () => {
    const url = await start({});
    expect(await spacesWithHost(url, 'attacker.example', DEMO_BASIC)).toBe(403);
    expect(
      (await spaces(url, { authorization: DEMO_BASIC, origin: 'https://attacker.example' })).status,
    ).toBe(403);
    expect((await spaces(url, { authorization: DEMO_BASIC })).status).toBe(200);
  });

  it('/emulator/__emulator/faults: not served by default, so nobody can break every run', async () => {
    const url = await start({ apiKeys: [KEY] });
    const keyless = await fetch(`${url}/emulator/__emulator/faults`, {
      method: 'PUT',
      body: JSON.stringify(FAULTS),
    });
    expect(keyless.status).toBe(401);
    const keyed = await fetch(`${url}/emulator/__emulator/faults`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${KEY}` },
      body: JSON.stringify(FAULTS),
    });
    expect(keyed.status).toBe(404);
    expect(emulator!.faults.get().config).toEqual({});
    expect((await spaces(url, { authorization: `Bearer ${KEY}` })).status).toBe(200);
  });

  it('/emulator/__emulator/faults: served when asked for (tests), still behind the key', async () => {
    const url = await start({ apiKeys: [KEY], faultRoutes: true });
    const put = (headers: Record<string, string>) =>
      fetch(`${url}/emulator/__emulator/faults`, {
        method: 'PUT',
        headers,
        body: JSON.stringify(FAULTS),
      });
    expect((await put({})).status).toBe(401);
    expect((await put({ authorization: `Bearer ${KEY}` })).status).toBe(200);
    expect((await spaces(url, { authorization: `Bearer ${KEY}` })).status).toBe(503);
  });
});
