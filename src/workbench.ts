/**
 * The composition root: configuration in, a running workbench out. It picks what Confluence to
 * talk to (the configured site, or with none the embedded emulator seeded with demo data and
 * reached in-process), builds the SDK client, the sandbox with the SDK surface, the runs store
 * and the run service. The HTTP/MCP service and the CLI both start from here.
 *
 * @example
 * const workbench = await createWorkbench(loadConfig());
 * const envelope = await workbench.runs.execute({ code: 'return (await confluence.spaces.list()).results.length' });
 * await workbench.close();
 */
import path from 'node:path';
import type { Logger } from 'pino';
import { createSandbox } from '../sandbox/index.ts';
import type { Sandbox, SandboxOptions } from '../sandbox/types.ts';
import { createConfluenceClients, type ConfluenceClients } from './clients/confluence-clients.ts';
import type { TenantCredential } from './clients/types.ts';
import { ConfigError, DEFAULT_MAX_CONCURRENT_RUNS, type WorkbenchConfig } from './config.ts';
import { ensureDirectory } from './data-dir.ts';
import {
  type ConfluenceClient,
  createConfluenceClient,
  createPostgresSiteLimiterRegistry,
  createResponseBudget,
  createRunSession,
  type SiteLimiterRegistry,
} from './confluence/index.ts';
import { sdkIndex } from './confluence/describe-index.ts';
import { OPERATIONS } from './confluence/operations/index.ts';
import { assertPolicy } from './confluence/session/policy-check.ts';
import { sdkSurface } from './confluence/surface.ts';
import { type Emulator, createEmulator } from './emulator/index.ts';
import { DEMO_ADMIN } from './emulator/users/store.ts';
import { type RunLimits, resolveRunLimits } from './runs/limits.ts';
import { createRunService, type SessionFactory } from './runs/run-service.ts';
import { IN_MEMORY } from './runs/store/database.ts';
import { type OpenedRunsStore, openRunsStore } from './runs/store/open-runs-store.ts';
import type { RetentionOptions } from './runs/store/runs-store.ts';
import type { RunService } from './runs/types.ts';
import { createJobsOf } from './jobs/create-jobs.ts';
import { JOBS_DATABASE_FILE } from './jobs/store/sqlite-jobs-store.ts';
import type { JobService } from './jobs/types.ts';
import { openSharedDatabase, type SharedDatabase } from './storage/shared-database.ts';

const DAY_MS = 24 * 60 * 60 * 1_000;

/** The embedded emulator's database file inside WORKBENCH_DATA_DIR. */
export const EMULATOR_DATABASE_FILE = 'emulator.sqlite';
/** The origin the SDK client uses for the in-process emulator; nothing listens there. */
export const EMBEDDED_EMULATOR_ORIGIN = 'http://embedded-emulator.invalid';

export interface WorkbenchOptions {
  /** The runs database: a file or `:memory:` (default: runs.sqlite in the data dir). */
  runsDatabase?: string;
  /**
   * The jobs database: a file or `:memory:` (default: jobs.sqlite in the data dir; in memory
   * when the runs database is, so a workbench kept in memory leaves no file behind).
   */
  jobsDatabase?: string;
  /** The embedded emulator's database: a file or `:memory:` (default: emulator.sqlite in the data dir). */
  emulatorDatabase?: string;
  /** How the client reaches a real site (default: the global fetch). */
  fetch?: typeof fetch;
  /**
   * Where a real site's limiter comes from (default: with WORKBENCH_DATABASE_URL, a registry whose
   * budget and pauses every instance on the database shares; else the process's registry, so every
   * run and job on the same site and credential shares one budget).
   */
  siteLimiters?: SiteLimiterRegistry;
  /** Epoch milliseconds (default `Date.now`). */
  now?: () => number;
  logger?: Logger;
  /** Worker processes, runs per worker, limits (the surface is always the SDK's). */
  sandbox?: Omit<SandboxOptions, 'surface'>;
  runLimits?: Partial<RunLimits>;
  retention?: Partial<RetentionOptions>;
}

/** Which Confluence the workbench talks to. */
export type WorkbenchTarget =
  { kind: 'emulator'; database: string } | { kind: 'site'; baseUrl: string };

export interface Workbench {
  config: WorkbenchConfig;
  target: WorkbenchTarget;
  runs: RunService;
  /** Durable batch jobs (src/jobs/): the same sandbox, SDK, policy and limits as runs. */
  jobs: JobService;
  /** The embedded emulator when no site is configured (the service mounts it at /emulator). */
  emulator: Emulator | null;
  /**
   * The PostgreSQL shared with other instances (WORKBENCH_DATABASE_URL); `null`: this instance
   * keeps its state in SQLite files in the data dir.
   */
  database: SharedDatabase | null;
  /** Where runs are kept, and how many finished here wait for the database to come back. */
  runsStore: Pick<OpenedRunsStore, 'kind' | 'pendingRuns'>;
  client: ConfluenceClient;
  /** The ConfluenceClient of each client credential in use (the server's `client` included). */
  confluenceClients: ConfluenceClients;
  sandbox: Sandbox;
  /** The compact index of SDK operations for `run_code`'s description. */
  sdkIndex: string;
  /**
   * Warms the type-checker and the sandbox workers (Sandbox.warmUp) so the first run is as fast
   * as the rest; `serve` and `mcp` await it before they announce they are ready. Never rejects: a
   * failed warm-up is logged, and runs then report their own errors.
   */
  warmUp(): Promise<void>;
  /** Stops the sandbox's workers and closes the databases. */
  close(): Promise<void>;
}

