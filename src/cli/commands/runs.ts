/** `confluence-workbench runs [list | show <runId> | result <resultRef>]`: what was stored. */
import { Option, type Command } from 'commander';
import { DEFAULT_LIST_LIMIT } from '../../runs/store/runs-store.ts';
import { MAX_LIST_LIMIT } from '../../runs/run-service.ts';
import { RunsError } from '../../runs/errors.ts';
import { MAX_RESULT_BUDGET_CHARS } from '../../runs/limits.ts';
import { type CommandContext, withStore } from '../context.ts';
import { UsageError } from '../exit-codes.ts';
import { writeLine } from '../io.ts';
import { integerIn } from '../options.ts';
import { renderRunList, renderStoredRun } from '../render-runs.ts';
import { registerRunsMaintenance } from './runs-maintenance.ts';

export function registerRunsCommand(program: Command, context: CommandContext): void {
  const runs = program
    .command('runs')
    .summary('list stored runs, show one, read a stored result, prune or export them')
    .description(
      'The runs stored in the data dir (WORKBENCH_DATA_DIR), or in PostgreSQL with WORKBENCH_DATABASE_URL: newest first.',
    );

  runs
    .command('list', { isDefault: true })
    .description('List stored runs, newest first (the default subcommand).')
    .option('--limit <n>', `how many (default ${DEFAULT_LIST_LIMIT})`, integerIn(1, MAX_LIST_LIMIT))
    .addOption(new Option('--status <status>', 'only runs that ended so').choices(['ok', 'error']))
    .option('--json', 'print the list as JSON')
    // `runs frob` reaches the default subcommand with "frob" as an operand; commander would say
    // "too many arguments for 'list'", which hides that the subcommand name was wrong.
    .argument('[unknown]')
    .usage('[options]')
    .action(
      async (
        unknown: string | undefined,
        flags: { limit?: number; status?: 'ok' | 'error'; json?: boolean },
      ) => {
        if (unknown !== undefined) throw unknownSubcommand(runs, unknown);
        const list = await withStore(context, (store) =>
          store.list({
            ...(flags.limit ? { limit: flags.limit } : {}),
            ...(flags.status ? { status: flags.status } : {}),
          }),
        );
        if (flags.json) writeLine(context.io.stdout, JSON.stringify(list));
        else for (const line of renderRunList(list)) writeLine(context.io.stdout, line);
      },
    );

  runs
    .command('show')
    .description(
      'Show one stored run: how it ended, its code and params, every call, the whole console output.',
    )
    .argument('<runId>', 'a run id from `runs list`')
    .option(
      '--json',
      'print the stored run as one JSON document (envelope, code, params, trace with responses, logs)',
    )
    .action(async (runId: string, flags: { json?: boolean }) => {
      const run = await withStore(context, (store) => store.get(runId));
      if (!run)
        throw new UsageError(`no stored run "${runId}" (see \`confluence-workbench runs list\`)`);
      if (flags.json) writeLine(context.io.stdout, JSON.stringify(run));
      else for (const line of renderStoredRun(run)) writeLine(context.io.stdout, line);
    });

  runs
    .command('result')
    .description(
      'Read a stored result by its resultRef: a JSON path, then items/entries/characters from an offset.',
    )
    .argument('<resultRef>', 'the resultRef of a run whose result was summarized')
    .option('--path <path>', 'JSON path, e.g. $.items or $.items[3].title', '$')
    .option('--offset <n>', 'first item, entry or character', integerIn(0, Number.MAX_SAFE_INTEGER))
    .option(
      '--limit <n>',
      'at most this many items, entries or characters',
      integerIn(1, Number.MAX_SAFE_INTEGER),
    )
    .option(
      '--budget <chars>',
      'characters of JSON the slice may take',
      integerIn(1, MAX_RESULT_BUDGET_CHARS),
    )
    .action(
      async (
        resultRef: string,
        flags: { path: string; offset?: number; limit?: number; budget?: number },
      ) => {
        const slice = await withStore(context, (_store, reader) => {
          try {
            return reader.read(resultRef, flags);
          } catch (error) {
            if (error instanceof RunsError) throw new UsageError(error.message);
            throw error;
          }
        });
        writeLine(context.io.stdout, JSON.stringify(slice, null, 2));
      },
    );
  registerRunsMaintenance(runs, context);
}

/** The error for `runs <name>` when no subcommand is called so: it lists the ones there are. */
function unknownSubcommand(runs: Command, name: string): UsageError {
  const names = runs.commands.map((command) => command.name()).join(', ');
  return new UsageError(`unknown subcommand '${name}' of 'runs' (one of: ${names})`);
}
