/**
 * MCP over stdio spoken raw, as a careless or hostile client would: a line that is not JSON is
 * answered with a JSON-RPC -32700 parse error (as /mcp answers over HTTP), a JSON value that is
 * not a JSON-RPC message with -32600, and the server keeps serving; a cancellation naming another
 * request id leaves the running call alone. A real child process over pipes.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const entry = path.join(here, 'fixtures/stdio-server.ts');

interface RawServer {
  child: ChildProcess;
  send(line: string): void;
  /** The next message on stdout matching `predicate`. */
  next(predicate: (message: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  stderr(): string;
}

let server: RawServer | undefined;
afterEach(() => {
  server?.child.kill('SIGKILL');
  server = undefined;
});

function startRaw(): RawServer {
  const child = spawn(process.execPath, ['--no-node-snapshot', entry], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const received: Array<Record<string, unknown>> = [];
  const waiters: Array<() => void> = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    received.push(JSON.parse(line) as Record<string, unknown>);
    for (const wake of waiters.splice(0)) wake();
  });
  return {
    child,
    send: (line) => child.stdin!.write(`${line}\n`),
    async next(predicate) {
      for (;;) {
        const index = received.findIndex(predicate);
        if (index !== -1) return received.splice(index, 1)[0]!;
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
    stderr: () => stderr,
  };
}

const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: {
    protocolVersion: '2025-11-25',
    capabilities: {},
    clientInfo: { name: 'raw', version: '1' },
  },
};

async function initialized(raw: RawServer): Promise<void> {
  raw.send(JSON.stringify(INITIALIZE));
  await raw.next((message) => message['id'] === 1);
  raw.send(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));
}

describe('stdio protocol edges', () => {
  it('stdio: a malformed line is answered with -32700, a non-message with -32600, and serving goes on', async () => {
    server = startRaw();
    server.send('{"jsonrpc": "2.0", "id": 1, "method": ');
    expect(await server.next((message) => message['id'] === null)).toMatchObject({
      jsonrpc: '2.0',
      id: null,
      error: { code: -32700, message: expect.stringMatching(/^Parse error/) },
    });
    server.send('42');
    expect(await server.next((message) => message['id'] === null)).toMatchObject({
      error: { code: -32600 },
    });
    server.send('{"jsonrpc": "1.0", "id": 5, "method": "ping"}');
    expect(await server.next((message) => message['id'] === 5)).toMatchObject({
      error: { code: -32600 },
    });
    await initialized(server);
    server.send(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }));
    const listed = await server.next((message) => message['id'] === 2);
    expect(listed).toHaveProperty('result.tools');
  });

  it('stdio: a cancellation naming another request id leaves the running call alone', async () => {
    server = startRaw();
    await initialized(server);
    const call = (id: number, code: string) =>
      server!.send(
        JSON.stringify({
          jsonrpc: '2.0',
          id,
          method: 'tools/call',
          params: { name: 'run_code', arguments: { code } },
        }),
      );
    call(7, 'wait');
    while (!server.stderr().includes('run started'))
      await new Promise((resolve) => setTimeout(resolve, 20));
    server.send(
      JSON.stringify({
        jsonrpc: '2.0',
        method: 'notifications/cancelled',
        params: { requestId: 8 },
      }),
    );
    // Messages are handled in order: once this ping is answered, the cancellation was handled.
    server.send(JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'ping' }));
    await server.next((message) => message['id'] === 9);
    expect(server.stderr()).not.toContain('run aborted');
    server.send(
      JSON.stringify({
        jsonrpc: '2.0',
        method: 'notifications/cancelled',
        params: { requestId: 7 },
      }),
    );
    while (!server.stderr().includes('run aborted'))
      await new Promise((resolve) => setTimeout(resolve, 20));
  });
});
