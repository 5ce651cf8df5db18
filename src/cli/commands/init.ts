/** `confluence-workbench init [dir]`: a folder to write scripts in, with types for the editor. */
import type { Command } from 'commander';
import type { CommandContext } from '../context.ts';
import { writeLine } from '../io.ts';
import { scaffold } from '../init/scaffold.ts';

export function registerInitCommand(program: Command, context: CommandContext): void {
  program
    .command('init')
    .argument('[dir]', 'the folder to write (created if missing)', '.')
    .summary('scaffold a folder for scripts: declarations, tsconfig, an example and a job')
    .description(
      'Write confluence.d.ts (the SDK and the script globals), a tsconfig.json that checks scripts as the sandbox does, example.ts (a script in the module form) and relabel.job.ts (a job script) into <dir>. Existing files are left alone unless --force.',
    )
    .option('--force', 'overwrite files that already exist')
    .addHelpText(
      'after',
      '\nExample:\n  $ confluence-workbench init scripts && cd scripts && npx -p typescript tsc\n  $ confluence-workbench run example.ts',
    )
    .action(async (directory: string, flags: { force?: boolean }) => {
      const written = await scaffold(directory, { force: flags.force === true });
      for (const file of written) writeLine(context.io.stderr, `wrote ${file}`);
      writeLine(
        context.io.stderr,
        `next: confluence-workbench run ${directory === '.' ? '' : `${directory}/`}example.ts`,
      );
    });
}
