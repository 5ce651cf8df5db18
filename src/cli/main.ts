/**
 * The entry point of the `confluence-workbench` command (bin/confluence-workbench.js imports it):
 * the one place in the CLI that touches `process`. Everything else is in ./program.ts.
 */
import { ConfigError, loadDotEnv, startedByPackageScript } from '../config.ts';
import { EXIT_USAGE } from './exit-codes.ts';
import { runCli } from './program.ts';
import { watchStopSignals } from './stop-signals.ts';

/** After the command is done, anything still open (a stray handle) may not keep the process alive. */
const EXIT_GRACE_MS = 2_000;

// `confluence-workbench types | head`: the reader went away; that is not an error of ours.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const stops = watchStopSignals({
  on: (signal, listener) => process.on(signal, listener),
  off: (signal, listener) => process.off(signal, listener),
  parentPid: startedByPackageScript() ? () => process.ppid : undefined,
  exit: (code) => process.exit(code),
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
  untilStopped: () => {
    const signal = stops.claim();
    return new Promise<void>((resolve) => {
      if (signal.aborted) resolve();
      else signal.addEventListener('abort', () => resolve(), { once: true });
    });
  },
  interrupts: () => stops.claim(),
});
stops.dispose();
process.exitCode = code;
setTimeout(() => process.exit(code), EXIT_GRACE_MS).unref();
