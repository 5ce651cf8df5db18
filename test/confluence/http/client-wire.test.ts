import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createConfluenceClient,
  type ConfluenceClientOptions,
} from '../../../src/confluence/http/client.ts';
import {
  SCRIPTED_EMAIL,
  SCRIPTED_TOKEN,
  scriptedClient,
  startScriptedServer,
  v1Error,
  v2Error,
  type ScriptedServer,
} from '../fixtures/scripted-server.ts';

const TOKEN = SCRIPTED_TOKEN;
const EMAIL = SCRIPTED_EMAIL;
let server: ScriptedServer;

beforeEach(async () => {
  server = await startScriptedServer();
});
afterEach(async () => {
  await server.close();
});

const client = (extra: Partial<ConfluenceClientOptions> = {}) => scriptedClient(server, extra);

describe('client auth and URLs', () => {
  it('basic: sends base64(email:token) to /wiki/api/v2 on the site form', async () => {
    await client().request({
      api: 'v2',
      method: 'GET',
      path: '/pages/1',
      query: { 'body-format': 'storage' },
    });
    const [request] = server.received;
    expect(request!.url).toBe('/wiki/api/v2/pages/1?body-format=storage');
    expect(request!.headers['authorization']).toBe(
      `Basic ${Buffer.from(`${EMAIL}:${TOKEN}`).toString('base64')}`,
    );
    expect(request!.headers['accept']).toBe('application/json');
  });

  it('bearer: sends the access token, v1 goes to /wiki/rest/api, arrays are comma-separated', async () => {
    await client({ auth: { kind: 'bearer', accessToken: TOKEN } }).request({
      api: 'v1',
      method: 'GET',
      path: '/search',
      query: { cql: 'type = page', expand: ['content.space', 'version'], skipped: undefined },
    });
    const [request] = server.received;
    expect(request!.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    expect(request!.url).toBe(
      '/wiki/rest/api/search?cql=type+%3D+page&expand=content.space%2Cversion',
    );
  });

  it('gateway: keeps the /ex/confluence/{cloudId} prefix on every request and on next links', async () => {
    const cloudId = '0a1b2c3d-cloud';
    server.handle = (c, index) =>
      index === 0
        ? c.json({
            results: [1],
            _links: {
              next: '/wiki/api/v2/pages?cursor=abc',
              base: 'https://acme.atlassian.net/wiki',
            },
          })
        : c.json({ results: [2], _links: {} });
    const gateway = client({
      baseUrl: `${server.url}/ex/confluence/${cloudId}`,
      auth: { kind: 'bearer', accessToken: TOKEN },
    });
    const first = await gateway.request({ api: 'v2', method: 'GET', path: '/pages' });
    expect(first.nextUrl).toBe('/wiki/api/v2/pages?cursor=abc');
    await gateway.request({ api: 'v2', method: 'GET', path: '/pages', nextUrl: first.nextUrl! });
    expect(server.received.map((request) => request.url)).toEqual([
      `/ex/confluence/${cloudId}/wiki/api/v2/pages`,
      `/ex/confluence/${cloudId}/wiki/api/v2/pages?cursor=abc`,
    ]);
  });

  it('next links: an absolute link on another host is brought back under the configured site', async () => {
    await client().request({
      api: 'v2',
      method: 'GET',
      path: '/pages',
      nextUrl: 'https://evil.example/wiki/api/v2/pages?cursor=x',
    });
    expect(server.received[0]!.url).toBe('/wiki/api/v2/pages?cursor=x');
  });

  it('paths: a path climbing out of the API root is refused before anything is sent', async () => {
    await expect(
      client().request({ api: 'v2', method: 'GET', path: '/pages/../../../admin' }),
    ).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
    });
    await expect(
      client().request({ api: 'v2', method: 'GET', path: '/pages/%2e%2e/%2e%2e/%2e%2e/x' }),
    ).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
    });
    expect(server.received).toHaveLength(0);
  });

  it('baseUrl: credentials in the URL are refused without echoing them', () => {
    expect(() =>
      createConfluenceClient({ baseUrl: `https://user:${TOKEN}@acme.atlassian.net` }),
    ).toThrow(/must not carry credentials/);
    try {
      createConfluenceClient({ baseUrl: `https://user:${TOKEN}@acme.atlassian.net` });
    } catch (error) {
      expect(String(error)).not.toContain(TOKEN);
    }
  });

  it('bodies: JSON bodies carry their content type; multipart uploads carry X-Atlassian-Token', async () => {
    await client().request({ api: 'v2', method: 'POST', path: '/pages', body: { title: 'Hi' } });
    await client().request({
      api: 'v1',
      method: 'POST',
      path: '/content/1/child/attachment',
      multipart: [
        {
          name: 'file',
          filename: 'a.txt',
          contentType: 'text/plain',
          data: new TextEncoder().encode('hello'),
        },
      ],
    });
    expect(server.received[0]!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(server.received[0]!.body)).toEqual({ title: 'Hi' });
    expect(server.received[1]!.headers['x-atlassian-token']).toBe('no-check');
    expect(server.received[1]!.body).toContain('hello');
  });
});

