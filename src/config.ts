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
import { closest } from 'fastest-levenshtein';
// Type only: the clients file is loaded by src/clients (withClients), so that commands which do
// not serve (`--help`, `runs`, `types`) do not import the SDK registry it checks names against.
import type { ClientDefinition } from './clients/load-clients.ts';
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_MAX_RESPONSE_BYTES_IN_FLIGHT,
} from './confluence/http/response-budget.ts';

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

/** A configuration that cannot work; the CLI reports it and exits with code 2. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8787;
export const DEFAULT_DATA_DIR = '.workbench';
export const DEFAULT_MAX_WRITES_PER_RUN = 500;
export const ATLASSIAN_GATEWAY = 'https://api.atlassian.com/ex/confluence';
export const DEFAULT_MAX_CONCURRENT_RUNS = 8;
export const DEFAULT_MAX_QUEUED_RUNS = 64;
export const DEFAULT_MAX_QUEUE_WAIT_MS = 20_000;
export const DEFAULT_MAX_REQUEST_BYTES = 1_048_576; // 1 MiB

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function loadConfig(
  env: Env = process.env,
  overrides: ConfigOverrides = {},
): WorkbenchConfig {
  const port = overrides.port ?? parsePort(env['WORKBENCH_PORT'] ?? env['PORT']);
  const logLevel = (env['WORKBENCH_LOG_LEVEL'] ?? 'info').toLowerCase();
  if (!isLogLevel(logLevel)) {
    throw new ConfigError(
      `WORKBENCH_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}; got "${logLevel}"`,
    );
  }
  const config: WorkbenchConfig = {
    confluence: resolveSite(env),
    host: overrides.host ?? nonEmpty(env['WORKBENCH_HOST']) ?? DEFAULT_HOST,
    port,
    apiKeys: list(env['WORKBENCH_API_KEYS']),
    dataDir: path.resolve(
      overrides.dataDir ?? nonEmpty(env['WORKBENCH_DATA_DIR']) ?? DEFAULT_DATA_DIR,
    ),
    logLevel,
    policy: {
      readOnly: flag(env['WORKBENCH_READ_ONLY'], 'WORKBENCH_READ_ONLY'),
      allowedOperations: list(env['WORKBENCH_ALLOWED_OPERATIONS']),
      allowedSpaces: list(env['WORKBENCH_ALLOWED_SPACES']),
      maxWritesPerRun: positiveInt(
        env['WORKBENCH_MAX_WRITES_PER_RUN'],
        'WORKBENCH_MAX_WRITES_PER_RUN',
        DEFAULT_MAX_WRITES_PER_RUN,
      ),
    },
    service: loadServiceConfig(env),
    runs: { ...loadRunsConfig(env), ...loadRunLimitsConfig(env) },
    emulatorFaults: emulatorFaultsEnabled(env),
    responses: loadResponseLimits(env),
    ...siteLimitsOf(env),
  };
  const databaseUrl = nonEmpty(env['WORKBENCH_DATABASE_URL']);
  if (databaseUrl !== undefined) {
    parseDatabaseUrl(databaseUrl);
    config.databaseUrl = databaseUrl;
  }
  const clientsFile = clientsFileOf(env);
  return clientsFile ? { ...config, clientsFile } : config;
}

const PROTOCOLS = new Set(['postgres:', 'postgresql:']);

/**
 * Checks the form of a database URL: a ConfigError (exit code 2) rather than a driver error later.
 *
 * @example
 * parseDatabaseUrl('postgres://wb:secret@db:5432/workbench'); // ok
 * parseDatabaseUrl('mysql://db/x'); // throws ConfigError
 */
export function parseDatabaseUrl(value: string, setting = 'WORKBENCH_DATABASE_URL'): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(
      `${setting} must be a PostgreSQL URL such as postgres://user:password@host:5432/database`,
    );
  }
  if (!PROTOCOLS.has(url.protocol)) {
    throw new ConfigError(
      `${setting} must start with postgres:// or postgresql:// (got ${url.protocol}//…)`,
    );
  }
  if (url.pathname.length <= 1 && !url.searchParams.has('host')) {
    throw new ConfigError(`${setting} must name a database: postgres://…/<database>`);
  }
  return url;
}

/**
 * WORKBENCH_CLIENTS_FILE (read and checked by src/clients/load-clients.ts). Setting it together
 * with WORKBENCH_API_KEYS is refused: which keys are whose would be ambiguous.
 */
