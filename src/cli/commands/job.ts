/**
 * `confluence-workbench job start|resume|pause|cancel|list|status|report`: batch jobs
 * (DESIGN.md, "Jobs: the contract"). start and resume run the job in this process, in the
 * foreground; the other subcommands only read or write the jobs store, so they work while another
 * process runs the job (a pause or cancel is noticed there at its next heartbeat).
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { everyItem } from '../../jobs/engine/report.ts';
import { MAX_CONCURRENCY, MAX_RETRIES } from '../../jobs/engine/options.ts';
import type { JobService, JobStatus } from '../../jobs/types.ts';
import { IN_MEMORY } from '../../runs/store/database.ts';
import { type CommandContext, resolveConfig, withWorkbench } from '../context.ts';
import { EXIT_OK, EXIT_SCRIPT_FAILED, UsageError } from '../exit-codes.ts';
import { writeLine } from '../io.ts';
import { integerIn, jsonValue } from '../options.ts';
import { renderJobList, renderJobReport } from '../render-job.ts';
import { startDetached } from './job-detach.ts';
import { readItems, readJobScript } from './job-input.ts';

interface StartFlags {
  items?: string;
  params?: unknown;
  concurrency?: number;
  retries?: number;
  maxFailures?: number;
  dryRun?: boolean;
  id?: string;
  detach?: boolean;
  json?: boolean;
  server?: string;
}

export function registerJobCommand(program: Command, context: CommandContext): void {
  const job = program
    .command('job')
    .summary('batch jobs: run a script over many items, durably')
    .description(
      'Run a job script over many items with durable per-item state: a crash or a kill loses nothing, and `job resume` does nothing twice. Jobs live in the data dir (jobs.sqlite), or in the PostgreSQL of WORKBENCH_DATABASE_URL, where every instance works them.',
    );

  job
    .command('start')
    .description(
      'Start a job and run it in the foreground: `job <id>` first on stdout, a live progress bar on stderr, the report at the end. Ctrl-C pauses (items in flight finish); a second Ctrl-C stops at once. Either way `job resume <id>` finishes it.',
    )
    .argument(
      '<file>',
      'the job script: `export default async function (item, params)`, optionally `export async function* items(params)`',
    )
    .option('--items <file>', 'the items: a JSONL file (one JSON value a line), or - for stdin')
    .option('--params <json>', 'a JSON value passed to items() and to every item', jsonValue)
    .option(
      '--concurrency <n>',
      `items run at once (default 4, at most ${MAX_CONCURRENCY})`,
      integerIn(1, MAX_CONCURRENCY),
    )
    .option(
      '--retries <n>',
      `retries per item after a 5xx, network error or timeout (default 5)`,
      integerIn(0, MAX_RETRIES),
    )
    .option(
      '--max-failures <n>',
      'stop the job (state failed) once this many items failed',
      integerIn(1, Number.MAX_SAFE_INTEGER),
    )
    .option('--dry-run', 'every item runs with writes planned, not sent; the report lists them')
    .option('--id <id>', 'name the job (an existing id is refused)')
    .option('--detach', 'hand the job to the running service (REST), print `job <id>` and return')
    .option(
      '--server <url>',
      'with --detach: the service (default http://WORKBENCH_HOST:WORKBENCH_PORT; key: the first of WORKBENCH_API_KEYS)',
    )
    .option('--json', 'stdout is only the final status document')
    .action(async (file: string, flags: StartFlags) => {
      if (flags.detach) return startDetached(context, file, flags);
      if (flags.server !== undefined) throw new UsageError('--server goes with --detach');
      const code = await readJobScript(file, context.io);
      const items =
        flags.items === undefined ? undefined : await readItems(flags.items, context.io);
      await withWorkbench(
        context,
        { sandbox: sandboxFor(flags.concurrency ?? 4) },
        async (workbench) => {
          const status = await workbench.jobs.start({
            code,
            file: path.basename(file),
            source: 'cli',
            ...(items ? { items } : {}),
            ...(flags.params === undefined ? {} : { params: flags.params }),
            ...(flags.id === undefined ? {} : { id: flags.id }),
            options: {
              ...(flags.concurrency === undefined ? {} : { concurrency: flags.concurrency }),
              ...(flags.retries === undefined ? {} : { retries: flags.retries }),
              ...(flags.maxFailures === undefined ? {} : { maxFailures: flags.maxFailures }),
              ...(flags.dryRun ? { dryRun: true } : {}),
            },
          });
          await foreground(workbench.jobs, status, context, Boolean(flags.json));
        },
      );
    });

  job
    .command('resume')
    .description(
      'Resume a paused or interrupted job in the foreground; items that were in flight are reconciled first.',
    )
    .argument('<id>', 'the job id')
    .option(
      '--concurrency <n>',
      'sandbox workers sized for this many items (the job keeps its own concurrency)',
      integerIn(1, MAX_CONCURRENCY),
    )
    .option('--json', 'stdout is only the final status document')
    .action(async (id: string, flags: { json?: boolean; concurrency?: number }) => {
      await withWorkbench(
        context,
        { sandbox: sandboxFor(flags.concurrency ?? 8) },
        async (workbench) => {
          const status = await workbench.jobs.resume(id);
          await foreground(workbench.jobs, status, context, Boolean(flags.json));
        },
      );
    });

  for (const verb of ['pause', 'cancel'] as const) {
    job
      .command(verb)
      .description(
        verb === 'pause'
          ? 'Pause a job: no new item starts, items in flight finish (the running process notices within a second).'
          : 'Cancel a job for good: items in flight stop, pending items become skipped.',
      )
      .argument('<id>', 'the job id')
      .option('--json', 'print the status document')
      .action(async (id: string, flags: { json?: boolean }) => {
        const status = await withJobs(context, (jobs) => jobs[verb](id));
        printStatus(status, context, Boolean(flags.json));
      });
  }

  job
    .command('list')
    .description('List jobs, newest first.')
    .option('--json', 'print the list as JSON')
    .action(async (flags: { json?: boolean }) => {
      const list = await withJobs(context, (jobs) => jobs.list());
      if (flags.json) writeLine(context.io.stdout, JSON.stringify(list));
      else for (const line of renderJobList(list)) writeLine(context.io.stdout, line);
    });

  job
    .command('status')
    .description('Show one job: state, counts, calls, rate, ETA.')
    .argument('<id>', 'the job id')
    .option('--json', 'print the status document')
    .action(async (id: string, flags: { json?: boolean }) => {
      const status = await withJobs(context, (jobs) => jobs.status(id));
      printStatus(status, context, Boolean(flags.json));
    });

  job
    .command('report')
    .description(
      'The report: counts, duration, calls and retries, every failed item with its error.',
    )
    .argument('<id>', 'the job id')
    .option('--json', 'the report as one JSON document')
    .option('--jsonl', 'every item as one JSON line: key, state, attempts, error, output, writes')
    .action(async (id: string, flags: { json?: boolean; jsonl?: boolean }) => {
      if (flags.json && flags.jsonl) throw new UsageError('give --json or --jsonl, not both');
      await withJobs(context, async (jobs, store) => {
        const report = await jobs.report(id);
        if (flags.jsonl) {
          for (const item of await everyItem(store, id))
            writeLine(context.io.stdout, JSON.stringify(item));
        } else if (flags.json) writeLine(context.io.stdout, JSON.stringify(report));
        else for (const line of renderJobReport(report)) writeLine(context.io.stdout, line);
        context.exitCode = exitCodeOf(report.status);
      });
    });
}

/** Runs the job in this process until it pauses or ends, with progress, Ctrl-C and the report. */
async function foreground(
  jobs: JobService,
  started: JobStatus,
  context: CommandContext,
  json: boolean,
) {
  const { io } = context;
  if (!json) writeLine(io.stdout, `job ${started.jobId}`);
  const { showJobProgress } = await import('../job-progress.ts');
  const progress = showJobProgress(jobs, started, io.stderr);
  void io.untilStopped().then(async () => {
    writeLine(
      io.stderr,
      `\npausing job ${started.jobId}: items in flight finish (Ctrl-C again stops at once)`,
    );
    await jobs.pause(started.jobId).catch(() => undefined);
  });
  const final = await jobs.wait(started.jobId);
  progress.stop();
  const report = await jobs.report(started.jobId);
  if (json) writeLine(io.stdout, JSON.stringify(report.status));
  else for (const line of renderJobReport(report)) writeLine(io.stdout, line);
  if (final.state === 'paused' && !json) {
    writeLine(
      io.stderr,
      `job ${final.jobId} is paused: \`confluence-workbench job resume ${final.jobId}\` goes on`,
    );
  }
  context.exitCode = exitCodeOf(report.status);
}

