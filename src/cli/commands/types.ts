/** `confluence-workbench types`: the SDK declarations, for an editor or a model. */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { CommandContext } from '../context.ts';

/** Generated from the operation registry (src/confluence/codegen). */
export const DECLARATIONS_URL = new URL('../../../sdk-stubs/confluence.d.ts', import.meta.url);

export function registerTypesCommand(program: Command, context: CommandContext): void {
  program
    .command('types')
    .summary('print the SDK declarations (sdk-stubs/confluence.d.ts)')
    .description(
      'Print the TypeScript declarations of the globals a script sees (confluence, params, progress): save them beside your scripts for completion and type-checking.',
    )
    .addHelpText('after', '\nExample:\n  $ confluence-workbench types > confluence.d.ts')
    .action(async () => {
      context.io.stdout.write(await readFile(DECLARATIONS_URL, 'utf8'));
    });
}