function clientsFileOf(env: Env): string | undefined {
  const file = nonEmpty(env['WORKBENCH_CLIENTS_FILE']);
  if (file === undefined) return undefined;
  if (list(env['WORKBENCH_API_KEYS']).length > 0) {
    throw new ConfigError(
      'WORKBENCH_API_KEYS and WORKBENCH_CLIENTS_FILE are both set: use one. With a clients file, give each key its own entry there (role: admin keeps the access it had).',
    );
  }
  return path.resolve(file);
}

function siteLimitsOf(env: Env): { siteLimits?: SiteLimitsConfig } {
  const read = (name: string): number | undefined => {
    const raw = env[name];
    if (raw === undefined || raw === '') return undefined;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0 || value > 10_000) {
      throw new ConfigError(`${name} must be a number from 1 to 10000; got "${raw}"`);
    }
    return value;
  };
  const requestsPerSecond = read('CONFLUENCE_MAX_REQUESTS_PER_SECOND');
  const concurrency = read('CONFLUENCE_MAX_CONCURRENCY');
  if (requestsPerSecond === undefined && concurrency === undefined) return {};
  return {
    siteLimits: {
      ...(requestsPerSecond === undefined
        ? {}
        : { requestsPerSecond: Math.floor(requestsPerSecond) }),
      ...(concurrency === undefined ? {} : { concurrency: Math.floor(concurrency) }),
    },
  };
}

/** The smallest answer cap allowed: below it ordinary pages of results could not be read. */
const MIN_RESPONSE_BYTES = 64 * 1024;

function loadResponseLimits(env: Env): ResponseLimitsConfig {
  const maxResponseBytes = positiveInt(
    env['WORKBENCH_MAX_RESPONSE_BYTES'],
    'WORKBENCH_MAX_RESPONSE_BYTES',
    DEFAULT_MAX_RESPONSE_BYTES,
  );
  const maxResponseBytesInFlight = positiveInt(
    env['WORKBENCH_MAX_RESPONSE_BYTES_IN_FLIGHT'],
    'WORKBENCH_MAX_RESPONSE_BYTES_IN_FLIGHT',
    Math.max(DEFAULT_MAX_RESPONSE_BYTES_IN_FLIGHT, maxResponseBytes),
  );
  if (maxResponseBytes < MIN_RESPONSE_BYTES) {
    throw new ConfigError(
      `WORKBENCH_MAX_RESPONSE_BYTES must be at least ${MIN_RESPONSE_BYTES} bytes; got ${maxResponseBytes}`,
    );
  }
  if (maxResponseBytesInFlight < maxResponseBytes) {
    throw new ConfigError(
      `WORKBENCH_MAX_RESPONSE_BYTES_IN_FLIGHT (${maxResponseBytesInFlight}) must be at least WORKBENCH_MAX_RESPONSE_BYTES (${maxResponseBytes}): one answer of the largest size must fit`,
    );
  }
  return { maxResponseBytes, maxResponseBytesInFlight };
}

/** An optional integer variable of at least `minimum`; anything else is a ConfigError naming it. */
function integerSetting(env: Env, name: string, minimum: number): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < minimum) {
    throw new ConfigError(`${name} must be an integer of at least ${minimum}; got "${raw}"`);
  }
  return value;
}

function loadRunsConfig(env: Env): RunsConfig {
  const setting = (name: string, minimum: number) => integerSetting(env, name, minimum);
  const maxStoredRuns = setting('WORKBENCH_RUNS_KEEP', 1);
  const maxRunAgeDays = setting('WORKBENCH_RUNS_KEEP_DAYS', 1);
  const maxRunTimeoutMs = setting('WORKBENCH_MAX_RUN_TIMEOUT_MS', 1_000);
  return {
    ...(maxStoredRuns === undefined ? {} : { maxStoredRuns }),
    ...(maxRunAgeDays === undefined ? {} : { maxRunAgeDays }),
    ...(maxRunTimeoutMs === undefined ? {} : { maxRunTimeoutMs }),
  };
}

/** The ceilings of what one run may ask for (CPU, calls) or produce (its return value). */
function loadRunLimitsConfig(env: Env): RunsConfig {
  const setting = (name: string, minimum: number) => integerSetting(env, name, minimum);
  const maxCpuTimeMs = setting('WORKBENCH_MAX_CPU_TIME_MS', 100);
  const maxHostCalls = setting('WORKBENCH_MAX_HOST_CALLS', 1);
  const maxResultBytes = setting('WORKBENCH_MAX_RESULT_BYTES', 1_024);
  return {
    ...(maxCpuTimeMs === undefined ? {} : { maxCpuTimeMs }),
    ...(maxHostCalls === undefined ? {} : { maxHostCalls }),
    ...(maxResultBytes === undefined ? {} : { maxResultBytes }),
  };
}

