/**
 * Loads WORKBENCH_CLIENTS_FILE: reads it (JSON by its `.json` extension, else YAML, of which JSON
 * is a subset), checks it against ./clients-file.ts's schema, then the rules that span entries
 * (unique names, unique keys however given, known operation names) and narrows each client's
 * policy by the server's. Errors are values: config.ts turns them into one ConfigError (exit 2).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  ATLASSIAN_GATEWAY,
  ConfigError,
  type PolicyConfig,
  type WorkbenchConfig,
} from '../config.ts';
import { OPERATIONS } from '../confluence/operations/index.ts';
import { clientsFileSchema, describeIssues, type ClientEntry } from './clients-file.ts';
import { narrowPolicy } from './narrow-policy.ts';
import { defineTenant, type Tenant, type TenantCredential } from './types.ts';

/** One client of the file, resolved: the tenant every request with its key becomes. */
export interface ClientDefinition {
  tenant: Tenant;
  /** SHA-256 of the key, lower-case hex: the key itself is not kept. */
  keySha256: string;
}

export interface LoadClientsOptions {
  /** The server's policy, which every client's can only narrow. */
  policy: PolicyConfig;
  /** Base URL for an OAuth client with a cloudId (`https://api.atlassian.com/ex/confluence`). */
  gateway: string;
}

export type LoadClientsResult =
  { ok: true; clients: ClientDefinition[] } | { ok: false; message: string };

/**
 * The configuration with its clients file loaded and checked (`config.clients`); unchanged when
 * there is no file or it is loaded already. Called at start by `serve` and by everything that
 * resolves keys (createClientDirectory, startServer).
 *
 * @throws {ConfigError} saying where in the file each problem is (the CLI exits 2).
 * @example
 * const config = withClients(loadConfig());
 */
export function withClients(config: WorkbenchConfig): WorkbenchConfig {
  if (config.clientsFile === undefined || config.clients !== undefined) return config;
  const loaded = loadClientsFile(config.clientsFile, {
    policy: config.policy,
    gateway: ATLASSIAN_GATEWAY,
  });
  if (!loaded.ok) {
    throw new ConfigError(`WORKBENCH_CLIENTS_FILE ${config.clientsFile}: ${loaded.message}`);
  }
  return { ...config, clients: loaded.clients };
}

/**
 * @example
 * const loaded = loadClientsFile('/etc/workbench/clients.yaml', { policy, gateway: ATLASSIAN_GATEWAY });
 * if (!loaded.ok) throw new ConfigError(loaded.message);
 */
export function loadClientsFile(file: string, options: LoadClientsOptions): LoadClientsResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return {
      ok: false,
      message: `cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    };
  }
  let data: unknown;
  try {
    data = path.extname(file).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    return {
      ok: false,
      message: `not valid ${path.extname(file).toLowerCase() === '.json' ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}`,
    };
  }
  return resolveClients(data, options);
}

/**
 * The same, from data already parsed.
 *
 * @example
 * resolveClients({ clients: [{ name: 'ops', key: 'k', role: 'admin' }] }, options);
 */
export function resolveClients(data: unknown, options: LoadClientsOptions): LoadClientsResult {
  const parsed = clientsFileSchema.safeParse(data);
  if (!parsed.success) return { ok: false, message: describeIssues(parsed.error) };
  const problems: string[] = [];
  const names = new Map<string, number>();
  const digests = new Map<string, number>();
  const clients: ClientDefinition[] = [];
  parsed.data.clients.forEach((entry, index) => {
    const where = `clients[${index}] (${entry.name})`;
    const sameName = names.get(entry.name.toLowerCase());
    if (sameName !== undefined)
      problems.push(`${where}: the name is already used by clients[${sameName}]`);
    names.set(entry.name.toLowerCase(), index);
    const keySha256 =
      entry.key === undefined ? entry.keySha256!.toLowerCase() : sha256Hex(entry.key);
    const sameKey = digests.get(keySha256);
    if (sameKey !== undefined)
      problems.push(
        `${where}: the key is already clients[${sameKey}]'s (each client needs its own)`,
      );
    digests.set(keySha256, index);
    const unknown = (entry.policy?.allowedOperations ?? []).filter(
      (name) => !isKnownOperation(name),
    );
    if (unknown.length > 0) {
      problems.push(
        `${where}: policy.allowedOperations names no operation: ${unknown.join(', ')} (names like pages.get, or pages.* for a whole resource)`,
      );
      return;
    }
    const narrowed = narrowPolicy(options.policy, entry.policy, OPERATION_NAMES);
    if (!narrowed.ok) {
      problems.push(`${where}: ${narrowed.message}`);
      return;
    }
    const tenant = defineTenant(
      { name: entry.name, role: entry.role, policy: narrowed.policy },
      credentialOf(entry, options.gateway),
    );
    clients.push({ tenant, keySha256 });
  });
  return problems.length > 0 ? { ok: false, message: problems.join('; ') } : { ok: true, clients };
}

const OPERATION_NAMES = OPERATIONS.map((operation) => operation.name);
const RESOURCES = new Set(OPERATION_NAMES.map((name) => name.slice(0, name.indexOf('.'))));

function isKnownOperation(name: string): boolean {
  if (name.endsWith('.*')) return RESOURCES.has(name.slice(0, -2));
  return OPERATION_NAMES.includes(name);
}

function credentialOf(entry: ClientEntry, gateway: string): TenantCredential | undefined {
  const confluence = entry.confluence;
  if (!confluence) return undefined;
  if ('email' in confluence)
    return { auth: { kind: 'basic', email: confluence.email, apiToken: confluence.apiToken } };
  return {
    auth: { kind: 'bearer', accessToken: confluence.accessToken },
    ...(confluence.cloudId ? { baseUrl: `${gateway}/${confluence.cloudId}` } : {}),
  };
}

/**
 * @example sha256Hex('k-ops'); // '5f…' (64 hex digits)
 */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}
