/**
 * A request over the body limit is answered 413 and its connection ends cleanly, so that the
 * client's next call (on the keep-alive pool fetch uses) works. Real fetch (undici) over loopback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScriptedRuns } from './helpers/scripted-runs.ts';
import {
  LEGACY_INITIALIZE,
  rawPost,
  startTestService,
  type TestService,
} from './helpers/test-service.ts';

const KEY = 'body-limit-key-0123';
const LIMIT = 64 * 1024;
let service: TestService;

beforeAll(async () => {
  service = await startTestService({
    runs: new ScriptedRuns(() => ({ result: 'fine' })),
    apiKeys: [KEY],
    service: { maxRequestBytes: LIMIT },
  });
});
afterAll(() => service.close());

const oversized = { code: `return ${JSON.stringify('x'.repeat(LIMIT * 4))};` };

describe('body limit', () => {
  it.each([
    ['/v1/runs', { code: 'return 1' }],
    ['/mcp', LEGACY_INITIALIZE],
  ])(
    'POST %s over the limit: 413 that closes its connection; the next call on the pool succeeds',
    async (path, small) => {
      for (let attempt = 0; attempt < 5; attempt++) {
        const refused = await rawPost(service.url, KEY, path, oversized);
        expect(refused.status).toBe(413);
        expect(refused.headers.get('connection')).toBe('close');
        await refused.arrayBuffer();
        const next = await rawPost(service.url, KEY, path, small);
        expect(next.status).toBe(200);
        await next.arrayBuffer();
      }
    },
  );

  it('POST /v1/runs over the limit without Content-Length (chunked): 413, and the next call succeeds', async () => {
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let index = 0; index < 8; index++)
          controller.enqueue(new Uint8Array(LIMIT / 2).fill(0x20));
        controller.close();
      },
    });
    const refused = await fetch(`${service.url}/v1/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    expect(refused.status).toBe(413);
    await refused.arrayBuffer();
    const next = await rawPost(service.url, KEY, '/v1/runs', { code: 'return 1' });
    expect(next.status).toBe(200);
  });
});
