/**
 * The one place that reads the environment (STYLE.md, principle 6). Everything else receives a
 * resolved {@link WorkbenchConfig}; flags from the CLI are passed in as overrides.
 *
 * @example
 * const config = loadConfig(process.env, { port: 9000 });
 * if (config.confluence === null) console.log('using the embedded emulator');
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
// Type only: the clients file is loaded by src/clients (withClients), so that commands which do
// not serve (`--help`, `runs`, `types`) do not import the SDK registry it checks names against.
import type { ClientDefinition } from './clients/load-clients.ts';
import { ConfigError } from './config/config-error.ts';
import {
  DEFAULT_PORT,
  type EnvironmentValues,
  readEnvironment,
  unknownVariableWarnings as warningsAbout,
} from './config/variables.ts';
import { DEFAULT_MAX_RESPONSE_BYTES_IN_FLIGHT } from './confluence/http/response-budget.ts';

/** How the SDK authenticates against a Confluence site. Never logged, never sent to the isolate. */
export type ConfluenceAuth =
  { kind: 'basic'; email: string; apiToken: string } | { kind: 'bearer'; accessToken: string };

/** A real Confluence Cloud site (or any compatible server reached over HTTP). */
export interface ConfluenceSiteConfig {
  /** Site root without `/wiki`: `https://acme.atlassian.net` or `https://api.atlassian.com/ex/confluence/{cloudId}`. */
  baseUrl: string;
  auth: ConfluenceAuth;
}

/** Host-side rules every run is held to (checked in the SDK, never in the isolate). */
export interface PolicyConfig {
  readOnly: boolean;
  /** Operation names (e.g. `pages.get`) a script may call; empty means all. */
  allowedOperations: string[];
  /** Space keys a script may touch; empty means all. */
  allowedSpaces: string[];
  /** Writes allowed in one run. */
  maxWritesPerRun: number;
}

export interface WorkbenchConfig {
  /** `null` when no site is configured: the embedded emulator with the demo seed is used. */
  confluence: ConfluenceSiteConfig | null;
  host: string;
  port: number;
  /** Bearer keys clients must present on /mcp and /v1. Required off loopback. */
  apiKeys: string[];
  /** Where runs, results and jobs are stored (SQLite). */
  dataDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  policy: PolicyConfig;
  /** How the HTTP service admits work; optional so hand-built configs (tests) may omit it. */
  service?: ServiceConfig;
  /** Retention and limits of the runs layer; optional, and unset fields take its defaults (src/runs). */
  runs?: RunsConfig;
  /** WORKBENCH_CLIENTS_FILE, as an absolute path; absent: the single-tenant forms. */
  clientsFile?: string;
  /** The clients of `clientsFile`, once loaded and checked by src/clients (`withClients`). */
  clients?: ClientDefinition[];
  /** The configured site's pacing, when the environment sets it (else the SDK's defaults). */
  siteLimits?: SiteLimitsConfig;
  /**
   * Whether the emulator's fault-injection routes (`/__emulator/faults`) are served: off unless
   * asked for (WORKBENCH_EMULATOR_FAULTS), since anyone reaching them can make every run fail.
   */
  emulatorFaults?: boolean;
  /** Limits on Confluence's answers; optional, and hand-built configs take the SDK's defaults. */
  responses?: ResponseLimitsConfig;
  /**
   * WORKBENCH_DATABASE_URL: runs, results, jobs and the site's rate limit live in this PostgreSQL,
   * shared by every instance that names it; absent: SQLite files in `dataDir`. Holds a password:
   * never logged (src/storage/postgres/pool.ts, `describeDatabaseUrl`).
   */
  databaseUrl?: string;
}

/**
 * How hard the workbench may drive the configured site (every run and job share it): raise it
 * for a site that allows more (a Data Center admin's limit, the emulator), lower it to be polite.
 */
export interface SiteLimitsConfig {
  /** Requests started per second (CONFLUENCE_MAX_REQUESTS_PER_SECOND; SDK default 25). */
  requestsPerSecond?: number;
  /** Requests in flight at once (CONFLUENCE_MAX_CONCURRENCY; SDK default 10). */
  concurrency?: number;
}

