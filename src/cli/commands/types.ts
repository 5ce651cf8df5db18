/** `confluence-workbench types`: the declarations of a script's globals, for an editor or a model. */
import type { Command } from 'commander';
import type { CommandContext } from '../context.ts';
import { editorDeclarations } from '../init/editor-declarations.ts';

export function registerTypesCommand(program: Command, context: CommandContext): void {
  program
    .command('types')
    .summary('print the declarations of the script globals (confluence, params, console, progress)')
    .description(
      'Print the TypeScript declarations of the globals a script sees: the SDK (confluence, generated into sdk-stubs/confluence.d.ts) and params, console and progress (sdk-stubs/globals.d.ts). Save them beside your scripts for completion and type-checking; `init` also writes a tsconfig.json that fits them.',
    )
    .addHelpText('after', '\nExample:\n  $ confluence-workbench types > confluence.d.ts')
    .action(async () => {
      context.io.stdout.write(await editorDeclarations());
    });
}