function loadServiceConfig(env: Env): ServiceConfig {
  return {
    maxConcurrentRuns: Math.max(
      1,
      positiveInt(
        env['WORKBENCH_MAX_CONCURRENT_RUNS'],
        'WORKBENCH_MAX_CONCURRENT_RUNS',
        DEFAULT_MAX_CONCURRENT_RUNS,
      ),
    ),
    maxQueuedRuns: positiveInt(
      env['WORKBENCH_MAX_QUEUED_RUNS'],
      'WORKBENCH_MAX_QUEUED_RUNS',
      DEFAULT_MAX_QUEUED_RUNS,
    ),
    maxQueueWaitMs: positiveInt(
      env['WORKBENCH_MAX_QUEUE_WAIT_MS'],
      'WORKBENCH_MAX_QUEUE_WAIT_MS',
      DEFAULT_MAX_QUEUE_WAIT_MS,
    ),
    maxRequestBytes: Math.max(
      1024,
      positiveInt(
        env['WORKBENCH_MAX_REQUEST_BYTES'],
        'WORKBENCH_MAX_REQUEST_BYTES',
        DEFAULT_MAX_REQUEST_BYTES,
      ),
    ),
    allowedHosts: list(env['WORKBENCH_ALLOWED_HOSTS']),
    allowedOrigins: list(env['WORKBENCH_ALLOWED_ORIGINS']),
  };
}

/**
 * WORKBENCH_EMULATOR_FAULTS alone, for `confluence-workbench emulator` (which needs nothing else
 * of the configuration).
 *
 * @example
 * emulatorFaultsEnabled({ WORKBENCH_EMULATOR_FAULTS: '1' }); // true
 */
export function emulatorFaultsEnabled(env: Env = process.env): boolean {
  return flag(env['WORKBENCH_EMULATOR_FAULTS'], 'WORKBENCH_EMULATOR_FAULTS');
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
  return Boolean(nonEmpty(env['npm_lifecycle_event']));
}

/** True for addresses only this machine can reach; keys are optional there. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\./.test(host);
}

function resolveSite(env: Env): ConfluenceSiteConfig | null {
  const cloudId = nonEmpty(env['CONFLUENCE_CLOUD_ID']);
  const explicitBase = nonEmpty(env['CONFLUENCE_BASE_URL']);
  const accessToken = nonEmpty(env['CONFLUENCE_ACCESS_TOKEN']);
  const email = nonEmpty(env['CONFLUENCE_EMAIL']);
  const apiToken = nonEmpty(env['CONFLUENCE_API_TOKEN']);
  if (!cloudId && !explicitBase && !accessToken && !email && !apiToken) return null;

  const baseUrl = explicitBase ?? (cloudId ? `${ATLASSIAN_GATEWAY}/${cloudId}` : undefined);
  if (!baseUrl) {
    throw new ConfigError(
      'Confluence credentials are set but no site is: set CONFLUENCE_BASE_URL (e.g. https://acme.atlassian.net) or CONFLUENCE_CLOUD_ID',
    );
  }
  const normalized = normalizeBaseUrl(baseUrl);
  if (accessToken) return { baseUrl: normalized, auth: { kind: 'bearer', accessToken } };
  if (email && apiToken) return { baseUrl: normalized, auth: { kind: 'basic', email, apiToken } };
  throw new ConfigError(
    'CONFLUENCE_BASE_URL is set but credentials are incomplete: set CONFLUENCE_EMAIL and CONFLUENCE_API_TOKEN (basic), or CONFLUENCE_ACCESS_TOKEN (bearer)',
  );
}

function normalizeBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`CONFLUENCE_BASE_URL is not a URL: "${raw}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`CONFLUENCE_BASE_URL must be http(s); got "${url.protocol}"`);
  }
  // Accept a pasted `/wiki` or `/wiki/...` suffix: the SDK adds `/wiki/api/v2` and `/wiki/rest/api`.
  const pathname = url.pathname.replace(/\/wiki(\/.*)?$/, '').replace(/\/+$/, '');
  return `${url.origin}${pathname}`;
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new ConfigError(`port must be an integer between 0 and 65535; got "${raw}"`);
  }
  return port;
}

function positiveInt(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new ConfigError(`${name} must be a non-negative integer; got "${raw}"`);
  }
  return value;
}

function flag(raw: string | undefined, name: string): boolean {
  if (raw === undefined || raw === '') return false;
  const value = raw.toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  throw new ConfigError(`${name} must be true or false; got "${raw}"`);
}

function list(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

function nonEmpty(raw: string | undefined): string | undefined {
  const value = raw?.trim();
  return value ? value : undefined;
}

function isLogLevel(value: string): value is WorkbenchConfig['logLevel'] {
  return (LOG_LEVELS as readonly string[]).includes(value);
}

// ── Checks of the environment as a whole (issue 12): kept apart from loadConfig on purpose ──

/**
 * Every `WORKBENCH_*` variable read here, for the unknown-variable warning; a test checks that
 * this list and the names this file reads agree.
 */
