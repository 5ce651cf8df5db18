import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeSite } from '../fixtures/session-operations.ts';
import { startScriptedServer, type ScriptedServer } from '../fixtures/scripted-server.ts';
import { callContext, rejection, sessionFor } from './session-helpers.ts';

let server: ScriptedServer;
beforeEach(async () => {
  server = await startScriptedServer(fakeSite);
});
afterEach(async () => {
  await server.close();
});

/** A little script: read, write, write, read. */
async function script(
  host: Record<
    string,
    (args: unknown, context: ReturnType<typeof callContext>) => Promise<unknown>
  >,
) {
  const page = (await host['pages.get']!({ id: '3' }, callContext(0))) as { title: string };
  const created = (await host['pages.create']!(
    { spaceKey: 'ENG', title: `${page.title} copy` },
    callContext(1),
  )) as { id: string };
  const label = await host['labels.add']!({ id: created.id, name: 'copied' }, callContext(2));
  const title = await host['pages.titleOf']!({ id: '4' }, callContext(3));
  return { created, label, title };
}

describe('dry-run', () => {
  it('dry-run: reads are sent, writes are planned and never sent', async () => {
    const session = sessionFor(server, { mode: 'dry-run' });
    const result = await script(session.host);
    expect(server.received.map((request) => request.method)).toEqual(['GET', 'GET']);
    // A planned object is recognizable: its id is planned-N and it says planned: true.
    expect(result.created).toEqual({
      id: 'planned-1',
      title: 'Page 3 copy',
      status: 'current',
      planned: true,
    });
    expect(result.label).toEqual({ id: 'planned-1', name: 'copied', dryRun: true });
    expect(session.ledger().map((record) => record.status)).toEqual([
      'ok',
      'planned',
      'planned',
      'ok',
    ]);
    expect(session.writes()).toEqual([
      {
        operation: 'pages.create',
        target: 'new page "Page 3 copy" in space ENG',
        status: 'planned',
      },
      { operation: 'labels.add', target: 'label copied on content planned-1', status: 'planned' },
    ]);
  });

  it('dry-run: policy still applies to planned writes', async () => {
    const session = sessionFor(server, { mode: 'dry-run', policy: { readOnly: true } });
    await expect(
      session.host['pages.create']!({ spaceKey: 'ENG', title: 'x' }, callContext()),
    ).rejects.toMatchObject({
      code: 'POLICY_READ_ONLY',
    });
  });
});

describe('recorded', () => {
  it("recorded: replays a live run's answers in order without sending anything", async () => {
    const live = sessionFor(server);
    const liveResult = await script(live.host);
    const sent = server.received.length;
    const replay = sessionFor(server, {
      mode: 'recorded',
      recorded: JSON.parse(JSON.stringify(live.ledger())),
    });
    expect(await script(replay.host)).toEqual(liveResult);
    expect(server.received).toHaveLength(sent);
    expect(replay.replayState()).toEqual({ consumed: 4, total: 4 });
    expect(
      replay.ledger().map((record) => [record.operation, record.status, record.httpStatus]),
    ).toEqual(live.ledger().map((record) => [record.operation, record.status, record.httpStatus]));
  });

  it('recorded: different arguments fail with REPLAY_DIVERGED naming the index, the expected and the actual call', async () => {
    const live = sessionFor(server);
    await live.host['pages.get']!({ id: '3' }, callContext());
    await live.host['pages.get']!({ id: '4' }, callContext(1));
    const replay = sessionFor(server, { mode: 'recorded', recorded: live.ledger() });
    await replay.host['pages.get']!({ id: '3' }, callContext());
    const error = await rejection(replay.host['pages.get']!({ id: '5' }, callContext(1)));
    expect(error).toMatchObject({ name: 'ReplayError', code: 'REPLAY_DIVERGED', phase: 'runtime' });
    expect(error.message).toBe(
      'replay diverged at call #1: the recording has pages.get({"id":"4"}) but the script called pages.get({"id":"5"})',
    );
    expect(error.details).toEqual({
      index: 1,
      expected: { operation: 'pages.get', args: { id: '4' } },
      actual: { operation: 'pages.get', args: { id: '5' } },
    });
    // Once diverged, every later call fails too: the recording no longer lines up.
    await expect(replay.host['pages.get']!({ id: '4' }, callContext(2))).rejects.toMatchObject({
      code: 'REPLAY_DIVERGED',
    });
    expect(replay.replayState()).toMatchObject({ consumed: 1, total: 2, divergence: { index: 1 } });
  });

  it('recorded: another operation, or a call past the end of the recording, diverges', async () => {
    const live = sessionFor(server);
    await live.host['pages.get']!({ id: '3' }, callContext());
    const other = sessionFor(server, { mode: 'recorded', recorded: live.ledger() });
    await expect(other.host['pages.titleOf']!({ id: '3' }, callContext())).rejects.toThrow(
      'replay diverged at call #0: the recording has pages.get({"id":"3"}) but the script called pages.titleOf({"id":"3"})',
    );
    const longer = sessionFor(server, { mode: 'recorded', recorded: live.ledger() });
    await longer.host['pages.get']!({ id: '3' }, callContext());
    await expect(longer.host['pages.get']!({ id: '3' }, callContext(1))).rejects.toThrow(
      'replay diverged at call #1: the recording has only 1 calls but the script called pages.get({"id":"3"})',
    );
  });

  it('recorded: a recorded failure is thrown again with its code, status and phase', async () => {
    const live = sessionFor(server, { policy: { readOnly: true } });
    await live.host['pages.get']!({ id: '404' }, callContext()).catch(() => undefined);
    await live.host['pages.create']!({ spaceKey: 'ENG', title: 'x' }, callContext(1)).catch(
      () => undefined,
    );
    const replay = sessionFor(server, { mode: 'recorded', recorded: live.ledger() });
    await expect(replay.host['pages.get']!({ id: '404' }, callContext())).rejects.toMatchObject({
      code: 'NOT_FOUND',
      status: 404,
      phase: 'confluence',
    });
    await expect(
      replay.host['pages.create']!({ spaceKey: 'ENG', title: 'x' }, callContext(1)),
    ).rejects.toMatchObject({ code: 'POLICY_READ_ONLY', phase: 'policy' });
    expect(replay.summary()).toMatchObject({ total: 2, failed: 2 });
  });

  it('recorded: needs a recording', () => {
    expect(() => sessionFor(server, { mode: 'recorded' })).toThrow(/recorded ledger/);
  });
});
