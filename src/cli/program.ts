/**
 * The `confluence-workbench` program: commander (well kept, typed, help and errors for free; see
 * STYLE.md 12) with every subcommand, and {@link runCli}, which turns whatever happens into one of
 * the three exit codes.
 */
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config.ts';
import { RunsError } from '../runs/errors.ts';
import { JobsError } from '../jobs/errors.ts';
import { registerCompletionCommand } from './commands/completion.ts';
import { registerDescribeCommand } from './commands/describe.ts';
import { registerDoctorCommand } from './commands/doctor.ts';
import { registerEmulatorCommand } from './commands/emulator.ts';
import { registerInitCommand } from './commands/init.ts';
import { registerJobCommand } from './commands/job.ts';
import { registerReplayCommand } from './commands/replay.ts';
import { registerRunCommand } from './commands/run.ts';
import { registerRunsCommand } from './commands/runs.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerTypesCommand } from './commands/types.ts';
import type { CommandContext } from './context.ts';
import { EXIT_OK, EXIT_SCRIPT_FAILED, EXIT_USAGE, UsageError } from './exit-codes.ts';
import { type CliIo, writeLine } from './io.ts';
import { packageManifest } from './package-manifest.ts';

const PACKAGE = packageManifest();

const FOOTER = `
Configuration comes from the environment (CONFLUENCE_BASE_URL, CONFLUENCE_EMAIL +
CONFLUENCE_API_TOKEN or CONFLUENCE_ACCESS_TOKEN, WORKBENCH_DATA_DIR, WORKBENCH_API_KEYS, ...; see
README.md); flags win. With no site configured, everything runs against the embedded emulator.

Exit codes: 0 success, 1 the script failed, 2 bad usage or configuration.
A run or replay stopped by Ctrl-C/SIGTERM exits 130/143, after reporting what it had applied.

Examples:
  $ confluence-workbench serve
  $ confluence-workbench run report.ts --params '{"space":"ENG"}'
  $ confluence-workbench runs
  $ confluence-workbench replay <runId> --mode recorded
  $ confluence-workbench job start relabel.job.ts --items pages.jsonl --concurrency 8`;

/**
 * @example
 * const program = buildProgram(context);
 * await program.parseAsync(['run', 'script.ts'], { from: 'user' });
 */
export function buildProgram(context: CommandContext): Command {
  const program = new Command('confluence-workbench')
    .description(
      'A remote code-execution workbench for Confluence: TypeScript scripts run in a sandbox against a typed Confluence SDK; agents reach it over MCP.',
    )
    .version(PACKAGE.version, '-V, --version', 'print the version')
    .option(
      '--data-dir <dir>',
      'where runs and the embedded emulator are stored (default: WORKBENCH_DATA_DIR or ./.workbench)',
    )
    .helpCommand('help [command]', 'show help for a command')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => context.io.stdout.write(text),
      writeErr: (text) => context.io.stderr.write(text),
    })
    .addHelpText('after', FOOTER);
  context.globalOverrides = () => {
    const dataDir = program.opts<{ dataDir?: string }>().dataDir;
    return dataDir === undefined ? {} : { dataDir };
  };
  registerServeCommand(program, context);
  registerRunCommand(program, context);
  registerRunsCommand(program, context);
  registerReplayCommand(program, context);
  registerTypesCommand(program, context);
  registerInitCommand(program, context);
  registerDescribeCommand(program, context);
  registerDoctorCommand(program, context);
  registerCompletionCommand(program, context);
  registerEmulatorCommand(program, context);
  registerJobCommand(program, context);
  return program;
}

/**
 * Runs the command line `argv` (without `node` and the script) and returns the exit code.
 *
 * @example
 * process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, untilStopped });
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const context: CommandContext = { io, globalOverrides: () => ({}), exitCode: EXIT_OK };
  const program = buildProgram(context);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return context.exitCode;
  } catch (error) {
    return exitCodeFor(error, io);
  }
}

function exitCodeFor(error: unknown, io: CliIo): number {
  // commander has already printed its own message (and the help hint).
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  if (
    error instanceof UsageError ||
    error instanceof ConfigError ||
    error instanceof RunsError ||
    error instanceof JobsError
  ) {
    writeLine(io.stderr, `confluence-workbench: ${error.message}`);
    return EXIT_USAGE;
  }
  writeLine(
    io.stderr,
    `confluence-workbench: internal error: ${(error as Error)?.stack ?? String(error)}`,
  );
  return EXIT_SCRIPT_FAILED;
}