/**
 * @throws ConfigError for a policy naming an unknown operation or space key (checked on the site once).
 */
export async function createWorkbench(
  config: WorkbenchConfig,
  options: WorkbenchOptions = {},
): Promise<Workbench> {
  const now = options.now ?? Date.now;
  const emulatorDatabase =
    options.emulatorDatabase ?? path.join(config.dataDir, EMULATOR_DATABASE_FILE);
  if (emulatorDatabase !== IN_MEMORY && !config.confluence) {
    ensureDirectory(path.dirname(emulatorDatabase));
  }
  const emulator = config.confluence
    ? null
    : createEmulator({
        database: emulatorDatabase,
        seed: 'demo',
        now,
        faultRoutes: config.emulatorFaults ?? false,
      });
  const shared = await openSharedDatabase(config, options.logger);
  // With a shared database, a real site's rate limit and pauses hold for every instance together.
  const siteLimiters =
    options.siteLimiters ??
    (shared && config.confluence
      ? await createPostgresSiteLimiterRegistry({
          pool: shared.pool,
          ...siteLimitsOf(config),
          ...(options.logger ? { logger: options.logger } : {}),
        }).catch(async (error: unknown) => {
          await shared.close();
          throw error;
        })
      : undefined);
  // One budget for the whole service: answers read at once by all runs are bounded in sum.
  const responseLimits = {
    ...(config.responses
      ? {
          maxResponseBytes: config.responses.maxResponseBytes,
          responseBudget: createResponseBudget(config.responses.maxResponseBytesInFlight),
        }
      : {}),
  };
  const connect = (credential: TenantCredential | undefined): ConfluenceClient =>
    emulator
      ? createConfluenceClient({
          baseUrl: EMBEDDED_EMULATOR_ORIGIN,
          auth: credential?.auth ?? {
            kind: 'basic',
            email: DEMO_ADMIN.email,
            apiToken: DEMO_ADMIN.apiToken,
          },
          fetch: async (input, init) => emulator.app.fetch(new Request(input, init)),
          // The site rate limit paces calls for Atlassian's sake (25/s); the in-process emulator
          // has no quota to protect, and pacing it made a 100-call script take 4 s.
          limits: { requestsPerInterval: Number.POSITIVE_INFINITY },
          ...responseLimits,
          now,
        })
      : createConfluenceClient({
          baseUrl: credential?.baseUrl ?? config.confluence!.baseUrl,
          auth: credential?.auth ?? config.confluence!.auth,
          ...(options.fetch ? { fetch: options.fetch } : {}),
          // Shared per site and credential (the rate-limit slice): a client's own credential
          // gets its own limiter there, the server's credential its own.
          ...(siteLimiters ? { limiters: siteLimiters } : {}),
          ...siteLimitsOf(config),
          ...responseLimits,
          now,
        });
  const client = connect(undefined);
  // A client of the clients file with its own credential acts as that Confluence user.
  const clients = createConfluenceClients(client, connect);
  try {
    const check = {
      operations: OPERATIONS.map((operation) => operation.name),
      request: (spec: Parameters<ConfluenceClient['request']>[0]) =>
        client.request(spec, { operation: 'policy.check' }),
      onUnchecked: (error: unknown) =>
        options.logger?.warn(
          { err: error },
          'could not check WORKBENCH_ALLOWED_SPACES on the site',
        ),
    };
    await assertPolicy(config.policy, check);
    // A client's spaces are checked on the site too (with no server list, they are its own).
    for (const { tenant } of config.clients ?? []) {
      if (!tenant.policy) continue;
      await assertPolicy(tenant.policy, check).catch((error: unknown) => {
        if (!(error instanceof ConfigError)) throw error;
        throw new ConfigError(`WORKBENCH_CLIENTS_FILE client ${tenant.name}: ${error.message}`);
      });
    }
  } catch (error) {
    emulator?.close();
    if (siteLimiters !== options.siteLimiters) await siteLimiters?.close?.();
    await shared?.close();
    throw error;
  }
  const runLimits: Partial<RunLimits> = {
    ...(config.runs?.maxRunTimeoutMs === undefined
      ? {}
      : { maxRunTimeoutMs: config.runs.maxRunTimeoutMs }),
    ...runLimitsOf(config),
    ...options.runLimits,
  };
  const retention: Partial<RetentionOptions> = {
    ...(config.runs?.maxStoredRuns === undefined ? {} : { maxRuns: config.runs.maxStoredRuns }),
    ...(config.runs?.maxRunAgeDays === undefined
      ? {}
      : { maxAgeMs: config.runs.maxRunAgeDays * DAY_MS }),
    ...options.retention,
  };
  const resolvedRunLimits = resolveRunLimits(runLimits);
  const sandbox = createSandbox({
    // Every run admitted by the service gets a sandbox slot at once (no hidden queue).
    concurrentRuns: config.service?.maxConcurrentRuns ?? DEFAULT_MAX_CONCURRENT_RUNS,
    ...options.sandbox,
    // The runs layer clamps what a run asks for to its maxima; the sandbox must allow that much.
    maxLimits: {
      wallTimeMs: resolvedRunLimits.maxRunTimeoutMs,
      cpuTimeMs: resolvedRunLimits.maxCpuTimeMs,
      maxHostCalls: resolvedRunLimits.maxHostCalls,
      maxReturnBytes: resolvedRunLimits.maxResultBytes,
      ...options.sandbox?.maxLimits,
    },
    surface: sdkSurface(),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  // With WORKBENCH_DATABASE_URL the runs live in PostgreSQL (every instance reads every run);
  // runs that finish while it is away wait in memory and are saved when it is back.
  const runsStore = await openRunsStore({
    shared,
    dataDir: config.dataDir,
    ...(options.runsDatabase ? { sqliteFile: options.runsDatabase } : {}),
    now,
    retention,
    outageBuffer: options.logger ? { logger: options.logger } : true,
  }).catch(async (error: unknown) => {
    if (siteLimiters !== options.siteLimiters) await siteLimiters?.close?.();
    await Promise.all([sandbox.close(), shared?.close()]);
    emulator?.close();
    throw error;
  });
  const store = runsStore.store;
  const createSession: SessionFactory = (mode, recorded, tenant, observers) =>
    createRunSession({
      client: clients.for(tenant),
      operations: OPERATIONS,
      mode,
      // A tenant's policy is the server's already narrowed by its own (src/clients/narrow-policy.ts).
      policy: tenant?.policy ?? config.policy,
      now,
      ...(recorded ? { recorded } : {}),
      ...(observers?.onRetry ? { onRetry: observers.onRetry } : {}),
    });
  const runs = createRunService({
    sandbox,
    createSession,
    store,
    limits: runLimits,
    now,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const jobs = await createJobsOf({
    shared,
    database:
      options.jobsDatabase ??
      (options.runsDatabase === IN_MEMORY
        ? IN_MEMORY
        : path.join(config.dataDir, JOBS_DATABASE_FILE)),
    execution: { sandbox, createSession: (mode) => createSession(mode) },
    maxItemTimeoutMs: resolveRunLimits(runLimits).maxRunTimeoutMs,
    now,
  });
  let closing: Promise<void> | undefined;
  return {
    config,
    target: emulator
      ? { kind: 'emulator', database: emulatorDatabase }
      : { kind: 'site', baseUrl: client.baseUrl },
    runs,
    jobs: jobs.service,
    emulator,
    database: shared,
    runsStore: { kind: runsStore.kind, pendingRuns: runsStore.pendingRuns },
    client,
    confluenceClients: clients,
    sandbox,
    sdkIndex: sdkIndex(),
    async warmUp() {
      const started = performance.now();
      try {
        await sandbox.warmUp();
        options.logger?.info({ ms: Math.round(performance.now() - started) }, 'sandbox warm');
      } catch (error) {
        options.logger?.warn({ err: error }, 'sandbox warm-up failed');
      }
    },
    close() {
      closing ??= (async () => {
        // Jobs pause cleanly first (items in flight finish), so a resume has nothing to reconcile.
        await jobs.service.close();
        await jobs.close();
        await sandbox.close();
        await runsStore.close();
        if (siteLimiters !== options.siteLimiters) await siteLimiters?.close?.();
        await shared?.close();
        emulator?.close();
      })();
      return closing;
    },
  };
}

/** The client's limits from CONFLUENCE_MAX_REQUESTS_PER_SECOND / CONFLUENCE_MAX_CONCURRENCY, when set. */
function siteLimitsOf(config: WorkbenchConfig) {
  const limits = config.siteLimits;
  if (!limits) return {};
  return {
    limits: {
      ...(limits.requestsPerSecond === undefined
        ? {}
        : { requestsPerInterval: limits.requestsPerSecond, intervalMs: 1_000 }),
      ...(limits.concurrency === undefined ? {} : { concurrency: limits.concurrency }),
    },
  };
}

/** The run ceilings the configuration sets (CPU, host calls, result size); unset ones are left out. */
function runLimitsOf(config: WorkbenchConfig): Partial<RunLimits> {
  const { maxCpuTimeMs, maxHostCalls, maxResultBytes } = config.runs ?? {};
  return {
    ...(maxCpuTimeMs === undefined ? {} : { maxCpuTimeMs }),
    ...(maxHostCalls === undefined ? {} : { maxHostCalls }),
    ...(maxResultBytes === undefined ? {} : { maxResultBytes }),
  };
}

export { IN_MEMORY };
