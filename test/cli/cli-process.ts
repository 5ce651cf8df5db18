/** Test helper: the real `confluence-workbench` command as a child process, with its own data dir. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FaultConfigInput } from '../../src/emulator/index.ts';

export const BIN = fileURLToPath(new URL('../../bin/confluence-workbench.js', import.meta.url));

export interface CommandOutcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A temporary data dir and an environment that reaches no real site. */
export function createCliEnvironment(): {
  dataDir: string;
  env: NodeJS.ProcessEnv;
  remove: () => void;
} {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cw-cli-'));
  const env: NodeJS.ProcessEnv = { ...process.env, WORKBENCH_DATA_DIR: path.join(dataDir, 'data') };
  for (const name of Object.keys(env))
    if (/^(CONFLUENCE_|WORKBENCH_(?!DATA_DIR))/.test(name)) delete env[name];
  return { dataDir, env, remove: () => rmSync(dataDir, { recursive: true, force: true }) };
}

/** Starts the command; `input` goes to stdin, which is then closed. */
export function startCommand(args: string[], env: NodeJS.ProcessEnv, cwd?: string): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { env, cwd, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Runs the command to its end. */
export function runCommand(
  args: string[],
  options: { env: NodeJS.ProcessEnv; input?: string; cwd?: string },
): Promise<CommandOutcome> {
  const child = startCommand(args, options.env, options.cwd);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin!.end(options.input ?? '');
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Resolves with the output so far once `pattern` appears in the stream. */
export function waitForOutput(
  stream: NodeJS.ReadableStream,
  pattern: RegExp,
  timeoutMs = 30_000,
): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(
      () => reject(new Error(`timed out waiting for ${pattern}; saw: ${seen}`)),
      timeoutMs,
    );
    stream.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (pattern.test(seen)) {
        clearTimeout(timer);
        resolve(seen);
      }
    });
  });
}

/**
 * Replaces the fault configuration of an emulator process started with `--faults`.
 *
 * @example
 * await putFaults(site.url, { errors: { ratio: 1, status: 503, count: 2 } });
 */
export async function putFaults(url: string, faults: FaultConfigInput): Promise<void> {
  const response = await fetch(`${url}/__emulator/faults`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(faults),
  });
  if (!response.ok) throw new Error(`faults: ${response.status} ${await response.text()}`);
}
