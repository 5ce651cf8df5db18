/** `confluence-workbench replay <runId> [--mode live|recorded|dry-run] [--json]`. */
import { Option, type Command } from 'commander';
import type { SessionMode } from '../../confluence/types.ts';
import { type CommandContext, runnerOptions, withWorkbench } from '../context.ts';
import { printEnvelope, streamTo } from '../run-feedback.ts';
import { signalOption } from './run.ts';

/** Offline by default: a replay that writes to Confluence again must be asked for by name. */
export const DEFAULT_REPLAY_MODE: SessionMode = 'recorded';

export function registerReplayCommand(program: Command, context: CommandContext): void {
  program
    .command('replay')
    .summary('run a stored run again: live, dry-run, or offline from its recording')
    .description(
      'Run the code and params of a stored run again. `recorded` (the default) answers every call from the responses the run recorded, sends nothing, and reports the first call where the script goes another way; `dry-run` reads live and plans writes; `live` reads and writes for real.',
    )
    .argument('<runId>', 'a run id from `runs list`')
    .addOption(
      new Option('--mode <mode>', 'how to reach Confluence')
        .choices(['recorded', 'dry-run', 'live'])
        .default(DEFAULT_REPLAY_MODE),
    )
    .option('--json', 'print the run envelope as one JSON document on stdout')
    .option('-q, --quiet', 'errors only on stderr: no console, progress, waits or summary')
    .addHelpText(
      'after',
      `
Exit code 0 when the replay returned (and, recorded, did not diverge), 1 when it failed or
diverged, 2 for bad usage (e.g. an unknown run id).

Examples:
  $ confluence-workbench replay run_0mwu54nm141609053f022
  $ confluence-workbench replay run_0mwu54nm141609053f022 --mode dry-run --json`,
    )
    .action(
      async (runId: string, flags: { mode: SessionMode; json?: boolean; quiet?: boolean }) => {
        const interrupted = context.io.interrupts?.();
        const envelope = await withWorkbench(context, await runnerOptions(flags), (workbench) =>
          workbench.runs.replay(runId, flags.mode, {
            ...streamTo(context.io, flags),
            ...signalOption(interrupted),
          }),
        );
        context.exitCode = printEnvelope(envelope, context.io, flags, interrupted);
      },
    );
}
