/**
 * The entry point of the `confluence-workbench` command (bin/confluence-workbench.js imports it):
 * the one place in the CLI that touches `process`. Everything else is in ./program.ts.
 */
import { ConfigError, loadDotEnv } from '../config.ts';
import { EXIT_USAGE } from './exit-codes.ts';
import { runCli } from './program.ts';

/** After the command is done, anything still open (a stray handle) may not keep the process alive. */
const EXIT_GRACE_MS = 2_000;

// `confluence-workbench types | head`: the reader went away; that is not an error of ours.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const stopped = new Promise<void>((resolve) => {
  process.once('SIGINT', resolve);
  process.once('SIGTERM', resolve);
});

// A `.env` in the working directory, as users of other tools expect; the real environment wins.
try {
  loadDotEnv(process.cwd());
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`confluence-workbench: ${error.message}\n`);
  process.exit(EXIT_USAGE);
}

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  untilStopped: () => stopped,
});
process.exitCode = code;
setTimeout(() => process.exit(code), EXIT_GRACE_MS).unref();
