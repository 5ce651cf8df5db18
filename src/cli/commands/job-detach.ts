/**
 * `job start <file> --detach [--server URL]`: hands the job to the running service over REST
 * (`POST /v1/jobs`) and prints `job <id>`; the job runs there, and is resumed there if the
 * service restarts. The service is found at `--server`, else at WORKBENCH_HOST:WORKBENCH_PORT
 * (the address `serve` listens on by default, a wildcard address read as loopback), with the first
 * of WORKBENCH_API_KEYS as the bearer key.
 */
import path from 'node:path';
import type { WorkbenchConfig } from '../../config.ts';
import type { JobOptions, JobStatus } from '../../jobs/types.ts';
import { type CommandContext, resolveConfig } from '../context.ts';
import { UsageError } from '../exit-codes.ts';
import { writeLine } from '../io.ts';
import { readItems, readJobScript } from './job-input.ts';

/** How long the service may take to accept a job (it checks the script and snapshots the items). */
export const DETACH_TIMEOUT_MS = 120_000;

export interface DetachFlags {
  items?: string;
  params?: unknown;
  concurrency?: number;
  retries?: number;
  maxFailures?: number;
  dryRun?: boolean;
  id?: string;
  json?: boolean;
  /** The service's base URL (`http://127.0.0.1:8787`). */
  server?: string;
}

/**
 * @throws UsageError when nothing answers at the address, the key is refused, or the service
 *   refuses the job (its message quoted); the CLI exits 2.
 * @example
 * await startDetached(context, 'relabel.job.ts', { server: 'http://127.0.0.1:8787', concurrency: 8 });
 */
export async function startDetached(
  context: CommandContext,
  file: string,
  flags: DetachFlags,
): Promise<void> {
  const config = resolveConfig(context);
  const server = serviceUrl(flags.server, config);
  const code = await readJobScript(file, context.io);
  const items = flags.items === undefined ? undefined : await readItems(flags.items, context.io);
  const options: JobOptions = {
    ...(flags.concurrency === undefined ? {} : { concurrency: flags.concurrency }),
    ...(flags.retries === undefined ? {} : { retries: flags.retries }),
    ...(flags.maxFailures === undefined ? {} : { maxFailures: flags.maxFailures }),
    ...(flags.dryRun ? { dryRun: true } : {}),
  };
  const body = {
    code,
    ...(file === '-' ? {} : { file: path.basename(file) }),
    ...(items ? { items } : {}),
    ...(flags.params === undefined ? {} : { params: flags.params }),
    ...(flags.id === undefined ? {} : { id: flags.id }),
    options,
  };
  const status = await postJob(server, config.apiKeys[0], body);
  const { io } = context;
  if (flags.json) {
    writeLine(io.stdout, JSON.stringify(status));
    return;
  }
  writeLine(io.stdout, `job ${status.jobId}`);
  writeLine(
    io.stderr,
    `job ${status.jobId} runs in the service at ${server} (${status.counts.total} items so far); follow it with GET ${server}/v1/jobs/${status.jobId}/events, or \`confluence-workbench job status ${status.jobId}\` on the same data dir`,
  );
}

/**
 * The service's base URL: the flag, else where `serve` listens with the same configuration.
 *
 * @example
 * serviceUrl(undefined, { host: '0.0.0.0', port: 8787 }); // 'http://127.0.0.1:8787'
 */
export function serviceUrl(
  flag: string | undefined,
  config: Pick<WorkbenchConfig, 'host' | 'port'>,
): string {
  if (flag !== undefined) {
    let url: URL;
    try {
      url = new URL(flag);
    } catch {
      throw new UsageError(`--server must be a URL such as http://127.0.0.1:8787; got "${flag}"`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new UsageError(`--server must be an http(s) URL; got "${flag}"`);
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  }
  const host = ['0.0.0.0', '::', '[::]'].includes(config.host) ? '127.0.0.1' : config.host;
  const literal = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `http://${literal}:${config.port}`;
}

async function postJob(server: string, key: string | undefined, body: unknown): Promise<JobStatus> {
  let response: Response;
  try {
    response = await fetch(`${server}/v1/jobs`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(key ? { authorization: `Bearer ${key}` } : {}),
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(DETACH_TIMEOUT_MS),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = cause?.code ?? cause?.message ?? (error as Error).message;
    throw new UsageError(
      `no workbench service answers at ${server} (${reason}): start one with \`confluence-workbench serve\`, or point --server at it`,
    );
  }
  const payload = (await response.json().catch(() => undefined)) as
    { error?: { code?: string; message?: string } } | undefined;
  if (response.ok) return payload as unknown as JobStatus;
  const message = payload?.error?.message ?? `HTTP ${response.status}`;
  if (response.status === 401) {
    throw new UsageError(
      `the service at ${server} refused the key (${message}); set WORKBENCH_API_KEYS so that its first key is one the service accepts`,
    );
  }
  if (response.status === 404 && payload?.error?.code === 'NOT_FOUND') {
    throw new UsageError(`the service at ${server} has no /v1/jobs: is it a confluence-workbench?`);
  }
  throw new UsageError(`the service refused the job: ${message}`);
}
