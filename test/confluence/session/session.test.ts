import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeSite } from '../fixtures/session-operations.ts';
import { startScriptedServer, type ScriptedServer } from '../fixtures/scripted-server.ts';
import { callContext, rejection, sessionFor, TOKEN } from './session-helpers.ts';

let server: ScriptedServer;
beforeEach(async () => {
  server = await startScriptedServer(fakeSite);
});
afterEach(async () => {
  await server.close();
});

describe('validation', () => {
  it('pages.get: a wrong type names the field and what was expected, and sends nothing', async () => {
    const session = sessionFor(server);
    const error = await rejection(session.host['pages.get']!({ id: 42 }, callContext()));
    expect(error).toMatchObject({ name: 'ValidationError', code: 'VALIDATION', phase: 'runtime' });
    expect(error.message).toBe(
      'pages.get: invalid arguments: id: expected string, received number',
    );
    expect(error.details.issues).toEqual([
      { path: 'id', message: 'expected string, received number' },
    ]);
    expect(server.received).toHaveLength(0);
    expect(session.ledger()[0]).toMatchObject({
      status: 'error',
      error: { code: 'VALIDATION', phase: 'runtime' },
      args: { id: 42 },
    });
  });

  it('pages.create: missing and unknown fields are all reported', async () => {
    const session = sessionFor(server);
    const error = await rejection(
      session.host['pages.create']!({ spaceKey: 'ENG', titel: 'x' }, callContext()),
    );
    expect(error.message).toMatch(/^pages\.create: invalid arguments: /);
    expect(error.message).toContain('title: expected string, received undefined');
    expect(error.message).toContain('titel');
    expect(server.received).toHaveLength(0);
  });
});

describe('ledger', () => {
  it('pages.get: records args, status, HTTP status, retries, duration, size and the answer', async () => {
    let clock = 1_000;
    let attempts = 0;
    server.handle = (c, index, tools) => {
      attempts += 1;
      return index === 0
        ? c.json({ errors: [{ status: 503, code: 'SERVICE_UNAVAILABLE', title: 'busy' }] }, 503)
        : fakeSite(c, index, tools);
    };
    const session = sessionFor(server, { now: () => (clock += 5) });
    const page = await session.host['pages.get']!({ id: '3' }, callContext());
    expect(page).toEqual({ id: '3', title: 'Page 3', spaceId: '100' });
    expect(attempts).toBe(2);
    expect(session.ledger()).toEqual([
      {
        index: 0,
        operation: 'pages.get',
        kind: 'read',
        args: { id: '3' },
        status: 'ok',
        httpStatus: 200,
        retries: 1,
        durationMs: 5,
        responseBytes: JSON.stringify(page).length,
        response: page,
        startedAt: 1_005,
      },
    ]);
    expect(session.summary()).toEqual({ total: 1, reads: 1, writes: 0, retries: 1, failed: 0 });
  });

  it('pages.update: a write records its target; a Confluence error records status, code and phase', async () => {
    const session = sessionFor(server);
    await session.host['pages.update']!({ id: '5', title: 'T', version: 2 }, callContext());
    await session.host['pages.get']!({ id: '404' }, callContext(1)).catch(() => undefined);
    const [write, failed] = session.ledger();
    expect(write).toMatchObject({ kind: 'write', target: 'page 5', status: 'ok', httpStatus: 200 });
    expect(failed).toMatchObject({
      status: 'error',
      httpStatus: 404,
      error: { code: 'NOT_FOUND', status: 404, phase: 'confluence' },
    });
    expect(session.writes()).toEqual([
      { operation: 'pages.update', target: 'page 5', status: 'applied' },
    ]);
    expect(session.summary()).toMatchObject({ total: 2, reads: 1, writes: 1, failed: 1 });
  });

  it('ledger: parallel calls keep the order they were made in', async () => {
    const session = sessionFor(server);
    await Promise.all(
      ['3', '1', '2'].map((id, index) => session.host['pages.get']!({ id }, callContext(index))),
    );
    expect(
      session.ledger().map((record) => [record.index, (record.args as { id: string }).id]),
    ).toEqual([
      [0, '3'],
      [1, '1'],
      [2, '2'],
    ]);
  });

  it('ledger: no credential in any record, answer or error', async () => {
    server.handle = (c) =>
      new Response(`denied for ${c.req.header('authorization')}`, { status: 401 });
    const session = sessionFor(server);
    const error = await rejection(session.host['pages.get']!({ id: '1' }, callContext()));
    const basic = Buffer.from(`bot@example.com:${TOKEN}`).toString('base64');
    const everything = JSON.stringify({
      ledger: session.ledger(),
      error,
      message: error.message,
      summary: session.summary(),
    });
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain(basic);
  });

  it('pages.titleOf: a composite calls another operation through its context, ledgered once', async () => {
    const session = sessionFor(server);
    expect(await session.host['pages.titleOf']!({ id: '7' }, callContext())).toBe('Page 7');
    expect(await session.host['pages.titleOf']!({ id: '7' }, callContext(1))).toBe('Page 7');
    expect(server.received).toHaveLength(1);
    expect(session.ledger().map((record) => record.operation)).toEqual([
      'pages.titleOf',
      'pages.titleOf',
    ]);
  });

  it('cancellation: aborting the call context cancels the request', async () => {
    server.handle = async (c, _index, tools) => {
      await tools.sleep(5_000);
      return c.json({});
    };
    const session = sessionFor(server);
    const controller = new AbortController();
    const pending = session.host['pages.get']!(
      { id: '1' },
      callContext(0, controller.signal),
    ).catch((e) => e);
    setTimeout(() => controller.abort(), 50);
    expect(await pending).toMatchObject({ code: 'ABORTED', phase: 'confluence' });
    expect(session.ledger()[0]).toMatchObject({ status: 'error', error: { code: 'ABORTED' } });
  });
});