function exitCodeOf(status: JobStatus): number {
  return status.state === 'done' && status.counts.failed === 0 ? EXIT_OK : EXIT_SCRIPT_FAILED;
}

function printStatus(status: JobStatus, context: CommandContext, json: boolean) {
  if (json) writeLine(context.io.stdout, JSON.stringify(status));
  else
    for (const line of renderJobReport({ status, durationMs: 0, failures: [] }).slice(0, 2))
      writeLine(context.io.stdout, line);
}

/** Isolates are mostly waiting on Confluence: a few workers, each running many items. */
function sandboxFor(concurrency: number) {
  const workers = Math.max(1, Math.min(availableParallelism(), Math.ceil(concurrency / 8)));
  return { workers, runsPerWorker: Math.ceil(concurrency / workers) + 1 };
}

/** The jobs store alone: no sandbox, no Confluence (status, list, report, pause, cancel). */
async function withJobs<T>(
  context: CommandContext,
  work: (jobs: JobService, store: Parameters<typeof everyItem>[0]) => Promise<T>,
): Promise<T> {
  const config = resolveConfig(context);
  // Imported here, not at the top: `--help` and the other commands start without the SDK registry.
  const { createJobsOf } = await import('../../jobs/create-jobs.ts');
  const { JOBS_DATABASE_FILE } = await import('../../jobs/store/sqlite-jobs-store.ts');
  const { openSharedDatabase } = await import('../../storage/shared-database.ts');
  // With WORKBENCH_DATABASE_URL the jobs are in the shared PostgreSQL, whichever instance runs them.
  const shared = await openSharedDatabase(config);
  try {
    const jobs = await createJobsOf({
      shared,
      database:
        config.dataDir === IN_MEMORY ? IN_MEMORY : path.join(config.dataDir, JOBS_DATABASE_FILE),
      maxItemTimeoutMs: 0,
    });
    try {
      return await work(jobs.service, jobs.store);
    } finally {
      await jobs.close();
    }
  } finally {
    await shared?.close();
  }
}
