/**
 * `confluence-workbench describe [query...] [--names a,b] [--json]`: what the MCP tool
 * `describe_sdk` answers (src/confluence/describe.ts), on the command line.
 */
import type { Command } from 'commander';
import type { CommandContext } from '../context.ts';
import { EXIT_USAGE, UsageError } from '../exit-codes.ts';
import { writeLine } from '../io.ts';

interface DescribeFlags {
  names?: string[];
  json?: boolean;
}

export function registerDescribeCommand(program: Command, context: CommandContext): void {
  program
    .command('describe')
    .summary('describe SDK operations: declarations, docs and an example')
    .description(
      'The TypeScript declarations, parameter docs and a short example of the SDK operations matching a query or exact names (what the MCP tool describe_sdk answers). With neither, the index of every operation.',
    )
    .argument('[query...]', 'words of what to do, e.g. add label to page')
    .option(
      '--names <names>',
      'exact operation names, comma-separated (e.g. pages.get,labels.add); a namespace gives all its members',
      (text: string) =>
        text
          .split(',')
          .map((name) => name.trim())
          .filter(Boolean),
    )
    .option('--json', 'print the description as JSON (operations, types, unknown names, index)')
    .addHelpText(
      'after',
      `
Exit code 0, or 2 when nothing matches (the names that match nothing are listed with close ones).

Examples:
  $ confluence-workbench describe add label to page
  $ confluence-workbench describe --names pages.get,pages.update`,
    )
    .action(async (words: string[], flags: DescribeFlags) => {
      const { describeSdk } = await import('../../confluence/describe.ts');
      const query = words.join(' ').trim();
      const names = flags.names ?? [];
      const described = describeSdk({
        ...(query ? { query } : {}),
        ...(names.length > 0 ? { names } : {}),
      });
      const asked = query !== '' || names.length > 0;
      if (asked && described.operations.length === 0 && described.unknown.length === 0) {
        throw new UsageError(
          `no SDK operation matches "${query}" (run \`confluence-workbench describe\` for the index)`,
        );
      }
      const onlyUnknown = described.operations.length === 0 && described.unknown.length > 0;
      // Nothing but unknown names is a mistake to correct: the close names go to stderr, exit 2.
      const out = onlyUnknown ? context.io.stderr : context.io.stdout;
      if (flags.json) writeLine(out, JSON.stringify(described));
      else out.write(`${described.text.trimEnd()}\n`);
      if (onlyUnknown) context.exitCode = EXIT_USAGE;
    });
}