describe('client errors', () => {
  it('v2 body: status, Confluence code and title reach the error', async () => {
    server.handle = () =>
      v2Error(
        409,
        'CONFLICT',
        'Version must be incremented when updating a page. Current Version: [5]',
      );
    const error = await client()
      .request(
        { api: 'v2', method: 'PUT', path: '/pages/1', body: {} },
        { operation: 'pages.update' },
      )
      .catch((e) => e);
    expect(error).toMatchObject({
      name: 'ConfluenceError',
      status: 409,
      code: 'CONFLICT',
      phase: 'confluence',
    });
    expect(error.message).toBe(
      'pages.update: Confluence answered 409 CONFLICT: Version must be incremented when updating a page. Current Version: [5] (PUT /wiki/api/v2/pages/1)',
    );
    expect(error.details).toMatchObject({ operation: 'pages.update', method: 'PUT', retries: 0 });
    expect(error.details.hint).toMatch(/version/);
  });

  it('v1 body: the translation is the message and the code comes from the status', async () => {
    server.handle = () => v1Error(404, 'No space with key : NOPE');
    const error = await client()
      .request({ api: 'v1', method: 'GET', path: '/space/NOPE' })
      .catch((e) => e);
    expect(error).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(error.message).toContain('No space with key : NOPE');
  });

  it('text/plain and empty bodies are tolerated', async () => {
    server.handle = (_c, index) =>
      index === 0
        ? new Response('Basic authentication with passwords is deprecated.', {
            status: 401,
            headers: { 'content-type': 'text/plain' },
          })
        : new Response(null, { status: 404 });
    const unauthorized = await client()
      .request({ api: 'v2', method: 'GET', path: '/pages/1' })
      .catch((e) => e);
    expect(unauthorized).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    expect(unauthorized.message).toContain('Basic authentication with passwords is deprecated.');
    const empty = await client()
      .request({ api: 'v2', method: 'GET', path: '/pages/2' })
      .catch((e) => e);
    expect(empty).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('no credential appears in any error, even when the server echoes it back', async () => {
    const basic = Buffer.from(`${EMAIL}:${TOKEN}`).toString('base64');
    server.handle = (c) =>
      new Response(`bad header ${c.req.header('authorization')} token=${TOKEN}`, { status: 401 });
    for (const auth of [
      { kind: 'basic', email: EMAIL, apiToken: TOKEN },
      { kind: 'bearer', accessToken: TOKEN },
    ] as const) {
      const error = await client({ auth })
        .request({ api: 'v2', method: 'GET', path: '/pages/1' })
        .catch((e) => e);
      const everything = `${error.message} ${error.stack} ${JSON.stringify(error)} ${JSON.stringify(error.details)}`;
      expect(everything).not.toContain(TOKEN);
      expect(everything).not.toContain(basic);
      expect(everything).toContain('[redacted]');
    }
  });

  it('success bodies: JSON parsed, 204 undefined, binary kept as bytes', async () => {
    server.handle = (c, index) =>
      [
        () => c.json({ id: '1' }),
        () => c.body(null, 204),
        () =>
          new Response(new Uint8Array([1, 2, 3]), {
            headers: { 'content-type': 'application/octet-stream' },
          }),
      ][index]!();
    const c1 = client();
    expect((await c1.request({ api: 'v2', method: 'GET', path: '/pages/1' })).body).toEqual({
      id: '1',
    });
    expect(
      (await c1.request({ api: 'v2', method: 'DELETE', path: '/pages/1' })).body,
    ).toBeUndefined();
    expect((await c1.request({ api: 'v1', method: 'GET', path: '/x' })).body).toEqual(
      new Uint8Array([1, 2, 3]),
    );
  });
});
