/**
 * The service log through the real command: readable, colored lines on a terminal (pino-pretty),
 * JSON lines through a pipe. The terminal is a real pseudo-terminal, from util-linux `script`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, createCliEnvironment, startCommand, waitForOutput } from './cli-process.ts';

const HAS_SCRIPT = spawnSync('script', ['--version']).status === 0;
const LISTENING = /listening on http:\/\/127\.0\.0\.1:\d+/;

describe('confluence-workbench logs', () => {
  let environment: ReturnType<typeof createCliEnvironment>;
  beforeAll(() => {
    environment = createCliEnvironment();
  });
  afterAll(() => environment.remove());

  it('serve through a pipe: JSON lines', async () => {
    const child = startCommand(['serve', '--port', '0'], environment.env);
    const seen = await waitForOutput(child.stdout!, LISTENING);
    const closed = new Promise((resolve) => child.once('close', resolve));
    child.kill('SIGINT');
    await closed;
    const line = seen.split('\n').find((text) => LISTENING.test(text))!;
    expect(JSON.parse(line)).toMatchObject({ level: 30, confluence: 'emulator' });
  });

  it.skipIf(!HAS_SCRIPT)('serve on a terminal: pretty, colored lines', async () => {
    const command = `${process.execPath} ${BIN} serve --port 0`;
    const child = spawn('script', ['-qec', command, '/dev/null'], {
      env: environment.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const seen = await waitForOutput(child.stdout, LISTENING);
    const closed = new Promise((resolve) => child.once('close', resolve));
    child.kill('SIGTERM');
    await closed;
    const line = seen.split('\n').find((text) => LISTENING.test(text))!;
    const ESC = String.fromCharCode(27);
    expect(line).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] /);
    expect(line).toContain(`${ESC}[32mINFO${ESC}[39m: `);
    expect(() => JSON.parse(line)).toThrow();
  });
});
