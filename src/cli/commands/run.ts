/** `confluence-workbench run <file.ts | -> [--params JSON] [--dry-run] [--json]`. */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { DEFAULT_CPU_TIME_MS, DEFAULT_MAX_HOST_CALLS } from '../../../sandbox/limits.ts';
import { DEFAULT_RESULT_BUDGET_CHARS, MAX_RESULT_BUDGET_CHARS } from '../../runs/limits.ts';
import { type CommandContext, runnerOptions, withWorkbench } from '../context.ts';
import { UsageError } from '../exit-codes.ts';
import { type CliIo, readAll } from '../io.ts';
import { integerIn, jsonValue } from '../options.ts';
import { printEnvelope, streamTo } from '../run-feedback.ts';

/** The longest --timeout accepted on the command line (the run service clamps further). */
const MAX_TIMEOUT_FLAG_MS = 24 * 60 * 60 * 1_000;

interface RunFlags {
  params?: unknown;
  dryRun?: boolean;
  json?: boolean;
  quiet?: boolean;
  timeout?: number;
  budget?: number;
  cpuTime?: number;
  maxCalls?: number;
}

export function registerRunCommand(program: Command, context: CommandContext): void {
  program
    .command('run')
    .summary('run one script against Confluence')
    .description(
      'Run one TypeScript script in a fresh sandbox against the Confluence SDK (the configured site, or the embedded emulator) and print its result. The run is stored: see `runs` and `replay`.',
    )
    .argument('<file>', 'the script: a .ts file, or - to read it from stdin')
    .option('--params <json>', 'a JSON value the script sees as `params`', jsonValue)
    .option('--dry-run', 'reads go to Confluence; writes are planned and reported, not sent')
    .option('--json', 'print the run envelope as one JSON document on stdout')
    .option('-q, --quiet', 'errors only on stderr: no console, progress, waits or summary')
    .option(
      '--timeout <ms>',
      'wall-clock limit of the run, in milliseconds',
      integerIn(1, MAX_TIMEOUT_FLAG_MS),
    )
    .option(
      '--cpu-time <ms>',
      `CPU time the script may use, in milliseconds (default ${DEFAULT_CPU_TIME_MS}; the server maximum WORKBENCH_MAX_CPU_TIME_MS applies)`,
      integerIn(1, MAX_TIMEOUT_FLAG_MS),
    )
    .option(
      '--max-calls <n>',
      `Confluence calls the script may make (default ${DEFAULT_MAX_HOST_CALLS}; the server maximum WORKBENCH_MAX_HOST_CALLS applies)`,
      integerIn(1, 10_000_000),
    )
    .option(
      '--budget <chars>',
      `result budget in characters (default ${DEFAULT_RESULT_BUDGET_CHARS}, at most ${MAX_RESULT_BUDGET_CHARS})`,
      integerIn(1, 10 * MAX_RESULT_BUDGET_CHARS),
    )
    .addHelpText(
      'after',
      `
The script: statements with top-level await and a final return, or a module with
\`export default async function (params) { … }\`. Globals: confluence, params, console, progress.

Output: the result on stdout (pretty JSON); logs, progress, waits on retries or rate limits, and a
summary of the run on stderr (--quiet: only when it failed). With --json, stdout is the run
envelope only. Exit code 0 when the script returned, 1 when it
failed, 2 for bad usage, 130/143 when Ctrl-C/SIGTERM stopped it (what was applied is reported).

Examples:
  $ confluence-workbench run report.ts --params '{"space":"ENG"}'
  $ echo 'return (await confluence.spaces.list()).results.map((s) => s.key)' | confluence-workbench run -
  $ confluence-workbench run relabel.ts --dry-run --json | jq .writes`,
    )
    .action(async (file: string, flags: RunFlags) => {
      const code = await readScript(file, context.io);
      const interrupted = context.io.interrupts?.();
      const envelope = await withWorkbench(context, await runnerOptions(flags), (workbench) =>
        workbench.runs.execute(
          {
            code,
            source: 'cli',
            ...(flags.params === undefined ? {} : { params: flags.params }),
            ...(flags.dryRun ? { dryRun: true } : {}),
            ...(flags.timeout === undefined ? {} : { timeoutMs: flags.timeout }),
            ...(flags.budget === undefined ? {} : { resultBudget: flags.budget }),
            ...(flags.cpuTime === undefined ? {} : { cpuTimeMs: flags.cpuTime }),
            ...(flags.maxCalls === undefined ? {} : { maxHostCalls: flags.maxCalls }),
          },
          { ...streamTo(context.io, flags), ...signalOption(interrupted) },
        ),
      );
      context.exitCode = printEnvelope(envelope, context.io, flags, interrupted);
    });
}

/** The run's signal: a Ctrl-C or SIGTERM cancels the run (the envelope says what was applied). */
export function signalOption(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal ? { signal } : {};
}

async function readScript(file: string, io: CliIo): Promise<string> {
  if (file === '-') return readAll(io.stdin);
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'no such file'
        : (error as Error).message;
    throw new UsageError(`cannot read the script "${file}": ${reason}`);
  }
}
