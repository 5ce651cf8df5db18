import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { narrowPolicy } from '../../../src/confluence/session/narrow-policy.ts';
import { isOperationAllowed } from '../../../src/confluence/session/policy.ts';
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

const writesSent = () => server.received.filter((request) => request.method !== 'GET');

describe('policy', () => {
  it('readOnly: refuses a write before sending it, reads still work', async () => {
    const session = sessionFor(server, { policy: { readOnly: true } });
    const error = await rejection(
      session.host['pages.create']!({ spaceKey: 'ENG', title: 'T' }, callContext()),
    );
    expect(error).toMatchObject({
      name: 'PolicyError',
      code: 'POLICY_READ_ONLY',
      phase: 'policy',
      details: { rule: 'readOnly' },
    });
    expect(error.message).toBe(
      'pages.create: refused by policy readOnly: this workbench is read-only',
    );
    await session.host['pages.get']!({ id: '1' }, callContext(1));
    expect(writesSent()).toHaveLength(0);
    expect(session.ledger()[0]).toMatchObject({
      status: 'refused',
      target: 'new page "T" in space ENG',
    });
    expect(session.writes()).toEqual([
      { operation: 'pages.create', target: 'new page "T" in space ENG', status: 'failed' },
    ]);
    expect(session.summary()).toMatchObject({ failed: 1, writes: 1, reads: 1 });
  });

  it('allowedOperations: refuses an operation not listed, naming the rule and the list', async () => {
    const session = sessionFor(server, { policy: { allowedOperations: ['pages.get'] } });
    const error = await rejection(
      session.host['pages.update']!({ id: '1', title: 'x', version: 2 }, callContext()),
    );
    expect(error).toMatchObject({
      code: 'POLICY_OPERATION_NOT_ALLOWED',
      phase: 'policy',
      details: { rule: 'allowedOperations' },
    });
    expect(error.message).toContain('only pages.get may be called');
    expect(server.received).toHaveLength(0);
  });

  it('allowedOperations: `resource.*` allows every operation of a resource', () => {
    expect(isOperationAllowed('pages.get', ['pages.*'])).toBe(true);
    expect(isOperationAllowed('pagesx.get', ['pages.*'])).toBe(false);
    expect(isOperationAllowed('spaces.get', ['pages.*', 'search.cql'])).toBe(false);
    expect(isOperationAllowed('anything', [])).toBe(true);
  });

  it('maxWritesPerRun: parallel writes past the cap are refused, and only the allowed ones are sent', async () => {
    const session = sessionFor(server, { policy: { maxWritesPerRun: 2 } });
    const results = await Promise.allSettled(
      [1, 2, 3].map((n) =>
        session.host['pages.create']!({ spaceKey: 'ENG', title: `T${n}` }, callContext(n)),
      ),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(2);
    const refused = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({
      code: 'POLICY_MAX_WRITES',
      details: { rule: 'maxWritesPerRun' },
    });
    expect(refused.reason.message).toContain('already made 2 writes, the limit is 2');
    expect(writesSent()).toHaveLength(2);
  });

  it('allowedSpaces: a write to a space key outside the list is refused', async () => {
    const session = sessionFor(server, { policy: { allowedSpaces: ['eng'] } });
    await session.host['pages.create']!({ spaceKey: 'ENG', title: 'ok' }, callContext());
    const error = await rejection(
      session.host['pages.create']!({ spaceKey: 'MKT', title: 'no' }, callContext(1)),
    );
    expect(error).toMatchObject({
      code: 'POLICY_SPACE_NOT_ALLOWED',
      details: { rule: 'allowedSpaces' },
    });
    expect(error.message).toBe(
      'pages.create: refused by policy allowedSpaces: space MKT is not one of eng',
    );
    expect(writesSent()).toHaveLength(1);
  });

  it('allowedSpaces: a space id is checked against the ids of the allowed keys, looked up once', async () => {
    const session = sessionFor(server, { policy: { allowedSpaces: ['ENG'] } });
    await session.host['blogposts.create']!({ spaceId: '100', title: 'a' }, callContext());
    await session.host['blogposts.create']!({ spaceId: '100', title: 'b' }, callContext(1));
    const error = await rejection(
      session.host['blogposts.create']!({ spaceId: '200', title: 'c' }, callContext(2)),
    );
    expect(error).toMatchObject({ code: 'POLICY_SPACE_NOT_ALLOWED' });
    expect(
      server.received.filter((request) => request.url.startsWith('/wiki/api/v2/spaces?')),
    ).toHaveLength(1);
    expect(writesSent()).toHaveLength(2);
  });

  it("allowedSpaces: a write naming only a page is checked through the page's space", async () => {
    const session = sessionFor(server, { policy: { allowedSpaces: ['ENG'] } });
    await session.host['pages.update']!({ id: '5', title: 'x', version: 2 }, callContext());
    const error = await rejection(
      session.host['pages.update']!({ id: '12', title: 'x', version: 2 }, callContext(1)),
    );
    expect(error).toMatchObject({ code: 'POLICY_SPACE_NOT_ALLOWED' });
    expect(error.message).toContain('space id 200');
    expect(writesSent().map((request) => request.url)).toEqual(['/wiki/api/v2/pages/5']);
  });

  it('allowedSpaces: a write that names no space at all is refused', async () => {
    const session = sessionFor(server, { policy: { allowedSpaces: ['ENG'] } });
    const error = await session.host['labels.add']!({ id: '5', name: 'x' }, callContext()).catch(
      (e) => e,
    );
    expect(error).toMatchObject({ code: 'POLICY_SPACE_UNKNOWN', phase: 'policy' });
    expect(writesSent()).toHaveLength(0);
  });

  it('allowedSpaces: a read from another space is refused on its answer', async () => {
    const session = sessionFor(server, { policy: { allowedSpaces: ['ENG'] } });
    expect(await session.host['pages.get']!({ id: '3' }, callContext())).toMatchObject({
      spaceId: '100',
    });
    const error = await rejection(session.host['pages.get']!({ id: '30' }, callContext(1)));
    expect(error).toMatchObject({ code: 'POLICY_SPACE_NOT_ALLOWED' });
    expect(session.ledger()[1]).toMatchObject({ status: 'refused' });
    expect(session.ledger()[1]!.response).toBeUndefined();
  });

  it('allowedSpaces: a refused write does not use up the write cap', async () => {
    const session = sessionFor(server, { policy: { allowedSpaces: ['ENG'], maxWritesPerRun: 1 } });
    await session.host['pages.create']!({ spaceKey: 'MKT', title: 'no' }, callContext()).catch(
      () => undefined,
    );
    await session.host['pages.create']!({ spaceKey: 'ENG', title: 'yes' }, callContext(1));
    expect(writesSent()).toHaveLength(1);
  });
});

describe('narrowPolicy', () => {
  const server = {
    readOnly: false,
    allowedOperations: ['pages.*', 'search.cql'],
    allowedSpaces: ['MKT', 'ENG'],
    maxWritesPerRun: 100,
  };
  const names = ['pages.get', 'pages.move', 'search.cql', 'spaces.delete'];

  it("a client's policy only narrows the server's", () => {
    const narrowed = narrowPolicy(
      server,
      {
        allowedSpaces: ['eng', 'HR'],
        allowedOperations: ['pages.get', 'spaces.*'],
        maxWritesPerRun: 500,
      },
      names,
      'docs-agent',
    );
    expect(narrowed).toEqual({
      readOnly: false,
      allowedOperations: ['pages.get'],
      allowedSpaces: ['eng'],
      maxWritesPerRun: 100,
    });
    expect(narrowPolicy(server, { readOnly: true }, names, 'reader')).toMatchObject({
      readOnly: true,
      allowedSpaces: ['MKT', 'ENG'],
    });
  });

  it('an intersection that leaves nothing is a configuration error, never "all"', () => {
    expect(() => narrowPolicy(server, { allowedSpaces: ['HR'] }, names, 'hr-bot')).toThrow(
      "client hr-bot: allowedSpaces HR has none of the server's (MKT, ENG)",
    );
    expect(() =>
      narrowPolicy(server, { allowedOperations: ['spaces.delete'] }, names, 'x'),
    ).toThrow(/allowedOperations spaces.delete has none/);
  });
});
