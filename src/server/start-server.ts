/**
 * `confluence-workbench serve`: the service on a real socket. Refuses to listen beyond loopback
 * without API keys, announces in one line which Confluence it talks to, and shuts down cleanly.
 */
import type { DatabaseProbe } from './http/ops-routes.ts';
import type { Logger } from 'pino';
import { withClients } from '../clients/load-clients.ts';
import { ConfigError, isLoopback, type WorkbenchConfig } from '../config.ts';
import { describeSdk } from '../confluence/describe.ts';
import type { JobService } from '../jobs/types.ts';
import type { RunService } from '../runs/types.ts';
import { createApp, type FetchApp } from './app.ts';
import { DEMO_ADMIN } from '../emulator/users/store.ts';
import { listen } from './listen.ts';
import type { DescribeSdk } from './mcp/tool-context.ts';

/** What the service needs from the composition root (src/workbench.ts's `Workbench` fits). */
export interface ServiceWorkbench {
  runs: RunService;
  /** The embedded emulator when no site is configured; served at /emulator. */
  emulator?: { app: FetchApp } | null;
  /** The compact index of SDK operations for `run_code`'s description. */
  sdkIndex: string;
  /** Default: the SDK registry's `describeSdk` (src/confluence/describe.ts). */
  describeSdk?: DescribeSdk;
  /** Awaited before listening, so the service announces itself only once the first run is fast. */
  warmUp?: () => Promise<void>;
  /** Batch jobs: served at /v1/jobs and as MCP tools, resumed at start, paused at close. */
  jobs?: JobService;
  /** The shared PostgreSQL, reported by /healthz (absent or null: SQLite files). */
  database?: DatabaseProbe | null;
  /** Runs finished here while the database was away, not yet saved (/healthz). */
  runsStore?: { pendingRuns(): number };
}

export interface StartServerOptions {
  config: WorkbenchConfig;
  workbench: ServiceWorkbench;
  logger: Logger;
  /** Also expose every SDK operation as its own MCP tool (`serve --direct-tools`). */
  directTools?: boolean;
}

export interface RunningServer {
  /** `http://127.0.0.1:8787`: MCP at `${url}/mcp`, REST at `${url}/v1`. */
  url: string;
  /**
   * Refuses new runs, ends MCP and job event streams, pauses running jobs cleanly (they resume at
   * the next start), closes the socket (waiting up to {@link SHUTDOWN_GRACE_MS}).
   */
  close(): Promise<void>;
}

/** How long `close()` lets responses in flight finish before cutting connections. */
export const SHUTDOWN_GRACE_MS = 10_000;

/** The demo site's account (src/emulator demo seed; DESIGN.md "emulator"). */
const DEMO_ACCOUNT = 'demo@example.com / demo-token';
/** What /emulator hands the embedded emulator once a client's API key was checked. */
const DEMO_AUTHORIZATION = `Basic ${Buffer.from(`${DEMO_ADMIN.email}:${DEMO_ADMIN.apiToken}`).toString('base64')}`;

/**
 * @throws {ConfigError} when listening beyond loopback without WORKBENCH_API_KEYS (the CLI exits 2).
 * @example
 * const server = await startServer({ config, workbench, logger });
 * process.once('SIGTERM', () => server.close());
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const { workbench, logger } = options;
  const config = withClients(options.config);
  assertSafeBind(config);
  await workbench.warmUp?.();
  const service = createApp({
    runs: workbench.runs,
    describeSdk: workbench.describeSdk ?? describeSdk,
    sdkIndex: workbench.sdkIndex,
    emulatorApp: workbench.emulator?.app,
    emulatorAuthorization: DEMO_AUTHORIZATION,
    config,
    logger,
    directTools: options.directTools,
    ...(workbench.jobs ? { jobs: workbench.jobs } : {}),
    ...(workbench.database ? { database: workbench.database } : {}),
    ...(workbench.runsStore ? { pendingRuns: workbench.runsStore.pendingRuns } : {}),
  });
  const listening = await listen(service.app, { host: config.host, port: config.port });
  const { url } = listening;
  logger.info(
    { url, mcp: `${url}/mcp`, confluence: config.confluence ? 'site' : 'emulator' },
    announcement(config, url, Boolean(workbench.emulator)),
  );
  if (workbench.jobs) await resumeJobs(workbench.jobs, logger);
  let closing: Promise<void> | undefined;
  return {
    url,
    close() {
      closing ??= (async () => {
        await service.close();
        await workbench.jobs?.close();
        const grace = setTimeout(() => listening.closeAllConnections(), SHUTDOWN_GRACE_MS);
        await listening.close();
        clearTimeout(grace);
        logger.info({ url }, 'stopped');
      })();
      return closing;
    },
  };
}

/**
 * Jobs that were running when the service last stopped (killed, say) go on, as the engine's
 * `resumeInterrupted` decides. A failure here is logged, not fatal: the service still serves runs, and `job resume` works.
 */
async function resumeJobs(jobs: JobService, logger: Logger): Promise<void> {
  try {
    const resumed = await jobs.resumeInterrupted();
    if (resumed.length > 0) logger.info({ jobs: resumed }, `resumed ${resumed.length} job(s)`);
  } catch (error) {
    logger.error({ err: error }, 'could not resume interrupted jobs');
  }
}

/**
 * Without keys, anyone who can reach the port could run code against Confluence: refuse.
 *
 * @throws {ConfigError} for a non-loopback host with no WORKBENCH_API_KEYS.
 * @example
 * assertSafeBind(config); // before starting anything expensive
 */
export function assertSafeBind(config: WorkbenchConfig): void {
  if (isLoopback(config.host) || config.apiKeys.length > 0 || config.clientsFile) return;
  throw new ConfigError(
    `refusing to listen on ${config.host} without API keys: anyone who can reach it could run scripts against Confluence. ` +
      'Set WORKBENCH_API_KEYS to one or more comma-separated secrets (clients send "Authorization: Bearer <key>"), or listen on 127.0.0.1.',
  );
}

function announcement(config: WorkbenchConfig, url: string, emulated: boolean): string {
  const site = config.confluence
    ? `Confluence site ${config.confluence.baseUrl}`
    : emulated
      ? `no Confluence site configured: using the embedded emulator with demo data, also at ${url}/emulator (${DEMO_ACCOUNT})`
      : 'no Confluence site configured';
  const auth = config.clients
    ? `${config.clients.length} client(s) from WORKBENCH_CLIENTS_FILE, a key required on every request`
    : config.apiKeys.length > 0
      ? `${config.apiKeys.length} API key(s) required`
      : 'no API keys (loopback only)';
  return `confluence-workbench listening on ${url} (MCP ${url}/mcp, REST ${url}/v1; ${auth}); ${site}`;
}
