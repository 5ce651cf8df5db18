/** Test helper: the `confluence-workbench` program run in this process (no spawn), output captured. */
import { PassThrough, Readable } from 'node:stream';
import { runCli } from '../../src/cli/program.ts';

export interface InProcessOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * @example
 * const { code, stdout } = await cliInProcess(['job', 'list', '--json'], env);
 */
export async function cliInProcess(
  args: string[],
  env: NodeJS.ProcessEnv,
  input = '',
): Promise<InProcessOutcome> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await runCli(args, {
    stdout,
    stderr,
    stdin: Readable.from([input]),
    env,
    untilStopped: () => new Promise<void>(() => {}),
  });
  return { code, stdout: out, stderr: err };
}
