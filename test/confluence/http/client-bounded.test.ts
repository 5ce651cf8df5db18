import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createConfluenceClient,
  type ConfluenceClientOptions,
} from '../../../src/confluence/http/client.ts';
import { ConfluenceError } from '../../../src/confluence/http/errors.ts';
import { createResponseBudget } from '../../../src/confluence/http/response-budget.ts';
import { downloadAttachment } from '../../../src/confluence/operations/attachments.ts';
import type { OperationContext } from '../../../src/confluence/operation.ts';
import {
  type RawServer,
  type StreamResult,
  startRawServer,
  streamBody,
} from '../fixtures/raw-server.ts';
import { SCRIPTED_EMAIL, SCRIPTED_TOKEN } from '../fixtures/scripted-server.ts';

const MiB = 1024 * 1024;
/** The answer the issue describes: read whole, it added 1-2 GB to the service. */
const HUGE_BYTES = 300 * MiB;

let server: RawServer;
beforeEach(async () => {
  server = await startRawServer();
});
afterEach(async () => {
  await server.close();
});

function client(extra: Partial<ConfluenceClientOptions> = {}) {
  return createConfluenceClient({
    baseUrl: server.url,
    auth: { kind: 'basic', email: SCRIPTED_EMAIL, apiToken: SCRIPTED_TOKEN },
    retry: { maxRetries: 0 },
    limits: { requestsPerInterval: Infinity },
    ...extra,
  });
}

async function failure(promise: Promise<unknown>): Promise<ConfluenceError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(Error);
  return error as ConfluenceError;
}

/** Serves `/wiki/api/v2/pages` as a JSON answer of `bytes`, chunked or with a Content-Length. */
function serveHugeJson(bytes: number, declareLength: boolean): Promise<StreamResult> {
  return new Promise((resolve) => {
    server.handle = async (_request, response) => {
      response.writeHead(200, {
        'content-type': 'application/json',
        ...(declareLength ? { 'content-length': String(bytes) } : {}),
      });
      resolve(await streamBody(response, bytes));
    };
  });
}

function downloadContext(extra: Partial<ConfluenceClientOptions>): OperationContext {
  const wire = client(extra);
  return {
    request: (spec) => wire.request(spec, { operation: 'attachments.download' }),
    call: () => Promise.reject(new Error('not used')),
    signal: new AbortController().signal,
  };
}

describe('bounded answers', () => {
  it('cap: a 300 MB JSON answer (chunked) is stopped at the cap and its connection dropped', async () => {
    const streamed = serveHugeJson(HUGE_BYTES, false);
    const error = await failure(
      client({ maxResponseBytes: 2 * MiB }).request({ api: 'v2', method: 'GET', path: '/pages' }),
    );
    expect(error.code).toBe('RESPONSE_TOO_LARGE');
    expect(error.message).toContain(`over the limit of ${2 * MiB} bytes`);
    expect(error.message).toMatch(/\d+ bytes had arrived when the connection was dropped/);
    const { sentBytes, cutShort } = await streamed;
    expect(cutShort).toBe(true);
    // Socket buffers let a few MB more leave the server; nowhere near the 300 MB.
    expect(sentBytes).toBeLessThan(32 * MiB);
  });

  it('cap: an answer declaring 300 MB is refused before its body is read', async () => {
    const streamed = serveHugeJson(HUGE_BYTES, true);
    const error = await failure(
      client({ maxResponseBytes: 2 * MiB }).request({ api: 'v2', method: 'GET', path: '/pages' }),
    );
    expect(error.code).toBe('RESPONSE_TOO_LARGE');
    expect(error.message).toContain(`it declares ${HUGE_BYTES} bytes`);
    expect((await streamed).sentBytes).toBeLessThan(32 * MiB);
  });

  it('cap: the default cap holds without any option, and the client answers the next call', async () => {
    const streamed = serveHugeJson(HUGE_BYTES, false);
    const wire = client();
    const error = await failure(wire.request({ api: 'v2', method: 'GET', path: '/pages' }));
    expect(error.code).toBe('RESPONSE_TOO_LARGE');
    expect(error.message).toContain(`over the limit of ${32 * MiB} bytes`);
    expect((await streamed).sentBytes).toBeLessThan(96 * MiB);
    server.handle = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"results":[]}');
    };
    const next = await wire.request({ api: 'v2', method: 'GET', path: '/pages' });
    expect(next.body).toEqual({ results: [] });
  });

  it('error bodies: a 300 MB error page is read only far enough for its message', async () => {
    let streamed: Promise<StreamResult> | undefined;
    server.handle = (_request, response) => {
      response.writeHead(500, { 'content-type': 'text/plain' });
      streamed = streamBody(response, HUGE_BYTES, 'e');
    };
    const error = await failure(client().request({ api: 'v2', method: 'GET', path: '/pages/1' }));
    expect(error.code).toBe('INTERNAL_SERVER_ERROR');
    expect(error.message).toContain('eeee');
    expect((await streamed!).sentBytes).toBeLessThan(32 * MiB);
  });

  it('attachments.download: maxBytes past the server cap is held to the cap; the file stops there', async () => {
    let streamed: Promise<StreamResult> | undefined;
    server.handle = (request, response) => {
      if (request.url!.includes('/child/attachment/')) {
        response.writeHead(302, { location: '/wiki/download/attachments/1/big.bin' });
        response.end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      streamed = streamBody(response, HUGE_BYTES);
    };
    const context = downloadContext({ maxResponseBytes: 2 * MiB });
    const error = (await failure(
      downloadAttachment.execute!(
        { contentId: '1', attachmentId: 'att1', maxBytes: 1_000_000_000 },
        context,
      ),
    )) as unknown as { code: string; message: string };
    expect(error.code).toBe('ATTACHMENT_TOO_LARGE');
    expect(error.message).toContain('maxBytes 1000000000');
    expect(error.message).toContain(`over the limit of ${2 * MiB} bytes`);
    expect((await streamed!).sentBytes).toBeLessThan(32 * MiB);
  });

  it('attachments.download: a file within maxBytes follows the 302 inside the site and arrives whole', async () => {
    server.handle = (request, response) => {
      if (request.url!.includes('/child/attachment/')) {
        response.writeHead(302, { location: `${server.url}/wiki/download/attachments/1/a.txt` });
        response.end();
        return;
      }
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end('hello file');
    };
    const file = await downloadAttachment.execute!(
      { contentId: '1', attachmentId: 'att1' },
      downloadContext({}),
    );
    expect(file).toMatchObject({ encoding: 'text', data: 'hello file', sizeBytes: 10 });
    expect(server.received.map((request) => request.url)).toEqual([
      '/wiki/rest/api/content/1/child/attachment/att1/download',
      '/wiki/download/attachments/1/a.txt',
    ]);
  });
});

