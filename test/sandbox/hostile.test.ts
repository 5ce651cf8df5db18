/**
 * Hostile scripts: escape attempts, resource attacks and bad values (cases in ./hostile/). Each
 * case asserts what happens; after the whole suite the same pool still serves a normal run and
 * the host process's memory is back near where it started. Catastrophic OOMs are safe here: they
 * abort a sandbox worker process, never this test process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/types.ts';
import { createFakeHost } from './fixtures/fake-surface.ts';
import { startSandbox } from './helpers.ts';
import { badValues } from './hostile/bad-value-cases.ts';
import { SUITE_LIMITS } from './hostile/case.ts';
import { escapes } from './hostile/escape-cases.ts';
import { resources } from './hostile/resource-cases.ts';

let sandbox: Sandbox;
let rssBefore = 0;
beforeAll(async () => {
  sandbox = startSandbox({ limits: SUITE_LIMITS });
  await sandbox.ready();
  rssBefore = process.memoryUsage().rss;
});
afterAll(() => sandbox.close());

describe.each([
  ['escape attempts', escapes],
  ['resource attacks', resources],
  ['bad values', badValues],
])('hostile: %s', (_group, cases) => {
  it.each(cases.map((hostileCase) => [hostileCase.name, hostileCase] as const))(
    'hostile: %s',
    async (_name, hostileCase) => {
      const result = await sandbox.run({
        code: hostileCase.code,
        params: { which: 2 },
        ...(hostileCase.host ? { host: hostileCase.host } : {}),
        ...(hostileCase.limits ? { limits: hostileCase.limits } : {}),
        skipTypecheck: true,
      });
      hostileCase.check(result);
      expect(JSON.stringify(result)).not.toMatch(/\/work\/|node:internal|node_modules/);
    },
  );
});

describe('hostile: aftermath', () => {
  it('hostile: at least 30 hostile scripts ran', () => {
    expect(escapes.length + resources.length + badValues.length).toBeGreaterThanOrEqual(30);
  });

  it('hostile: after the whole suite the same pool still serves a normal run', async () => {
    const result = await sandbox.run({
      code: 'const page = await confluence.pages.get({ id: "1" });\nreturn page.title;',
      host: createFakeHost(),
    });
    expect(result).toMatchObject({ ok: true, value: 'Page 1' });
  });

  it("hostile: the host process's memory is back near where it started", () => {
    const grownMb = (process.memoryUsage().rss - rssBefore) / 1024 / 1024;
    expect(grownMb).toBeLessThan(200);
  });
});
