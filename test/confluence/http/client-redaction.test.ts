import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import type { ConfluenceClientOptions } from '../../../src/confluence/http/client.ts';
import { MAX_ERROR_BODY_BYTES } from '../../../src/confluence/http/response-error.ts';
import { MAX_ERROR_MESSAGE_CHARS } from '../../../src/confluence/http/error-body.ts';
import { createWorkbench, type Workbench } from '../../../src/workbench.ts';
import {
  SCRIPTED_EMAIL,
  SCRIPTED_TOKEN,
  scriptedClient,
  startScriptedServer,
  type ScriptedServer,
} from '../fixtures/scripted-server.ts';

const TOKEN = SCRIPTED_TOKEN;
const BASIC = Buffer.from(`${SCRIPTED_EMAIL}:${TOKEN}`).toString('base64');

/** Every piece of the token or the header at least this long is a leak. */
const LEAK_CHARS = 8;

function leaks(text: string): string[] {
  const found: string[] = [];
  for (const secret of [TOKEN, BASIC])
    for (let start = 0; start + LEAK_CHARS <= secret.length; start++) {
      const piece = secret.slice(start, start + LEAK_CHARS);
      if (text.includes(piece)) found.push(piece);
    }
  return found;
}

let server: ScriptedServer;
beforeEach(async () => {
  server = await startScriptedServer();
});
afterEach(async () => {
  await server.close();
});

/** The error a call fails with (the test fails if it succeeds). */
async function failed(call: Promise<unknown>): Promise<Error> {
  const outcome = await call.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(Error);
  return outcome as Error;
}

const client = (extra: Partial<ConfluenceClientOptions> = {}) => scriptedClient(server, extra);

describe('redaction before cutting', () => {
  it.each([0, 3, 10, 20])(
    'error text: a token straddling the %i-character mark before the cut leaves no part behind',
    async (before) => {
      const lead = 'x'.repeat(MAX_ERROR_MESSAGE_CHARS - before);
      server.handle = () => Response.json({ message: `${lead}${TOKEN} and more` }, { status: 400 });
      const error = await failed(client().request({ api: 'v2', method: 'GET', path: '/pages/1' }));
      expect(error.message).toContain('xxxx');
      expect(leaks(`${error.message} ${JSON.stringify(error)}`)).toEqual([]);
    },
  );

  it('error text: an HTML error page quoting the header is redacted before it is cut', async () => {
    server.handle = (c) =>
      new Response(
        `<html><body><p>${'y'.repeat(470)}</p><pre>${c.req.header('authorization')}</pre></body></html>`,
        { status: 502, headers: { 'content-type': 'text/html' } },
      );
    const error = await failed(client().request({ api: 'v2', method: 'GET', path: '/pages/1' }));
    expect(leaks(error.message)).toEqual([]);
  });

  it('error text: a token cut where the error body stops being read leaves no part behind', async () => {
    // 64 KiB of markup (nothing once tags are stripped), then the token across the read limit.
    const markup = '<i></i>'.repeat(Math.floor((MAX_ERROR_BODY_BYTES - 12) / 7));
    server.handle = () =>
      new Response(`<html>${markup}${TOKEN}</html>`, {
        status: 500,
        headers: { 'content-type': 'text/html' },
      });
    const error = await failed(
      client({ retry: { maxRetries: 0 } }).request({ api: 'v2', method: 'GET', path: '/pages/1' }),
    );
    expect(error).toMatchObject({ status: 500 });
    expect(leaks(error.message)).toEqual([]);
  });

  it('invalid JSON: the quoted start of the body is redacted before it is cut', async () => {
    server.handle = () =>
      new Response(`${'z'.repeat(60)}${TOKEN}`, {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    const error = await failed(client().request({ api: 'v2', method: 'GET', path: '/pages/1' }));
    expect(error).toMatchObject({ code: 'INVALID_RESPONSE' });
    expect(leaks(error.message)).toEqual([]);
  });
});

describe('success bodies', () => {
  it('a 2xx echoing the Authorization header, the token or the base64 reaches the caller redacted', async () => {
    server.handle = (c) => {
      const json = JSON.stringify({
        headers: { authorization: c.req.header('authorization') },
        token: TOKEN,
        [`key-${TOKEN}`]: ['nested', { deeper: `Basic ${BASIC}` }],
      });
      // The same token again, written with a JSON escape no text search would match.
      const escaped = `"${TOKEN.replace('-', '\\u002d')}"`;
      return new Response(`${json.slice(0, -1)},"escaped":${escaped}}`, {
        headers: { 'content-type': 'application/json' },
      });
    };
    const response = await client().request({ api: 'v2', method: 'GET', path: '/pages/1' });
    expect(leaks(JSON.stringify(response.body))).toEqual([]);
    expect(response.body).toMatchObject({
      headers: { authorization: 'Basic [redacted]' },
      token: '[redacted]',
      escaped: '[redacted]',
      'key-[redacted]': ['nested', { deeper: 'Basic [redacted]' }],
    });
  });

  it('a text/plain 2xx echo is redacted too', async () => {
    server.handle = (c) => new Response(`you sent ${c.req.header('authorization')}`);
    const response = await client().request({ api: 'v1', method: 'GET', path: '/echo' });
    expect(response.body).toBe('you sent Basic [redacted]');
  });
});

describe('success bodies through a run', () => {
  let workbench: Workbench;
  let site: ScriptedServer;
  beforeAll(async () => {
    site = await startScriptedServer((c) =>
      Response.json({
        id: '1',
        status: 'current',
        title: `echo ${c.req.header('authorization')}`,
        spaceId: '1',
        version: { number: 1 },
        body: { storage: { value: `<p>${TOKEN}</p>`, representation: 'storage' } },
      }),
    );
    const config = loadConfig({
      CONFLUENCE_BASE_URL: site.url,
      CONFLUENCE_EMAIL: SCRIPTED_EMAIL,
      CONFLUENCE_API_TOKEN: TOKEN,
    });
    workbench = await createWorkbench(config, {
      runsDatabase: ':memory:',
      sandbox: { workers: 1 },
    });
  });
  afterAll(async () => {
    await workbench.close();
    await site.close();
  });

  it("a run's answer, logs and stored trace never hold the echoed credential", async () => {
    const envelope = await workbench.runs.execute({
      code: `const page = await confluence.pages.get('1', { bodyFormat: 'storage' });
console.log(page.title, JSON.stringify(page.body));
return page;`,
      source: 'test',
    });
    expect(envelope.status).toBe('ok');
    expect(JSON.stringify(envelope)).toContain('[redacted]');
    const stored = await workbench.runs.getRun(envelope.runId);
    const everything = JSON.stringify(envelope) + JSON.stringify(stored);
    expect(everything).toContain('Basic [redacted]');
    expect(leaks(everything)).toEqual([]);
  });
});
