/**
 * Every environment variable the workbench reads, declared once: its type and range, its default
 * and what it means (zod 4, already the SDK's schema library). The list of names, the
 * unknown-variable warnings, the range errors and the README's configuration table all follow from
 * this schema (test/config-schema.test.ts checks the table). src/config.ts turns the parsed values
 * into a WorkbenchConfig; the checks that involve two variables at once live there.
 *
 * @example
 * const values = readEnvironment({ WORKBENCH_PORT: '9000' });
 * values.WORKBENCH_PORT; // 9000
 */
import { closest } from 'fastest-levenshtein';
import { z } from 'zod';
import { ConfigError } from './config-error.ts';
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_MAX_RESPONSE_BYTES_IN_FLIGHT,
} from '../confluence/http/response-budget.ts';
import { databaseUrl, flag, integer, isUnset, list, oneOf, siteUrl, text } from './env-values.ts';

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8787;
export const DEFAULT_DATA_DIR = '.workbench';
export const DEFAULT_MAX_WRITES_PER_RUN = 500;
export const DEFAULT_MAX_CONCURRENT_RUNS = 8;
export const DEFAULT_MAX_QUEUED_RUNS = 64;
export const DEFAULT_MAX_QUEUE_WAIT_MS = 20_000;
export const DEFAULT_MAX_REQUEST_BYTES = 1_048_576; // 1 MiB
/** The smallest answer cap allowed: below it ordinary pages of results could not be read. */
export const MIN_RESPONSE_BYTES = 64 * 1024;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const port = () => integer({ min: 0, max: 65_535, why: 'a TCP port' });
const siteLimit = () => integer({ min: 1, max: 10_000 });

/** The Confluence site and how the SDK signs in to it (src/config.ts checks they fit together). */
const CONFLUENCE = {
  CONFLUENCE_BASE_URL: siteUrl()
    .optional()
    .describe('the site, e.g. `https://acme.atlassian.net` (a trailing `/wiki` is fine)'),
  CONFLUENCE_EMAIL: text().optional().describe('basic auth: the account e-mail'),
  CONFLUENCE_API_TOKEN: text().optional().describe('basic auth: an Atlassian API token'),
  CONFLUENCE_ACCESS_TOKEN: text().optional().describe('bearer auth (OAuth 2.0 access token)'),
  CONFLUENCE_CLOUD_ID: text()
    .optional()
    .describe(
      'use the gateway `https://api.atlassian.com/ex/confluence/{cloudId}` (OAuth and scoped tokens)',
    ),
  CONFLUENCE_MAX_REQUESTS_PER_SECOND: siteLimit()
    .optional()
    .describe(
      'requests per second the workbench starts against the configured site (all runs and jobs); SDK default 25',
    ),
  CONFLUENCE_MAX_CONCURRENCY: siteLimit()
    .optional()
    .describe('requests in flight at once against the configured site; SDK default 10'),
};

/** Who may call the service, where it listens, where it keeps its data. */
const SERVICE = {
  WORKBENCH_API_KEYS: list({ atLeastOne: 'key' })
    .default(() => [])
    .describe(
      'comma-separated bearer keys clients must present at `/mcp` and `/v1`; required off loopback',
    ),
  WORKBENCH_CLIENTS_FILE: text()
    .optional()
    .describe(
      'JSON or YAML file of clients: keys, roles, policies, Confluence users (see Tenants)',
    ),
  WORKBENCH_DATA_DIR: text()
    .default(DEFAULT_DATA_DIR)
    .describe('where runs, results, jobs and the embedded emulator’s database are stored'),
  WORKBENCH_DATABASE_URL: databaseUrl()
    .optional()
    .describe(
      'PostgreSQL shared by several instances instead of SQLite files in the data directory',
    ),
  WORKBENCH_HOST: text().default(DEFAULT_HOST).describe('where `serve` listens (`--host` wins)'),
  WORKBENCH_PORT: port().optional().describe('where `serve` listens (`--port` wins); default 8787'),
  PORT: port()
    .optional()
    .describe('the port when WORKBENCH_PORT is unset (platforms that set PORT)'),
  WORKBENCH_LOG_LEVEL: oneOf(LOG_LEVELS).default('info').describe('`fatal` … `trace`, or `silent`'),
  WORKBENCH_ALLOWED_HOSTS: list()
    .default(() => [])
    .describe(
      'Host names accepted (DNS-rebinding protection); loopback binds accept localhost names',
    ),
  WORKBENCH_ALLOWED_ORIGINS: list()
    .default(() => [])
    .describe('browser Origin hostnames accepted; localhost origins are accepted on loopback'),
  WORKBENCH_EMULATOR_FAULTS: flag()
    .default(false)
    .describe('serve the emulator’s fault-injection switch (`/__emulator/faults`); for tests only'),
};

/** What scripts may do (held on the host for every call). */
const POLICY = {
  WORKBENCH_READ_ONLY: flag().default(false).describe('refuse every write'),
  WORKBENCH_ALLOWED_OPERATIONS: list()
    .default(() => [])
    .describe('SDK operations (or `pages.*`) scripts may call; a typo stops the start'),
  WORKBENCH_ALLOWED_SPACES: list()
    .default(() => [])
    .describe('space keys (any case) scripts may read and write; unknown keys stop the start'),
  WORKBENCH_MAX_WRITES_PER_RUN: integer({ min: 0 })
    .default(DEFAULT_MAX_WRITES_PER_RUN)
    .describe('writes one run may make'),
};

