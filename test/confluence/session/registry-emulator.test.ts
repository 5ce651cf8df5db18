/**
 * The session with the real registry against the real emulator, reached in-process through an
 * injected `fetch` (no socket): live, dry-run, recorded and policy, end to end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConfluenceClient } from '../../../src/confluence/http/client.ts';
import { OPERATIONS } from '../../../src/confluence/operations/index.ts';
import { createRunSession } from '../../../src/confluence/session/run-session.ts';
import type { SessionMode } from '../../../src/confluence/types.ts';
import { createEmulator, type Emulator } from '../../../src/emulator/index.ts';
import { DEMO_EMAIL, DEMO_TOKEN } from '../fixtures/emulator-server.ts';
import { callContext, OPEN_POLICY, rejection } from './session-helpers.ts';
import type { CallRecord } from '../../../src/confluence/types.ts';
import type { PolicyConfig } from '../../../src/config.ts';

let emulator: Emulator;
let requests = 0;
beforeAll(() => {
  emulator = createEmulator({ seed: 'demo' });
});
afterAll(() => emulator.close());

function session(mode: SessionMode, policy: Partial<PolicyConfig> = {}, recorded?: CallRecord[]) {
  const client = createConfluenceClient({
    baseUrl: 'http://emulator.local',
    auth: { kind: 'basic', email: DEMO_EMAIL, apiToken: DEMO_TOKEN },
    fetch: (input, init) => {
      requests += 1;
      return Promise.resolve(emulator.app.request(String(input), init));
    },
    limits: { requestsPerInterval: Infinity },
  });
  return createRunSession({
    client,
    operations: OPERATIONS,
    mode,
    policy: { ...OPEN_POLICY, ...policy },
    ...(recorded ? { recorded } : {}),
  });
}

const storagePage = (title: string) => ({
  spaceId: 'ENG',
  title,
  body: { storage: '<p>Hello from a test</p>' },
});
const titled = async (title: string) =>
  ((await session('live').host['pages.list']!({ title }, callContext())) as { results: unknown[] })
    .results;

describe('session with the registry and the emulator', () => {
  it('pages.create: live creates the page in the emulator and ledgers the write', async () => {
    const live = session('live');
    const page = (await live.host['pages.create']!(
      storagePage('Wire live page'),
      callContext(),
    )) as { id: string; title: string };
    expect(page.title).toBe('Wire live page');
    expect(await titled('Wire live page')).toHaveLength(1);
    expect(live.writes()).toEqual([
      {
        operation: 'pages.create',
        target: 'new page "Wire live page" in space ENG',
        status: 'applied',
      },
    ]);
    expect(live.ledger()[0]).toMatchObject({ status: 'ok', httpStatus: 200, kind: 'write' });
  });

  it('pages.create: dry-run answers with a plan and creates nothing', async () => {
    const dry = session('dry-run');
    const planned = (await dry.host['pages.create']!(
      storagePage('Wire dry page'),
      callContext(),
    )) as { title: string };
    expect(planned.title).toBe('Wire dry page');
    expect(await titled('Wire dry page')).toHaveLength(0);
    expect(dry.writes()).toEqual([
      {
        operation: 'pages.create',
        target: 'new page "Wire dry page" in space ENG',
        status: 'planned',
      },
    ]);
  });

  it('recorded: a live run replays offline with the same answers and no request', async () => {
    const live = session('live');
    const first = await live.host['pages.get']!({ id: '65537' }, callContext());
    const spaces = await live.host['spaces.list']!({}, callContext(1));
    const before = requests;
    const replay = session('recorded', {}, JSON.parse(JSON.stringify(live.ledger())));
    expect(await replay.host['pages.get']!({ id: '65537' }, callContext())).toEqual(first);
    expect(await replay.host['spaces.list']!({}, callContext(1))).toEqual(spaces);
    expect(requests).toBe(before);
  });

  it('policy: allowedSpaces refuses a create in another space, by key, before sending it', async () => {
    const restricted = session('live', { allowedSpaces: ['MKT'] });
    const before = requests;
    const error = await rejection(
      restricted.host['pages.create']!(storagePage('Wire refused'), callContext()),
    );
    expect(error).toMatchObject({ code: 'POLICY_SPACE_NOT_ALLOWED', phase: 'policy' });
    expect(requests).toBe(before);
  });

  it('policy: allowedSpaces finds the space of a blog post named only by content id (labels.add)', async () => {
    const auth = `Basic ${Buffer.from(`${DEMO_EMAIL}:${DEMO_TOKEN}`).toString('base64')}`;
    const get = async (path: string) =>
      (await (await emulator.app.request(path, { headers: { authorization: auth } })).json()) as {
        results: Array<{ id: string }>;
      };
    const space = (await get('/wiki/api/v2/spaces?keys=MKT')).results[0]!;
    const post = (await get(`/wiki/api/v2/spaces/${space.id}/blogposts`)).results[0]!;
    const label = (allowedSpaces: string[]) =>
      session('live', { allowedSpaces }).host['labels.add']!(
        { contentId: post.id, labels: ['policy-check'] },
        callContext(),
      );
    await expect(label(['MKT'])).resolves.toBeDefined();
    const error = await rejection(label(['ENG']));
    expect(error).toMatchObject({ code: 'POLICY_SPACE_NOT_ALLOWED', phase: 'policy' });
  });

  it('validation: a bad page id never reaches the emulator', async () => {
    const before = requests;
    const error = await rejection(session('live').host['pages.get']!({ id: 'abc' }, callContext()));
    expect(error).toMatchObject({ code: 'VALIDATION', phase: 'runtime' });
    expect(error.message).toMatch(/^pages\.get: invalid arguments: id: /);
    expect(requests).toBe(before);
  });
});
