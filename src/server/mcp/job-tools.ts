/**
 * The job tools: `start_job` (one call launches a migration that runs in the service), and
 * `job_status` / `cancel_job` to check on it later. Definitions are kept small (every tools/list
 * carries them: about 150 tokens each at most); results are the JobStatus in `structuredContent`
 * plus one line of text; failures are `isError` results saying what to do next.
 */
import type { CallToolResult, McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { JobService, JobStatus } from '../../jobs/types.ts';
import { visibleJobs } from '../../jobs/visible-jobs.ts';
import { jobOptionsSchema } from '../rest/job-schemas.ts';
import type { McpCallContext } from './tool-context.ts';

/** Jobs `job_status` lists when no id is given (newest first). */
export const JOB_STATUS_LIST_LIMIT = 20;

export const startJobInputSchema = z.object({
  code: z
    .string()
    .min(1)
    .describe(
      '`export default async function (item, params)` runs per item; optional `export async function* items(params)`.',
    ),
  items: z.array(z.unknown()).optional().describe('If no items() export.'),
  params: z.unknown().optional(),
  // Checked in the handler against the REST schema: its bounds spelled out here cost ~80 tokens.
  options: z
    .unknown()
    .optional()
    .describe('{concurrency (1-64), retries, maxFailures, dryRun, itemTimeoutMs}'),
});

export const jobStatusInputSchema = z.object({
  jobId: z.string().min(1).optional().describe('Omit to list recent jobs.'),
});

export const cancelJobInputSchema = z.object({ jobId: z.string().min(1) });

/**
 * @example
 * if (tool.jobs) registerJobTools(server, tool.jobs, call);
 */
export function registerJobTools(
  server: McpServer,
  service: JobService,
  call: McpCallContext,
): void {
  // The calling client's view: its own jobs only, unless admin (stdio: the single tenant).
  const jobs = visibleJobs(service, call.tenant);
  server.registerTool(
    'start_job',
    {
      title: 'Start a batch job',
      description:
        'Runs a job script over many items in the service, durably (resumable, no write twice); returns its status at once.',
      inputSchema: startJobInputSchema,
      annotations: { readOnlyHint: false, destructiveHint: true, openWorldHint: true },
    },
    (args) => {
      const options = jobOptionsSchema.optional().safeParse(args.options);
      if (!options.success) return invalidOptions(options.error);
      const input = { ...args, options: options.data, source: call.source ?? 'mcp' };
      return jobResult(() => jobs.start(input), 'started');
    },
  );
  server.registerTool(
    'job_status',
    {
      title: 'Job status',
      description: 'Status and counts of a job, or the recent jobs when no jobId is given.',
      inputSchema: jobStatusInputSchema,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (args) =>
      args.jobId === undefined ? listResult(jobs) : jobResult(() => jobs.status(args.jobId!)),
  );
  server.registerTool(
    'cancel_job',
    {
      title: 'Cancel a job',
      description: 'Stops a job for good: items in flight stop, pending ones are skipped.',
      inputSchema: cancelJobInputSchema,
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true },
    },
    (args) => jobResult(() => jobs.cancel(args.jobId), 'cancelled'),
  );
}

async function jobResult(read: () => Promise<JobStatus>, verb?: string): Promise<CallToolResult> {
  try {
    const status = await read();
    const next = verb === 'started' ? ` Check it with job_status {"jobId":"${status.jobId}"}.` : '';
    return {
      content: [{ type: 'text', text: `${statusLine(status)}${next}` }],
      structuredContent: status as unknown as Record<string, unknown>,
    };
  } catch (error) {
    return { content: [{ type: 'text', text: jobErrorText(error) }], isError: true };
  }
}

function invalidOptions(error: z.ZodError): CallToolResult {
  const issues = error.issues.map(
    (issue) => `options${issue.path.map((part) => `.${String(part)}`).join('')}: ${issue.message}`,
  );
  return {
    content: [
      {
        type: 'text',
        text: `The job was not started: ${issues.join('; ')}. Fix the options and call start_job again.`,
      },
    ],
    isError: true,
  };
}

async function listResult(jobs: JobService): Promise<CallToolResult> {
  try {
    const list = await jobs.list({ limit: JOB_STATUS_LIST_LIMIT });
    const text = list.length === 0 ? 'No jobs.' : list.map(statusLine).join('\n');
    return { content: [{ type: 'text', text }], structuredContent: { jobs: list } };
  } catch (error) {
    return { content: [{ type: 'text', text: jobErrorText(error) }], isError: true };
  }
}

/**
 * One line a model can read: `Job j_1 running: 40/100 done, 2 failed, 12.5 items/s, ETA 5 s.`
 *
 * @example
 * statusLine(await jobs.status('j_1'));
 */
export function statusLine(status: JobStatus): string {
  const { counts } = status;
  const parts = [`${counts.done}/${counts.total} done`, `${counts.failed} failed`];
  if (counts.skipped > 0) parts.push(`${counts.skipped} skipped`);
  if (status.state === 'running') parts.push(`${round(status.itemsPerSecond)} items/s`);
  if (status.etaSeconds !== null && status.state === 'running')
    parts.push(`ETA ${Math.ceil(status.etaSeconds)} s`);
  const reason = status.reason ? ` (${status.reason})` : '';
  const limited = status.rateLimited ? ` Rate-limited until ${status.rateLimited.until}.` : '';
  return `Job ${status.jobId} ${status.state}${reason}: ${parts.join(', ')}.${limited}`;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** The jobs layer's typed errors carry a stable `code`; say what to do next. */
function jobErrorText(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : String(error);
  switch (code) {
    case 'JOB_NOT_FOUND':
      return `${text}. Call job_status without a jobId to list the jobs.`;
    case 'JOB_FINISHED':
      return `${text}. The job has ended; nothing to do.`;
    case 'JOB_BUSY':
      return `${text}. Another process runs this job; call job_status later.`;
    case 'INVALID_JOB':
      return `The job was not started: ${text}. Fix the code, items or options and call start_job again.`;
    default:
      return typeof code === 'string' ? `${code}: ${text}` : `The job call failed: ${text}`;
  }
}