/** How the service admits runs and how large requests and answers may be. */
const LIMITS = {
  WORKBENCH_MAX_CONCURRENT_RUNS: integer({ min: 1, why: 'no run could start' })
    .default(DEFAULT_MAX_CONCURRENT_RUNS)
    .describe('runs executing at once (MCP and REST together)'),
  WORKBENCH_MAX_QUEUED_RUNS: integer({ min: 0 })
    .default(DEFAULT_MAX_QUEUED_RUNS)
    .describe('runs waiting for a slot; past it a run is refused with a retry hint'),
  WORKBENCH_MAX_QUEUE_WAIT_MS: integer({ min: 0 })
    .default(DEFAULT_MAX_QUEUE_WAIT_MS)
    .describe('longest a run waits in the queue before it is refused'),
  WORKBENCH_MAX_REQUEST_BYTES: integer({ min: 1024, unit: 'bytes' })
    .default(DEFAULT_MAX_REQUEST_BYTES)
    .describe('largest request body on `/mcp` and `/v1` (413 past it)'),
  WORKBENCH_MAX_RESPONSE_BYTES: integer({ min: MIN_RESPONSE_BYTES, unit: 'bytes' })
    .default(DEFAULT_MAX_RESPONSE_BYTES)
    .describe(
      'largest Confluence answer read; past it the connection is dropped (`RESPONSE_TOO_LARGE`)',
    ),
  WORKBENCH_MAX_RESPONSE_BYTES_IN_FLIGHT: integer({ min: MIN_RESPONSE_BYTES, unit: 'bytes' })
    .optional()
    .describe(
      `bytes of Confluence answers read at once across the service (at least WORKBENCH_MAX_RESPONSE_BYTES); default ${DEFAULT_MAX_RESPONSE_BYTES_IN_FLIGHT}`,
    ),
};

/** The runs layer's retention and the ceilings of what one run may ask for (unset: its defaults). */
const RUNS = {
  WORKBENCH_RUNS_KEEP: integer({ min: 1 })
    .optional()
    .describe('stored runs kept at most (oldest removed first); default 1000'),
  WORKBENCH_RUNS_KEEP_DAYS: integer({ min: 1 })
    .optional()
    .describe('days a stored run is kept; default 30'),
  WORKBENCH_MAX_RUN_TIMEOUT_MS: integer({ min: 1_000 })
    .optional()
    .describe('the largest `timeoutMs` a run may ask for; default 120000'),
  WORKBENCH_MAX_CPU_TIME_MS: integer({ min: 100 })
    .optional()
    .describe('the largest `cpuTimeMs` a run may ask for; default 60000'),
  WORKBENCH_MAX_HOST_CALLS: integer({ min: 1 })
    .optional()
    .describe('the largest `maxHostCalls` (Confluence calls) a run may ask for; default 5000'),
  WORKBENCH_MAX_RESULT_BYTES: integer({ min: 1_024, unit: 'bytes' })
    .optional()
    .describe('largest return value a run may produce (JSON bytes); default 33554432'),
};

/** The schema of the environment: one entry per variable the workbench reads. */
export const ENVIRONMENT_SCHEMA = z.object({
  ...CONFLUENCE,
  ...SERVICE,
  ...POLICY,
  ...LIMITS,
  ...RUNS,
});

/** The environment once read: every variable converted, defaults filled in. */
export type EnvironmentValues = z.output<typeof ENVIRONMENT_SCHEMA>;

type Env = Record<string, string | undefined>;

/** Every variable of the schema, sorted. */
export const ENVIRONMENT_VARIABLES: readonly string[] = Object.keys(
  ENVIRONMENT_SCHEMA.shape,
).sort();

/** The `WORKBENCH_*` variables of the schema (what the unknown-variable warning knows). */
export const WORKBENCH_VARIABLES: readonly string[] = ENVIRONMENT_VARIABLES.filter((name) =>
  name.startsWith('WORKBENCH_'),
);

/**
 * Reads the environment through the schema: blank values count as unset; every variable that
 * cannot be read is named in one ConfigError, one line each, with the value and what it must be.
 *
 * @throws ConfigError
 */
export function readEnvironment(env: Env): EnvironmentValues {
  const set: Record<string, string> = {};
  for (const name of ENVIRONMENT_VARIABLES) {
    const raw = env[name];
    if (!isUnset(raw)) set[name] = raw;
  }
  const parsed = ENVIRONMENT_SCHEMA.safeParse(set);
  if (parsed.success) return parsed.data;
  throw new ConfigError(
    parsed.error.issues
      .map((issue) => `${issue.path.join('.')} ${issue.message}`)
      .sort()
      .join('\n'),
  );
}

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
export function unknownVariableWarnings(env: Env): string[] {
  const known = new Set([...WORKBENCH_VARIABLES, ...CLIENT_VARIABLES]);
  return Object.keys(env)
    .filter((name) => name.startsWith('WORKBENCH_') && !known.has(name))
    .sort()
    .map((name) => {
      const nearest = closest(name, [...WORKBENCH_VARIABLES]);
      return `unknown variable ${name} is ignored (did you mean ${nearest}?)`;
    });
}
