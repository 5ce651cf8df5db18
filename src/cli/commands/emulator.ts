/** `confluence-workbench emulator [--port 8790] [--db FILE | :memory:] [--seed demo|none]`. */
import { Option, type Command } from 'commander';
import { emulatorFaultsEnabled } from '../../config.ts';
import type { CommandContext } from '../context.ts';
import { UsageError } from '../exit-codes.ts';
import { writeLine } from '../io.ts';
import { integerIn } from '../options.ts';

/**
 * The emulator's default port (DEFAULT_EMULATOR_PORT in src/emulator/cli.ts, imported only when the
 * command runs; test/cli checks the two agree).
 */
export const EMULATOR_DEFAULT_PORT = 8790;

interface EmulatorFlags {
  port?: number;
  host: string;
  db: string;
  seed: 'demo' | 'none';
  faults?: boolean;
}

export function registerEmulatorCommand(program: Command, context: CommandContext): void {
  program
    .command('emulator')
    .summary('run the Confluence emulator alone, over HTTP')
    .description(
      'Run the Confluence Cloud-compatible emulator alone: the same paths, pagination and errors as a real site, over SQLite. The demo seed signs in as demo@example.com with the API token demo-token (basic auth, or the token as a bearer). Stops on SIGINT/SIGTERM.',
    )
    .option(
      '--port <port>',
      `TCP port (default ${EMULATOR_DEFAULT_PORT}; 0 picks a free one)`,
      integerIn(0, 65_535),
    )
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--db <file>', 'SQLite database file, or :memory:', ':memory:')
    .option(
      '--faults',
      'serve the fault-injection switch at /__emulator/faults and the request log at /__emulator/requests (also WORKBENCH_EMULATOR_FAULTS=1); off by default, since anyone reaching it can make every call fail',
    )
    .addOption(
      new Option('--seed <seed>', 'demo: the demo site; none: only the admin')
        .choices(['demo', 'none'])
        .default('demo'),
    )
    .addHelpText(
      'after',
      `
Example:
  $ confluence-workbench emulator --port 8790 --db ./site.sqlite
  $ curl -u demo@example.com:demo-token http://127.0.0.1:8790/wiki/api/v2/spaces`,
    )
    .action(async (flags: EmulatorFlags) => {
      const { runEmulatorCommand } = await import('../../emulator/cli.ts');
      const running = await runEmulatorCommand({
        port: flags.port ?? EMULATOR_DEFAULT_PORT,
        host: flags.host,
        database: flags.db,
        seed: flags.seed,
        faultRoutes: Boolean(flags.faults) || emulatorFaultsEnabled(context.io.env),
        log: (line) => writeLine(context.io.stderr, line),
      }).catch((error: NodeJS.ErrnoException) => {
        if (
          error.code === 'EADDRINUSE' ||
          error.code === 'EACCES' ||
          error.code === 'EADDRNOTAVAIL'
        ) {
          throw new UsageError(
            `cannot listen on ${flags.host}:${flags.port ?? EMULATOR_DEFAULT_PORT}: ${error.message}`,
          );
        }
        if (/unable to open database|not a database/i.test(error.message)) {
          throw new UsageError(`cannot open the database "${flags.db}": ${error.message}`);
        }
        throw error;
      });
      await context.io.untilStopped();
      await running.close();
    });
}
