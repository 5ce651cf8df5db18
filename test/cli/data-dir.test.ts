/**
 * A data directory that cannot work (a file, a path through a file, a place under /proc where
 * mkdir always fails) is bad configuration: exit code 2 and one sentence, never "internal error"
 * with a stack, and never a hang (Node's recursive mkdir retried for ever under /proc). The real
 * command, as a child process.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCliEnvironment, startCommand, type CommandOutcome } from './cli-process.ts';

const environment = createCliEnvironment();
afterAll(() => environment.remove());

const aFile = path.join(environment.dataDir, 'a-file');
writeFileSync(aFile, 'not a directory');

/** Runs the command with this data dir; a command still running after 20 s is killed (a hang). */
function runWithDataDir(
  args: string[],
  dataDir: string,
): Promise<CommandOutcome & { hung: boolean }> {
  const child = startCommand(args, { ...environment.env, WORKBENCH_DATA_DIR: dataDir });
  let stdout = '';
  let stderr = '';
  let hung = false;
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin!.end('return 1');
  const timer = setTimeout(() => {
    hung = true;
    child.kill('SIGKILL');
  }, 20_000);
  return new Promise((resolve) =>
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, hung });
    }),
  );
}

describe('bad WORKBENCH_DATA_DIR', () => {
  it.each([
    ['a file', aFile, /exists and is not a directory/],
    ['a path through a file', path.join(aFile, 'data'), /a part of the path is a file/],
    ['a place under /proc', '/proc/workbench-data-test', /refuses to create it there/],
  ])('run with a data dir that is %s: exit 2 and one sentence', async (_what, dataDir, reason) => {
    const outcome = await runWithDataDir(['run', '-'], dataDir);
    expect(outcome.hung).toBe(false);
    expect(outcome.code).toBe(2);
    const lines = outcome.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^confluence-workbench: cannot use ".*" for data/);
    expect(lines[0]).toMatch(reason);
    expect(outcome.stderr).not.toMatch(/internal error|\n\s+at /);
  });

  it.each([['serve', '--port', '0'], ['runs']])(
    '%s with a data dir under /proc: exit 2, no hang',
    async (...args) => {
      const outcome = await runWithDataDir(args, '/proc/workbench-data-test');
      expect(outcome.hung).toBe(false);
      expect(outcome.code).toBe(2);
      expect(outcome.stderr).toMatch(/cannot use "\/proc\/workbench-data-test" for data/);
    },
  );
});