/** How much of Confluence's answers the SDK reads (src/confluence/http/read-body.ts). */
export interface ResponseLimitsConfig {
  /** The largest answer read, in bytes (WORKBENCH_MAX_RESPONSE_BYTES; default 32 MiB). */
  maxResponseBytes: number;
  /** Bytes of answers read at once across the service (WORKBENCH_MAX_RESPONSE_BYTES_IN_FLIGHT; default 256 MiB). */
  maxResponseBytesInFlight: number;
}

/** The runs layer's settings from the environment; each absent one keeps the runs layer's default. */
export interface RunsConfig {
  /** Runs kept at most; the oldest go first (WORKBENCH_RUNS_KEEP; default 1,000). */
  maxStoredRuns?: number;
  /** Days a run is kept (WORKBENCH_RUNS_KEEP_DAYS; default 30). */
  maxRunAgeDays?: number;
  /** Longest `timeoutMs` a caller may ask for, in ms (WORKBENCH_MAX_RUN_TIMEOUT_MS; default 120,000). */
  maxRunTimeoutMs?: number;
  /** Most CPU time a run may ask for, in ms (WORKBENCH_MAX_CPU_TIME_MS; default 60,000). */
  maxCpuTimeMs?: number;
  /** Most Confluence calls a run may ask for (WORKBENCH_MAX_HOST_CALLS; default 5,000). */
  maxHostCalls?: number;
  /** Largest return value stored, in bytes of JSON (WORKBENCH_MAX_RESULT_BYTES; default 32 MiB). */
  maxResultBytes?: number;
}

/** Admission and request-validation settings of `serve` (src/server/). */
export interface ServiceConfig {
  /** Runs executing at once across MCP and REST; more wait in the queue. */
  maxConcurrentRuns: number;
  /** Runs waiting for a slot; past it a run is refused at once (429/503, or an MCP `isError`). */
  maxQueuedRuns: number;
  /** Longest a run waits in the queue before it is refused. */
  maxQueueWaitMs: number;
  /** Largest request body accepted on /mcp and /v1, in bytes (413 past it). */
  maxRequestBytes: number;
  /** Host header names accepted (DNS-rebinding protection); empty: localhost names on loopback, any elsewhere. */
  allowedHosts: string[];
  /** Origin hostnames a browser may call from; localhost origins are always allowed on loopback. */
  allowedOrigins: string[];
}

/** Flags given on the command line; they win over the environment. */
export interface ConfigOverrides {
  host?: string;
  port?: number;
  dataDir?: string;
}

export { ConfigError } from './config/config-error.ts';
export { parseDatabaseUrl } from './config/database-url.ts';
export {
  DEFAULT_DATA_DIR,
  DEFAULT_HOST,
  DEFAULT_MAX_CONCURRENT_RUNS,
  DEFAULT_MAX_QUEUED_RUNS,
  DEFAULT_MAX_QUEUE_WAIT_MS,
  DEFAULT_MAX_REQUEST_BYTES,
  DEFAULT_MAX_WRITES_PER_RUN,
  DEFAULT_PORT,
  WORKBENCH_VARIABLES,
} from './config/variables.ts';
export const ATLASSIAN_GATEWAY = 'https://api.atlassian.com/ex/confluence';

type Env = Record<string, string | undefined>;

/**
 * The configuration: the environment read through its schema (src/config/variables.ts), then the
 * checks that involve several variables, then the flags.
 *
 * @throws ConfigError naming each variable that cannot work, its value and what it must be.
 */
