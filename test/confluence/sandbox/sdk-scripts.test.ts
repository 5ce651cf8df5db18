/**
 * Scripts in the real sandbox (worker processes, isolated-vm, the warm type-checker) calling the
 * real SDK surface (generated prelude and d.ts) through a real run session against the emulator:
 * type errors stop a run before any Confluence call, Confluence errors reach the script as
 * catchable errors with status and code, and the in-isolate helpers work end to end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PolicyConfig } from '../../../src/config.ts';
import { createConfluenceClient } from '../../../src/confluence/http/client.ts';
import { OPERATIONS } from '../../../src/confluence/operations/index.ts';
import { createRunSession } from '../../../src/confluence/session/run-session.ts';
import { sdkSurface } from '../../../src/confluence/surface.ts';
import type { SessionMode } from '../../../src/confluence/types.ts';
import { createEmulator, type Emulator } from '../../../src/emulator/index.ts';
import { createSandbox } from '../../../sandbox/index.ts';
import type { RunResult, Sandbox } from '../../../sandbox/types.ts';

const POLICY: PolicyConfig = {
  readOnly: false,
  allowedOperations: [],
  allowedSpaces: [],
  maxWritesPerRun: 100,
};
const SLOW = 60_000;

let emulator: Emulator;
let sandbox: Sandbox;

beforeAll(async () => {
  emulator = createEmulator({ seed: 'demo' });
  sandbox = createSandbox({ surface: sdkSurface(), workers: 1, runsPerWorker: 2 });
  await sandbox.ready();
}, SLOW);

afterAll(async () => {
  await sandbox?.close();
  emulator?.close();
});

function session(mode: SessionMode = 'live') {
  const client = createConfluenceClient({
    baseUrl: 'http://emulator.local',
    auth: { kind: 'basic', email: 'demo@example.com', apiToken: 'demo-token' },
    fetch: (input, init) => Promise.resolve(emulator.app.fetch(new Request(input, init))),
    limits: { requestsPerInterval: Infinity },
  });
  return createRunSession({ client, operations: OPERATIONS, mode, policy: POLICY });
}

async function run(code: string, options: { params?: unknown; mode?: SessionMode } = {}) {
  const live = session(options.mode);
  const result: RunResult = await sandbox.run({ code, host: live.host, params: options.params });
  return { result, session: live };
}

/** A page of the demo site, found without assuming its id. */
async function demoPage(): Promise<{ id: string; title: string; spaceId: string }> {
  const { result } = await run(
    `const { results } = await confluence.pages.list({ limit: 1, sort: 'id' }); return results[0];`,
  );
  expect(result.ok, JSON.stringify(result.error)).toBe(true);
  return result.value as { id: string; title: string; spaceId: string };
}

