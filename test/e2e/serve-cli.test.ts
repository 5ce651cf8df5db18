/**
 * `confluence-workbench serve` as a user starts it: the one-line announcement of the embedded
 * emulator, the refusal to listen beyond loopback without keys (exit 2), a clean stop on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'workbench-serve-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function serve(args: string[], env: Record<string, string> = {}) {
  return spawn(
    process.execPath,
    [path.join(root, 'bin/confluence-workbench.js'), 'serve', ...args],
    {
      cwd: root,
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: process.env['HOME'] ?? dataDir,
        WORKBENCH_DATA_DIR: dataDir,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
}

function collect(stream: NodeJS.ReadableStream): { text: () => string } {
  let text = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => (text += chunk));
  return { text: () => text };
}

describe('confluence-workbench serve', () => {
  it('serve: refuses a non-loopback host without API keys, with exit code 2 and what to set', async () => {
    const child = serve(['--host', '0.0.0.0', '--port', '0']);
    const stderr = collect(child.stderr);
    const stdout = collect(child.stdout);
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr.text() + stdout.text()).toContain('WORKBENCH_API_KEYS');
  }, 60_000);

  it('serve: announces the embedded emulator in one line, answers /healthz and /emulator, stops on SIGTERM', async () => {
    const child = serve(['--port', '0']);
    const stdout = collect(child.stdout);
    const deadline = Date.now() + 60_000;
    let announcement: { msg: string; url: string } | undefined;
    while (!announcement && Date.now() < deadline) {
      const line = stdout
        .text()
        .split('\n')
        .find((candidate) => candidate.includes('"url"'));
      if (line) announcement = JSON.parse(line) as { msg: string; url: string };
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(announcement?.msg).toMatch(
      /embedded emulator with demo data, also at http:\/\/127\.0\.0\.1:\d+\/emulator/,
    );
    const lines = stdout
      .text()
      .split('\n')
      .filter((line) => line.includes('emulator'));
    expect(lines).toHaveLength(1);
    const health = (await (await fetch(`${announcement!.url}/healthz`)).json()) as {
      confluence: string;
    };
    expect(health.confluence).toBe('emulator');
    const pages = await fetch(`${announcement!.url}/emulator/wiki/api/v2/pages?limit=1`, {
      headers: {
        authorization: `Basic ${Buffer.from('demo@example.com:demo-token').toString('base64')}`,
      },
    });
    expect(pages.status).toBe(200);
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
  }, 90_000);
});