export function loadConfig(
  env: Env = process.env,
  overrides: ConfigOverrides = {},
): WorkbenchConfig {
  const values = readEnvironment(env);
  const config: WorkbenchConfig = {
    confluence: resolveSite(values),
    host: overrides.host ?? values.WORKBENCH_HOST,
    port: overrides.port ?? values.WORKBENCH_PORT ?? values.PORT ?? DEFAULT_PORT,
    apiKeys: values.WORKBENCH_API_KEYS,
    dataDir: path.resolve(overrides.dataDir ?? values.WORKBENCH_DATA_DIR),
    logLevel: values.WORKBENCH_LOG_LEVEL,
    policy: {
      readOnly: values.WORKBENCH_READ_ONLY,
      allowedOperations: values.WORKBENCH_ALLOWED_OPERATIONS,
      allowedSpaces: values.WORKBENCH_ALLOWED_SPACES,
      maxWritesPerRun: values.WORKBENCH_MAX_WRITES_PER_RUN,
    },
    service: {
      maxConcurrentRuns: values.WORKBENCH_MAX_CONCURRENT_RUNS,
      maxQueuedRuns: values.WORKBENCH_MAX_QUEUED_RUNS,
      maxQueueWaitMs: values.WORKBENCH_MAX_QUEUE_WAIT_MS,
      maxRequestBytes: values.WORKBENCH_MAX_REQUEST_BYTES,
      allowedHosts: values.WORKBENCH_ALLOWED_HOSTS,
      allowedOrigins: values.WORKBENCH_ALLOWED_ORIGINS,
    },
    runs: definedOnly({
      maxStoredRuns: values.WORKBENCH_RUNS_KEEP,
      maxRunAgeDays: values.WORKBENCH_RUNS_KEEP_DAYS,
      maxRunTimeoutMs: values.WORKBENCH_MAX_RUN_TIMEOUT_MS,
      maxCpuTimeMs: values.WORKBENCH_MAX_CPU_TIME_MS,
      maxHostCalls: values.WORKBENCH_MAX_HOST_CALLS,
      maxResultBytes: values.WORKBENCH_MAX_RESULT_BYTES,
    }),
    emulatorFaults: values.WORKBENCH_EMULATOR_FAULTS,
    responses: responseLimitsOf(values),
    ...siteLimitsOf(values),
    ...(values.WORKBENCH_DATABASE_URL === undefined
      ? {}
      : { databaseUrl: values.WORKBENCH_DATABASE_URL }),
  };
  const clientsFile = clientsFileOf(values);
  return clientsFile ? { ...config, clientsFile } : config;
}

/** The object without its undefined fields (exactOptionalPropertyTypes: absent, not undefined). */
function definedOnly<T extends object>(fields: { [K in keyof T]: T[K] | undefined }): T {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as T;
}

/**
 * WORKBENCH_CLIENTS_FILE (read and checked by src/clients/load-clients.ts). Setting it together
 * with WORKBENCH_API_KEYS is refused: which keys are whose would be ambiguous.
 */
function clientsFileOf(values: EnvironmentValues): string | undefined {
  const file = values.WORKBENCH_CLIENTS_FILE;
  if (file === undefined) return undefined;
  if (values.WORKBENCH_API_KEYS.length > 0) {
    throw new ConfigError(
      'WORKBENCH_API_KEYS and WORKBENCH_CLIENTS_FILE are both set: use one. With a clients file, give each key its own entry there (role: admin keeps the access it had).',
    );
  }
  return path.resolve(file);
}

function siteLimitsOf(values: EnvironmentValues): { siteLimits?: SiteLimitsConfig } {
  const siteLimits = definedOnly<SiteLimitsConfig>({
    requestsPerSecond: values.CONFLUENCE_MAX_REQUESTS_PER_SECOND,
    concurrency: values.CONFLUENCE_MAX_CONCURRENCY,
  });
  return Object.keys(siteLimits).length === 0 ? {} : { siteLimits };
}

/** The in-flight budget defaults to 256 MiB, or to one answer of the largest size when that is more. */
function responseLimitsOf(values: EnvironmentValues): ResponseLimitsConfig {
  const maxResponseBytes = values.WORKBENCH_MAX_RESPONSE_BYTES;
  const maxResponseBytesInFlight =
    values.WORKBENCH_MAX_RESPONSE_BYTES_IN_FLIGHT ??
    Math.max(DEFAULT_MAX_RESPONSE_BYTES_IN_FLIGHT, maxResponseBytes);
  if (maxResponseBytesInFlight < maxResponseBytes) {
    throw new ConfigError(
      `WORKBENCH_MAX_RESPONSE_BYTES_IN_FLIGHT (${maxResponseBytesInFlight}) must be at least WORKBENCH_MAX_RESPONSE_BYTES (${maxResponseBytes}): one answer of the largest size must fit`,
    );
  }
  return { maxResponseBytes, maxResponseBytesInFlight };
}

