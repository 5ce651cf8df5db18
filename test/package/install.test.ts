/**
 * The installable product: `npm pack`, then a global install of the tarball into a temporary
 * prefix with no dependency install script (scripts/package.sh, as the Dockerfile does), then the
 * installed command on a PATH with Node 24 and nothing of the checkout: --version, a script
 * against the embedded emulator, serve with the container's healthcheck, MCP over stdio, init and
 * the one-line refusal of an older Node.
 */
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunEnvelope } from '../../src/runs/types.ts';
import {
  ROOT,
  findOldNode,
  installedEnvironment,
  packAndInstall,
  runProgram,
  type InstalledPackage,
} from './installed-package.ts';

const INSTALL_TIMEOUT_MS = 300_000;
/** Each command starts a Node process, and most a sandbox: generous on a loaded 2-core CI machine. */
const COMMAND_TIMEOUT_MS = 120_000;
const VERSION = (
  JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }
).version;

describe('the installed package', { timeout: COMMAND_TIMEOUT_MS }, () => {
  let installed: InstalledPackage;
  let env: NodeJS.ProcessEnv;
  const command = (args: string[], input?: string, cwd = installed.scratch) =>
    runProgram('confluence-workbench', args, { env, cwd, input });

  beforeAll(async () => {
    installed = await packAndInstall();
    env = installedEnvironment(installed);
  }, INSTALL_TIMEOUT_MS);
  afterAll(() => installed?.remove());

  it('holds the built JavaScript and its assets, not the sources or the pinned runtime', () => {
    const top = readdirSync(installed.packageDirectory).sort();
    expect(top).toEqual(['README.md', 'bin', 'dist', 'node_modules', 'package.json', 'scripts']);
    const dist = path.join(installed.packageDirectory, 'dist');
    for (const asset of [
      'sdk-stubs/confluence.d.ts',
      'sdk-stubs/globals.d.ts',
      'sdk-stubs/prelude.generated.js',
      'src/emulator/cql/cql.peggy',
      'src/cli/main.js',
      'sandbox/worker/worker-main.js',
    ])
      expect(existsSync(path.join(dist, asset)), asset).toBe(true);
    expect(existsSync(path.join(dist, 'src/cli/main.ts'))).toBe(false);
    // The `node` package's install script would not run; the command uses the Node on PATH.
    expect(existsSync(path.join(installed.packageDirectory, 'node_modules/node'))).toBe(false);
  });

  it('--version: prints the package version', async () => {
    const outcome = await command(['--version']);
    expect(outcome).toMatchObject({ code: 0, stdout: `${VERSION}\n` });
  });

  it('run: a script against the embedded emulator, and a type error caught before it runs', async () => {
    const ok = await command(
      ['run', '-'],
      'return (await confluence.spaces.list()).results.map((s) => s.key).sort();',
    );
    expect(ok.stderr).toContain(' ok in ');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual(['ENG', 'HR', 'MKT']);

    const typo = await command(['run', '-', '--json'], 'return await confluence.pages.gett("1");');
    expect(typo.code).toBe(1);
    const envelope = JSON.parse(typo.stdout) as RunEnvelope;
    expect(envelope.error).toMatchObject({ phase: 'typecheck', line: 1 });
    expect(envelope.error?.message).toContain('gett');
  });

  it('serve: answers /healthz, passes the container healthcheck, stops on SIGTERM', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn('confluence-workbench', ['serve', '--port', '0'], {
      env,
      cwd: installed.scratch,
    });
    const closed = new Promise<number | null>((resolve) => child.once('close', resolve));
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening on (http:\/\/127\.0\.0\.1:(\d+))/.exec(output);
        if (match) resolve(match[1]!);
      });
      child.once('close', () => reject(new Error(`serve ended early: ${output}`)));
    });
    const port = new URL(url).port;
    expect(await (await fetch(`${url}/healthz`)).json()).toMatchObject({ status: 'ok' });
    const healthcheck = path.join(installed.packageDirectory, 'scripts/healthcheck.js');
    const healthy = await runProgram('node', [healthcheck], {
      env: { ...env, WORKBENCH_PORT: port },
      cwd: installed.scratch,
    });
    expect(healthy.code).toBe(0);
    child.kill('SIGTERM');
    expect(await closed).toBe(0);
    const down = await runProgram('node', [healthcheck], {
      env: { ...env, WORKBENCH_PORT: port },
      cwd: installed.scratch,
    });
    expect(down.code).toBe(1);
    expect(down.stderr).toContain(`no answer on port ${port}`);
  });

  it('mcp: tools/list over stdio, and describe_sdk reads the packaged model types', async () => {
    const client = new Client({ name: 'package-test', version: '1' });
    await client.connect(
      new StdioClientTransport({
        command: 'confluence-workbench',
        args: ['mcp'],
        env: env as Record<string, string>,
        cwd: installed.scratch,
        stderr: 'pipe',
      }),
    );
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual(
        expect.arrayContaining(['run_code', 'describe_sdk', 'read_result']),
      );
      const described = await client.callTool({
        name: 'describe_sdk',
        arguments: { query: 'pages.get' },
      });
      expect(JSON.stringify(described.content)).toContain('interface Page {');
    } finally {
      await client.close();
    }
  });

  it('init: the scaffold type-checks and its example runs', async () => {
    const folder = path.join(installed.scratch, 'scripts');
    await mkdir(folder);
    expect((await command(['init'], undefined, folder)).code).toBe(0);
    const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
    const checked = await runProgram('node', [tsc, '-p', folder], { env, cwd: folder });
    expect(checked.stdout + checked.stderr).toBe('');
    expect(checked.code).toBe(0);
    const example = await command(['run', 'example.ts'], undefined, folder);
    expect(example.code).toBe(0);
    expect(JSON.parse(example.stdout)).toMatchObject({ space: 'ENG' });
  });

  it('with a Node.js older than 24 first on PATH: one line saying what to install, exit 2', async (context) => {
    const oldNode = await findOldNode();
    if (!oldNode) return context.skip('no Node.js older than 24 on this machine');
    const outcome = await runProgram('confluence-workbench', ['--version'], {
      env: installedEnvironment(installed, oldNode),
      cwd: installed.scratch,
    });
    expect(outcome.code).toBe(2);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(outcome.stderr).toMatch(/needs Node\.js 24 or later.*install Node\.js 24/);
  });
});