describe('bytes in flight across clients', () => {
  it('budget: answers that declare their length wait for room instead of piling up', async () => {
    const budget = createResponseBudget(1 * MiB);
    const size = 600 * 1024;
    const releases: Array<() => void> = [];
    server.handle = (_request, response) => {
      response.writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-length': String(size),
      });
      // Half now, the rest when the test says so.
      response.write(Buffer.alloc(size / 2, 'a'));
      releases.push(() => response.end(Buffer.alloc(size / 2, 'b')));
    };
    const [a, b] = [client({ responseBudget: budget }), client({ responseBudget: budget })];
    const first = a.request({ api: 'v1', method: 'GET', path: '/one' });
    await vi.waitFor(() => expect(budget.stats().heldBytes).toBe(size));
    const second = b.request({ api: 'v1', method: 'GET', path: '/two' });
    // The second answer's headers are in; it waits for room rather than read 600 KiB more.
    await vi.waitFor(() => expect(budget.stats().waiting).toBe(1));
    expect(budget.stats().heldBytes).toBe(size);
    releases[0]!();
    await vi.waitFor(() => expect(releases).toHaveLength(2));
    releases[1]!();
    const answers = await Promise.all([first, second]);
    expect(answers.map((answer) => (answer.body as Uint8Array).byteLength)).toEqual([size, size]);
    expect(budget.stats()).toMatchObject({ heldBytes: 0, waiting: 0 });
    expect(budget.stats().peakHeldBytes).toBeLessThanOrEqual(1 * MiB);
  });

  it('budget: answers of unknown length that outgrow the room fail clearly, quoting the limit', async () => {
    const budget = createResponseBudget(1 * MiB);
    const half = 400 * 1024;
    const rests: Array<() => void> = [];
    server.handle = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      response.write(Buffer.alloc(half, 'a'));
      rests.push(() => response.end(Buffer.alloc(half, 'b')));
    };
    const wire = client({ responseBudget: budget });
    const calls = [
      wire.request({ api: 'v1', method: 'GET', path: '/one' }),
      wire.request({ api: 'v1', method: 'GET', path: '/two' }),
    ].map((call) =>
      call.then(
        (answer) => answer,
        (error: unknown) => error,
      ),
    );
    // Both answers are half read (800 KiB held); the second halves cannot both fit in 1 MiB.
    await vi.waitFor(() => expect(budget.stats().heldBytes).toBe(2 * half));
    for (const rest of rests) rest();
    const outcomes = await Promise.all(calls);
    const failed = outcomes.filter((outcome) => outcome instanceof ConfluenceError);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ code: 'RESPONSE_MEMORY_LIMIT' });
    expect(failed[0]!.message).toContain(`over the limit of ${1 * MiB} bytes in flight`);
    expect(budget.stats()).toMatchObject({ heldBytes: 0, waiting: 0 });
  });

  it('budget: a waiting answer is dropped from the queue when its call is cancelled', async () => {
    const budget = createResponseBudget(100);
    await budget.acquire(100);
    const controller = new AbortController();
    const waiting = budget.acquire(50, controller.signal);
    expect(budget.stats().waiting).toBe(1);
    controller.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
    expect(budget.stats().waiting).toBe(0);
    budget.release(100);
    expect(budget.tryAcquire(100)).toBe(true);
  });
});
