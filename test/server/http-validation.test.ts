/**
 * The HTTP edge over real loopback sockets, part 2: body limits (413, with and without
 * Content-Length), malformed JSON and JSON-RPC, content types and methods. Raw fetches.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScriptedRuns } from './helpers/scripted-runs.ts';
import {
  LEGACY_INITIALIZE,
  rawPost,
  startTestService,
  type TestService,
} from './helpers/test-service.ts';

const KEY = 'test-key-0123456789';
const MAX_REQUEST_BYTES = 64 * 1024;
let service: TestService;
const runs = new ScriptedRuns(() => ({ result: 42 }));

beforeAll(async () => {
  service = await startTestService({
    runs,
    apiKeys: [KEY],
    service: { maxRequestBytes: MAX_REQUEST_BYTES },
  });
});
afterAll(() => service.close());

const INITIALIZE = LEGACY_INITIALIZE;
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  rawPost(service.url, KEY, path, body, headers);

describe('request validation', () => {
  const big = 'x'.repeat(MAX_REQUEST_BYTES + 1);

  it('POST /mcp: a body over the limit is a 413 JSON-RPC error', async () => {
    const response = await post('/mcp', { ...INITIALIZE, padding: big });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({
      error: { message: expect.stringContaining(`${MAX_REQUEST_BYTES} bytes`) },
    });
  });

  it('POST /v1/runs: a body over the limit is a 413 with a REST error body', async () => {
    const response = await post('/v1/runs', { code: big });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('POST /mcp: a chunked body over the limit (no Content-Length) is a 413 too', async () => {
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(
          new TextEncoder().encode(JSON.stringify({ ...INITIALIZE, padding: big })),
        );
        controller.close();
      },
    });
    const response = await fetch(`${service.url}/mcp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        authorization: `Bearer ${KEY}`,
      },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
  });

  it('POST /mcp: malformed JSON is a 400 parse error (-32700)', async () => {
    const response = await post('/mcp', '{"jsonrpc": "2.0", "id": 1, ');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      jsonrpc: '2.0',
      error: { code: -32700 },
      id: null,
    });
  });

  it('POST /mcp: JSON that is not JSON-RPC is rejected with a JSON-RPC error', async () => {
    const response = await post('/mcp', { hello: 'world' });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    const body = (await response.json()) as { error?: { code: number } };
    expect(body.error?.code).toBeLessThan(-32000 + 1);
  });

  it('POST /mcp: a text/plain body is a 415', async () => {
    const response = await post('/mcp', JSON.stringify(INITIALIZE), {
      'content-type': 'text/plain',
    });
    expect(response.status).toBe(415);
  });

  it('POST /v1/runs: a field of the wrong type says the type, not "required"', async () => {
    const wrongType = await post('/v1/runs', { code: 5 });
    expect(wrongType.status).toBe(400);
    const message = ((await wrongType.json()) as { error: { message: string } }).error.message;
    expect(message).toContain('body.code');
    expect(message).toMatch(/expected string, received number/);
    expect(message).not.toContain('required');
    const missing = await post('/v1/runs', {});
    expect(JSON.stringify(await missing.json())).toContain(
      'body.code: required: the TypeScript source to run',
    );
  });

  it('a known path asked with another method is a 405 with Allow; an unknown one a 404', async () => {
    const authorization = `Bearer ${KEY}`;
    const deleted = await fetch(`${service.url}/v1/runs`, {
      method: 'DELETE',
      headers: { authorization },
    });
    expect(deleted.status).toBe(405);
    expect(deleted.headers.get('allow')).toBe('GET, HEAD, POST');
    expect(await deleted.json()).toMatchObject({ error: { code: 'METHOD_NOT_ALLOWED' } });
    const put = await fetch(`${service.url}/v1/runs/run_x/replay`, {
      method: 'PUT',
      headers: { authorization },
    });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('POST');
    const unknown = await fetch(`${service.url}/v1/nothing`, { headers: { authorization } });
    expect(unknown.status).toBe(404);
  });

  it.each(['GET', 'DELETE'])(
    '%s /mcp: 405 (stateless: no standalone stream, no session to end)',
    async (method) => {
      const response = await fetch(`${service.url}/mcp`, {
        method,
        headers: { accept: 'text/event-stream', authorization: `Bearer ${KEY}` },
      });
      expect(response.status).toBe(405);
    },
  );
});
