import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningEmulator, runEmulatorCommand } from '../../src/emulator/cli.ts';
import { expectMatchesSpec } from './contract.ts';
import type { Json } from './fixtures.ts';

let running: RunningEmulator | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe('runEmulatorCommand', () => {
  it('runEmulatorCommand: serves the demo site over HTTP with absolute _links.base', async () => {
    const lines: string[] = [];
    running = await runEmulatorCommand({ port: 0, log: (line) => lines.push(line) });
    expect(lines[0]).toContain(`${running.url}/wiki`);
    expect(lines[0]).toContain('demo@example.com');
    const response = await fetch(`${running.url}/wiki/api/v2/spaces?limit=1`, {
      headers: {
        authorization: `Basic ${Buffer.from('demo@example.com:demo-token').toString('base64')}`,
      },
    });
    expect(response.headers.get('link')).toContain(`<${running.url}/wiki>; rel="base"`);
    const body = (await expectMatchesSpec(response, 'getSpaces')) as { _links: { base: string } };
    expect(body._links.base).toBe(`${running.url}/wiki`);
  });

  it('runEmulatorCommand: a file database keeps writes across restarts and is seeded once', async () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'cw-emulator-'));
    const database = path.join(directory, 'site.db');
    const headers = { authorization: 'Bearer demo-token', 'content-type': 'application/json' };
    try {
      running = await runEmulatorCommand({ port: 0, database, log: null });
      const spaces = (await (
        await fetch(`${running.url}/wiki/api/v2/spaces?keys=MKT`, { headers })
      ).json()) as Json;
      const created = await fetch(`${running.url}/wiki/api/v2/pages`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          spaceId: spaces.results[0].id,
          title: 'Persisted',
          body: { representation: 'storage', value: '<p>kept</p>' },
        }),
      });
      expect(created.status).toBe(200);
      await running.close();
      running = await runEmulatorCommand({ port: 0, database, log: null });
      const found = (await (
        await fetch(`${running.url}/wiki/api/v2/pages?title=Persisted`, { headers })
      ).json()) as Json;
      expect(found.results).toHaveLength(1);
      const all = (await (
        await fetch(`${running.url}/wiki/api/v2/spaces`, { headers })
      ).json()) as Json;
      expect(all.results).toHaveLength(3);
    } finally {
      await running?.close();
      running = undefined;
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('runEmulatorCommand: seed none leaves only the admin; a bad port is refused', async () => {
    running = await runEmulatorCommand({ port: 0, seed: 'none', log: null });
    const response = await fetch(`${running.url}/wiki/api/v2/spaces`, {
      headers: { authorization: 'Bearer demo-token' },
    });
    expect(((await response.json()) as Json).results).toEqual([]);
    await expect(runEmulatorCommand({ port: 70_000, log: null })).rejects.toThrow(/--port/);
  });
});
