/** `serve`, `mcp` and `emulator` as real child processes: they start, answer, and stop cleanly. */
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, createCliEnvironment, startCommand, waitForOutput } from './cli-process.ts';

function exited(child: ReturnType<typeof startCommand>): Promise<number | null> {
  return new Promise((resolve) => child.once('close', (code) => resolve(code)));
}

describe('confluence-workbench serve / mcp / emulator', () => {
  let environment: ReturnType<typeof createCliEnvironment>;
  beforeAll(() => {
    environment = createCliEnvironment();
  });
  afterAll(() => environment.remove());

  it('serve: announces the emulator, answers /healthz and /emulator, stops on SIGTERM with 0', async () => {
    const child = startCommand(['serve', '--port', '0'], environment.env);
    const done = exited(child);
    const announced = await waitForOutput(child.stdout!, /listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(announced).toContain('using the embedded emulator with demo data');
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(announced)![1]!;
    expect(await (await fetch(`${url}/healthz`)).json()).toMatchObject({
      status: 'ok',
      confluence: 'emulator',
    });
    const spaces = await fetch(`${url}/emulator/wiki/api/v2/spaces`, {
      headers: { authorization: `Basic ${btoa('demo@example.com:demo-token')}` },
    });
    expect(spaces.status).toBe(200);
    child.kill('SIGTERM');
    expect(await done).toBe(0);
  });

  it('mcp: a real MCP client runs code over stdio against the embedded emulator', async () => {
    const client = new Client(
      { name: 'cli-test', version: '1' },
      { versionNegotiation: { mode: 'auto' } },
    );
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [BIN, 'mcp'],
        env: environment.env as Record<string, string>,
        stderr: 'pipe',
      }),
    );
    const result = await client.callTool({
      name: 'run_code',
      arguments: { code: 'return (await confluence.spaces.list()).results.length;' },
    });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ status: 'ok', result: 3 });
    await client.close();
  });

  it('emulator: serves the demo site on the port it announces, stops on SIGINT with 0', async () => {
    const child = startCommand(['emulator', '--port', '0', '--seed', 'demo'], environment.env);
    const done = exited(child);
    const banner = await waitForOutput(
      child.stderr!,
      /Confluence emulator on http:\/\/127\.0\.0\.1:\d+/,
    );
    const url = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)![1]!;
    const spaces = await fetch(`${url}/wiki/api/v2/spaces`, {
      headers: { authorization: 'Bearer demo-token' },
    });
    expect(((await spaces.json()) as { results: unknown[] }).results).toHaveLength(3);
    child.kill('SIGINT');
    expect(await done).toBe(0);
  });
});