/**
 * WORKBENCH_EMULATOR_FAULTS alone, for `confluence-workbench emulator` (which needs nothing else
 * of the configuration).
 *
 * @example
 * emulatorFaultsEnabled({ WORKBENCH_EMULATOR_FAULTS: '1' }); // true
 */
export function emulatorFaultsEnabled(env: Env = process.env): boolean {
  return readEnvironment(env).WORKBENCH_EMULATOR_FAULTS;
}

/**
 * Whether the command was started by a package manager's script (`npm start`): npm forwards
 * SIGTERM to its `sh -c`, which dies without passing it on, so such a command must notice its
 * parent going away by itself. Only then: a service started with `nohup`, `setsid` or `&` +
 * `disown` is meant to outlive the shell that started it.
 *
 * @example
 * startedByPackageScript({ npm_lifecycle_event: 'start' }); // true
 */
export function startedByPackageScript(env: Env = process.env): boolean {
  return Boolean(env['npm_lifecycle_event']?.trim());
}

/** True for addresses only this machine can reach; keys are optional there. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\./.test(host);
}

function resolveSite(values: EnvironmentValues): ConfluenceSiteConfig | null {
  const {
    CONFLUENCE_CLOUD_ID: cloudId,
    CONFLUENCE_BASE_URL: explicitBase,
    CONFLUENCE_ACCESS_TOKEN: accessToken,
    CONFLUENCE_EMAIL: email,
    CONFLUENCE_API_TOKEN: apiToken,
  } = values;
  if (!cloudId && !explicitBase && !accessToken && !email && !apiToken) return null;

  const baseUrl = explicitBase ?? (cloudId ? `${ATLASSIAN_GATEWAY}/${cloudId}` : undefined);
  if (!baseUrl) {
    throw new ConfigError(
      'Confluence credentials are set but no site is: set CONFLUENCE_BASE_URL (e.g. https://acme.atlassian.net) or CONFLUENCE_CLOUD_ID',
    );
  }
  if (accessToken) return { baseUrl, auth: { kind: 'bearer', accessToken } };
  if (email && apiToken) return { baseUrl, auth: { kind: 'basic', email, apiToken } };
  throw new ConfigError(
    'CONFLUENCE_BASE_URL is set but credentials are incomplete: set CONFLUENCE_EMAIL and CONFLUENCE_API_TOKEN (basic), or CONFLUENCE_ACCESS_TOKEN (bearer)',
  );
}

/**
 * Warnings about the environment: a `WORKBENCH_*` variable nothing reads (a typo such as
 * `WORKBENCH_READONLY` would otherwise be ignored in silence), with the nearest real name.
 *
 * @example
 * unknownVariableWarnings({ WORKBENCH_READONLY: '1' });
 * // ['unknown variable WORKBENCH_READONLY is ignored (did you mean WORKBENCH_READ_ONLY?)']
 */
export function unknownVariableWarnings(env: Env = process.env): string[] {
  return warningsAbout(env);
}

/**
 * Checks the environment against its schema alone (types and ranges of every variable): an
 * error rather than a silent clamp.
 *
 * @throws ConfigError naming the variable, the value and what it must be.
 * @example
 * assertSettingsInRange({ WORKBENCH_MAX_CONCURRENT_RUNS: '0' }); // throws
 */
export function assertSettingsInRange(env: Env = process.env): void {
  readEnvironment(env);
}

/**
 * Loads `.env` from `directory` into the environment, if there is one; variables already set win
 * (Node's own loader, process.loadEnvFile, does not overwrite them). Returns the file read.
 *
 * @example
 * loadDotEnv(process.cwd()); // '/home/me/project/.env' or undefined
 */
export function loadDotEnv(directory: string): string | undefined {
  const file = path.join(directory, '.env');
  if (!existsSync(file)) return undefined;
  try {
    process.loadEnvFile(file);
  } catch (error) {
    throw new ConfigError(`cannot read ${file}: ${(error as Error).message}`);
  }
  return file;
}
