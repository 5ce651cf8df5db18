/**
 * The HTTP edge over real loopback sockets, part 1: bearer keys (401 + WWW-Authenticate, no OAuth
 * metadata) and DNS-rebinding protection (Host/Origin → 403). Requests are raw fetches so that
 * every header and status is what a client would see.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScriptedRuns } from './helpers/scripted-runs.ts';
import {
  connectLegacy,
  connectModern,
  LEGACY_INITIALIZE,
  rawPost,
  startTestService,
  type TestService,
} from './helpers/test-service.ts';

const KEY = 'test-key-0123456789';
const OTHER_KEY = 'second-key-abcdef';
let service: TestService;
const runs = new ScriptedRuns(() => ({ result: 42 }));

beforeAll(async () => {
  service = await startTestService({
    runs,
    apiKeys: [KEY, OTHER_KEY],
  });
});
afterAll(() => service.close());

const INITIALIZE = LEGACY_INITIALIZE;
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  rawPost(service.url, KEY, path, body, headers);

describe('authentication', () => {
  it.each(['/mcp', '/v1/runs'])(
    'POST %s: no key is a 401 with a plain Bearer challenge',
    async (path) => {
      const response = await post(path, INITIALIZE, { authorization: '' });
      expect(response.status).toBe(401);
      const challenge = response.headers.get('www-authenticate')!;
      expect(challenge).toMatch(/^Bearer realm="confluence-workbench"$/);
      expect(challenge).not.toContain('resource_metadata');
    },
  );

  it('POST /mcp: a wrong key is a 401 with error="invalid_token" and a JSON-RPC body', async () => {
    const response = await post('/mcp', INITIALIZE, { authorization: 'Bearer wrong' });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect(await response.json()).toMatchObject({
      jsonrpc: '2.0',
      error: { code: -32001 },
      id: null,
    });
  });

  it('GET /v1/runs and /metrics: 401 without a key, 200 with either configured key', async () => {
    for (const path of ['/v1/runs', '/metrics']) {
      expect((await fetch(`${service.url}${path}`)).status).toBe(401);
      for (const key of [KEY, OTHER_KEY]) {
        expect(
          (await fetch(`${service.url}${path}`, { headers: { authorization: `Bearer ${key}` } }))
            .status,
        ).toBe(200);
      }
    }
  });

  it('GET /healthz: open without a key (for load balancers), and says nothing secret', async () => {
    const response = await fetch(`${service.url}/healthz`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ status: 'ok', confluence: 'emulator' });
    expect(JSON.stringify(body)).not.toContain(KEY);
  });

  it.each([
    '/.well-known/oauth-protected-resource',
    '/.well-known/oauth-protected-resource/mcp',
    '/.well-known/oauth-authorization-server',
    '/.well-known/openid-configuration',
  ])('GET %s: no OAuth metadata is published (404)', async (path) => {
    const response = await fetch(`${service.url}${path}`);
    expect(response.status).toBe(404);
  });

  it('MCP clients: both eras connect with the key in the Authorization header, and fail without it', async () => {
    for (const connect of [connectModern, connectLegacy]) {
      const client = await connect(service.mcpUrl, OTHER_KEY);
      expect((await client.listTools()).tools.length).toBe(3);
      await client.close();
      await expect(connect(service.mcpUrl)).rejects.toThrow();
    }
  });

  it('logs: never contain a key', async () => {
    await post('/v1/runs', { code: 'return 1' });
    expect(JSON.stringify(service.logs)).not.toContain(KEY);
    expect(JSON.stringify(service.logs)).not.toContain(OTHER_KEY);
  });
});

describe('DNS-rebinding protection', () => {
  it.each(['/mcp', '/v1/runs'])('POST %s: a foreign Origin is refused with 403', async (path) => {
    const response = await post(path, INITIALIZE, { origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    const body = JSON.stringify(await response.json());
    expect(body).toContain('Origin');
    expect(body).toContain('WORKBENCH_ALLOWED_ORIGINS');
  });

  it('POST /mcp: a localhost Origin is accepted', async () => {
    const response = await post('/mcp', INITIALIZE, { origin: 'http://localhost:5173' });
    expect(response.status).toBe(200);
  });

  it('POST /mcp: a foreign Host header (a rebound DNS name) is refused with 403', async () => {
    // fetch() forbids overriding Host, so speak HTTP/1.1 by hand.
    const { request } = await import('node:http');
    const outcome = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${service.url}/mcp`, {
        method: 'POST',
        headers: {
          host: 'attacker.example',
          'content-type': 'application/json',
          authorization: `Bearer ${KEY}`,
        },
      });
      req.on('response', (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode!, body }));
      });
      req.on('error', reject);
      req.end(JSON.stringify(INITIALIZE));
    });
    expect(outcome.status).toBe(403);
    // The refusal names the setting that would admit the host.
    expect(outcome.body).toContain('WORKBENCH_ALLOWED_HOSTS');
  });
});