describe('SDK scripts in the sandbox', () => {
  it(
    'pages.get: a script chains calls on the server and returns only a summary',
    async () => {
      const { result, session: live } = await run(`
      const spaces = await confluence.spaces.list.all({}, { max: 50 });
      const space = spaces.results[0]!;
      const pages = await confluence.spaces.pages.all(space.key, { limit: 5 }, { max: 20 });
      const first = await confluence.pages.get(pages.results[0]!.id, { bodyFormat: 'markdown' });
      return { space: space.key, pages: pages.results.length, truncated: pages.truncated, words: first.body?.markdown?.value.split(/\\s+/).length ?? 0 };
    `);
      expect(result.ok, JSON.stringify(result.error)).toBe(true);
      expect(result.value).toMatchObject({
        space: expect.any(String),
        pages: expect.any(Number),
        truncated: expect.any(Boolean),
      });
      expect(live.summary().total).toBeGreaterThanOrEqual(3);
      expect(live.summary().failed).toBe(0);
    },
    SLOW,
  );

  it(
    'typecheck: an unknown SDK member fails before any Confluence call, with a hint',
    async () => {
      const { result, session: live } = await run(`return await confluence.pages.gett('65537');`);
      expect(result.ok).toBe(false);
      expect(result.error).toMatchObject({ phase: 'typecheck', line: 1 });
      expect(result.error!.hint ?? result.error!.message).toMatch(/get/);
      expect(live.ledger()).toEqual([]);
    },
    SLOW,
  );

  it(
    'typecheck: a typo on an aliased list helper (list.alll) fails too, not only as a warning',
    async () => {
      const { result, session: live } = await run(
        `const list = confluence.pages.list;\nreturn await list.alll({ limit: 5 });`,
      );
      expect(result.error).toMatchObject({ phase: 'typecheck', line: 2 });
      expect(result.error!.hint ?? result.error!.message).toMatch(/all/);
      expect(live.ledger()).toEqual([]);
    },
    SLOW,
  );

  it(
    'typecheck: arguments of the wrong shape fail before any call (update without a version)',
    async () => {
      const { result, session: live } = await run(
        `return await confluence.pages.update('65537', { title: 'x' });`,
      );
      expect(result.error).toMatchObject({ phase: 'typecheck' });
      expect(result.error!.message).toMatch(/version/);
      expect(live.ledger()).toEqual([]);
    },
    SLOW,
  );

  it(
    'pages.get: a Confluence 404 is caught by the script, with status and code',
    async () => {
      const { result, session: live } = await run(`
      try {
        await confluence.pages.get('999999999');
        return 'found';
      } catch (error) {
        if (confluence.isError(error, 404)) return { status: error.status, code: error.code };
        throw error;
      }
    `);
      expect(result.ok, JSON.stringify(result.error)).toBe(true);
      expect(result.value).toEqual({ status: 404, code: 'NOT_FOUND' });
      expect(live.summary()).toMatchObject({ total: 1, failed: 1 });
    },
    SLOW,
  );

  it(
    "pages.get: an uncaught Confluence error fails the run in phase confluence at the user's line",
    async () => {
      const { result } = await run(`const a = 1;\nreturn await confluence.pages.get('999999999');`);
      expect(result.error).toMatchObject({ phase: 'confluence', status: 404, line: 2 });
    },
    SLOW,
  );

  it(
    'pages.get: input the type-checker cannot see (params) is refused host-side, naming the field',
    async () => {
      const { result, session: live } = await run(
        `try { await confluence.pages.get(params.id); return 'sent'; } catch (error) { return confluence.isError(error) ? error.message : 'other'; }`,
        { params: { id: 'home' } },
      );
      expect(result.value).toMatch(/pages\.get: invalid arguments: id: expected a page id/);
      expect(live.ledger()[0]).toMatchObject({ status: 'error' });
    },
    SLOW,
  );

  it(
    'pages.edit: reads, changes and writes a page inside the isolate',
    async () => {
      const page = await demoPage();
      const { result } = await run(
        `
      const result = await confluence.pages.edit(params.id, (draft) => draft.body + '<p>Edited in the sandbox</p>');
      const after = await confluence.pages.get(params.id, { bodyFormat: 'storage' });
      return { changed: result.changed, version: result.page.version.number, has: after.body?.storage?.value.includes('Edited in the sandbox') };
    `,
        { params: { id: page.id } },
      );
      expect(result.ok, JSON.stringify(result.error)).toBe(true);
      expect(result.value).toMatchObject({ changed: true, has: true });
    },
    SLOW,
  );

  it(
    'pages.create: under dry-run the script gets a plan and nothing is created',
    async () => {
      const page = await demoPage();
      const { result, session: live } = await run(
        `const page = await confluence.pages.create({ spaceId: params.spaceId, title: 'Dry run page', body: { markdown: '# hi' } });
       return page.title;`,
        { params: { spaceId: page.spaceId }, mode: 'dry-run' },
      );
      expect(result.value).toBe('Dry run page');
      expect(live.writes()).toEqual([
        expect.objectContaining({ operation: 'pages.create', status: 'planned' }),
      ]);
      const { result: check } = await run(
        `return (await confluence.pages.list({ title: 'Dry run page' })).results.length;`,
      );
      expect(check.value).toBe(0);
    },
    SLOW,
  );

  it(
    'dry-run: a planned page is recognizable and readable back in the same run; nothing is sent',
    async () => {
      const page = await demoPage();
      const { result, session: dry } = await run(
        `const created = await confluence.pages.create({ spaceId: params.spaceId, title: 'Planned page', body: { markdown: '# hi' } });
       const again = await confluence.pages.get(created.id);
       const child = await confluence.pages.create({ spaceId: params.spaceId, parentId: created.id, title: 'Planned child' });
       await confluence.labels.add(created.id, ['planned']);
       const listed = await confluence.pages.children(created.id).catch((error) => ({ code: error.code, message: error.message }));
       const unknown = await confluence.pages.get('planned-99').catch((error) => error.code);
       return { created, again, child, listed, unknown };`,
        { params: { spaceId: page.spaceId }, mode: 'dry-run' },
      );
      expect(result.error).toBeUndefined();
      const value = result.value as Record<string, Record<string, unknown>>;
      expect(value.created).toMatchObject({
        id: 'planned-1',
        planned: true,
        title: 'Planned page',
      });
      // The get answers the planned object, not "not found".
      expect(value.again).toEqual(value.created);
      expect(value.child).toMatchObject({ id: 'planned-2', parentId: 'planned-1', planned: true });
      // A list cannot include it: it says so instead of a bare 404.
      expect(value.listed).toMatchObject({ code: 'PLANNED_NOT_SENT' });
      expect(String(value.listed!.message)).toMatch(/planned by this dry run, not created/);
      expect(value.unknown).toBe('PLANNED_NOT_SENT');
      expect(dry.writes().map((write) => [write.operation, write.status, write.target])).toEqual([
        ['pages.create', 'planned', expect.stringContaining('Planned page')],
        ['pages.create', 'planned', expect.stringContaining('Planned child')],
        ['labels.add', 'planned', expect.stringContaining('planned-1')],
      ]);
      const { result: check } = await run(
        `return (await confluence.pages.list({ title: 'Planned page' })).results.length;`,
      );
      expect(check.value).toBe(0);
    },
    SLOW,
  );
});