export const WORKBENCH_VARIABLES: readonly string[] = [
  'WORKBENCH_ALLOWED_HOSTS',
  'WORKBENCH_ALLOWED_OPERATIONS',
  'WORKBENCH_ALLOWED_ORIGINS',
  'WORKBENCH_ALLOWED_SPACES',
  'WORKBENCH_API_KEYS',
  'WORKBENCH_CLIENTS_FILE',
  'WORKBENCH_DATABASE_URL',
  'WORKBENCH_DATA_DIR',
  'WORKBENCH_EMULATOR_FAULTS',
  'WORKBENCH_HOST',
  'WORKBENCH_LOG_LEVEL',
  'WORKBENCH_MAX_CONCURRENT_RUNS',
  'WORKBENCH_MAX_CPU_TIME_MS',
  'WORKBENCH_MAX_HOST_CALLS',
  'WORKBENCH_MAX_QUEUED_RUNS',
  'WORKBENCH_MAX_QUEUE_WAIT_MS',
  'WORKBENCH_MAX_REQUEST_BYTES',
  'WORKBENCH_MAX_RESPONSE_BYTES',
  'WORKBENCH_MAX_RESPONSE_BYTES_IN_FLIGHT',
  'WORKBENCH_MAX_RESULT_BYTES',
  'WORKBENCH_MAX_RUN_TIMEOUT_MS',
  'WORKBENCH_MAX_WRITES_PER_RUN',
  'WORKBENCH_PORT',
  'WORKBENCH_READ_ONLY',
  'WORKBENCH_RUNS_KEEP',
  'WORKBENCH_RUNS_KEEP_DAYS',
];

/** Read by MCP clients (the README's snippets), not by the workbench: never a typo. */
const CLIENT_VARIABLES = ['WORKBENCH_API_KEY'];

/**
 * Warnings about the environment: a `WORKBENCH_*` variable nothing reads (a typo such as
 * `WORKBENCH_READONLY` would otherwise be ignored in silence), with the nearest real name.
 *
 * @example
 * unknownVariableWarnings({ WORKBENCH_READONLY: '1' });
 * // ['unknown variable WORKBENCH_READONLY is ignored (did you mean WORKBENCH_READ_ONLY?)']
 */
export function unknownVariableWarnings(env: Env = process.env): string[] {
  const known = [...WORKBENCH_VARIABLES, ...CLIENT_VARIABLES];
  return Object.keys(env)
    .filter((name) => name.startsWith('WORKBENCH_') && !known.includes(name))
    .sort()
    .map((name) => {
      const nearest = closest(name, [...WORKBENCH_VARIABLES]);
      return `unknown variable ${name} is ignored (did you mean ${nearest}?)`;
    });
}

/**
 * Settings that parse but cannot mean what was written: an error rather than a silent clamp.
 *
 * @throws ConfigError naming the variable, the value and what it must be.
 * @example
 * assertSettingsInRange({ WORKBENCH_MAX_CONCURRENT_RUNS: '0' }); // throws
 */
export function assertSettingsInRange(env: Env = process.env): void {
  const concurrent = env['WORKBENCH_MAX_CONCURRENT_RUNS']?.trim();
  if (concurrent !== undefined && concurrent !== '' && Number(concurrent) < 1) {
    throw new ConfigError(
      `WORKBENCH_MAX_CONCURRENT_RUNS must be at least 1 (no run could start); got "${concurrent}"`,
    );
  }
  const requestBytes = env['WORKBENCH_MAX_REQUEST_BYTES']?.trim();
  if (requestBytes !== undefined && requestBytes !== '' && Number(requestBytes) < 1024) {
    throw new ConfigError(
      `WORKBENCH_MAX_REQUEST_BYTES must be at least 1024 bytes; got "${requestBytes}"`,
    );
  }
  const keys = env['WORKBENCH_API_KEYS'];
  if (keys !== undefined && keys.trim() !== '' && list(keys).length === 0) {
    // "," would otherwise mean no keys at all: a server the operator believes protected is open.
    throw new ConfigError(
      `WORKBENCH_API_KEYS is set but names no key ("${keys}"): give comma-separated keys, or unset it`,
    );
  }
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
