/**
 * The emulator as a process of its own (`confluence-workbench emulator --faults`), for the
 * benches whose site must not share the measured process's CPU: its URL once it listens.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/confluence-workbench.js', import.meta.url));

/**
 * @example
 * const { child, url } = await startEmulatorProcess('/tmp/site.sqlite', ['--seed', 'none']);
 */
export async function startEmulatorProcess(
  database: string,
  extraArgs: string[] = [],
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [BIN, 'emulator', '--port', '0', '--db', database, ...extraArgs, '--faults'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /on (http:\/\/[^\s/]+)\/wiki/.exec(seen);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`emulator exited ${code}: ${seen}`)));
  });
  return { child, url };
}
