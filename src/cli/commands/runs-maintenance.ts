/**
 * `runs prune` and `runs export`: removing stored runs now (retention otherwise runs only when a
 * run is saved) and taking them out of the data dir, as JSON or JSON lines, for an archive or jq.
 */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { DEFAULT_MAX_RUN_AGE_MS, DEFAULT_MAX_STORED_RUNS } from '../../runs/store/runs-store.ts';
import { type CommandContext, withStore } from '../context.ts';
import { writeLine } from '../io.ts';
import { integerIn } from '../options.ts';

const DAY_MS = 24 * 60 * 60 * 1_000;

export function registerRunsMaintenance(runs: Command, context: CommandContext): void {
  runs
    .command('prune')
    .description(
      `Remove stored runs now: beyond the newest --keep, or older than --older-than days (default: the retention settings, WORKBENCH_RUNS_KEEP=${DEFAULT_MAX_STORED_RUNS} and WORKBENCH_RUNS_KEEP_DAYS=${DEFAULT_MAX_RUN_AGE_MS / DAY_MS}).`,
    )
    .option(
      '--keep <n>',
      'keep at most this many runs, the newest',
      integerIn(0, Number.MAX_SAFE_INTEGER),
    )
    .option('--older-than <days>', 'remove runs older than this many days', integerIn(0, 100_000))
    .option('--json', 'print {"removed": N}')
    .action(async (flags: { keep?: number; olderThan?: number; json?: boolean }) => {
      const removed = await withStore(
        context,
        (store) => store.prune(),
        (config) => ({
          retention: {
            maxRuns: flags.keep ?? config.runs?.maxStoredRuns ?? DEFAULT_MAX_STORED_RUNS,
            maxAgeMs:
              flags.olderThan === undefined
                ? (config.runs?.maxRunAgeDays ?? DEFAULT_MAX_RUN_AGE_MS / DAY_MS) * DAY_MS
                : flags.olderThan * DAY_MS,
          },
        }),
      );
      if (flags.json) writeLine(context.io.stdout, JSON.stringify({ removed }));
      else writeLine(context.io.stdout, `removed ${removed} run${removed === 1 ? '' : 's'}`);
    });

  runs
    .command('export')
    .description(
      'Print every stored run in full (envelope, code, params, trace, logs), oldest first: one JSON array, or one run per line with --jsonl.',
    )
    .option('--jsonl', 'one JSON document per line (streams; for jq -c or an archive)')
    .option(
      '--since <time>',
      'only runs created at or after this ISO date/time (e.g. 2026-12-01)',
      isoTime,
    )
    .action(async (flags: { jsonl?: boolean; since?: number }) => {
      await withStore(context, async (store) => {
        const summaries = (await store.list({ limit: Number.MAX_SAFE_INTEGER }))
          .filter((run) => flags.since === undefined || Date.parse(run.createdAt) >= flags.since)
          .reverse();
        const out = context.io.stdout;
        if (!flags.jsonl) out.write('[');
        for (const [index, summary] of summaries.entries()) {
          const run = await store.get(summary.runId);
          if (!run) continue; // removed between the list and the read
          if (flags.jsonl) writeLine(out, JSON.stringify(run));
          else out.write(`${index === 0 ? '' : ',\n'}${JSON.stringify(run)}`);
        }
        if (!flags.jsonl) writeLine(out, ']');
      });
    });
}

function isoTime(text: string): number {
  const time = Date.parse(text);
  if (!/^\d{4}-\d\d-\d\d/.test(text) || Number.isNaN(time))
    throw new InvalidArgumentError(
      'expected an ISO date or date-time, e.g. 2026-12-01 or 2026-12-01T09:00:00Z',
    );
  return time;
}
