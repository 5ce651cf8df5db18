/**
 * The service's clients, looked up by bearer key: the clients file's (each key its own tenant),
 * or WORKBENCH_API_KEYS (every key the same `default` admin: one tenant, as before tenants), or,
 * with neither, the keyless loopback form. Built once from the configuration; the bearer-key
 * middleware resolves every request with it, and the jobs engine finds a job's client by name.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { WorkbenchConfig } from '../config.ts';
import { type ClientDefinition, withClients } from './load-clients.ts';
import { type ClientIdentity, DEFAULT_CLIENT_NAME, defineTenant, type Tenant } from './types.ts';

export interface ClientDirectory {
  /** True when every request must carry a key (always with a clients file, loopback too). */
  readonly required: boolean;
  /** Where the keys come from, for messages: `WORKBENCH_CLIENTS_FILE` or `WORKBENCH_API_KEYS`. */
  readonly keySource: 'WORKBENCH_CLIENTS_FILE' | 'WORKBENCH_API_KEYS';
  /** How many keys are accepted. */
  readonly size: number;
  /**
   * The identity a presented key stands for, comparing it with every known key in constant time
   * (as SHA-256 digests, so lengths never differ), with no early exit.
   */
  authenticate(presented: string): ClientIdentity | undefined;
  /** Who a keyless request is when keys are not required. */
  readonly anonymous: ClientIdentity;
  /** A client by name (a job resumed after a restart runs as its client again). */
  byName(name: string): Tenant | undefined;
}

/** The single-tenant client: sees everything, the server's policy and Confluence user. */
export const DEFAULT_TENANT: Tenant = defineTenant({ name: DEFAULT_CLIENT_NAME, role: 'admin' });

export const ANONYMOUS: ClientIdentity = { clientId: 'anonymous', tenant: DEFAULT_TENANT };

/**
 * @example
 * const directory = createClientDirectory(config);
 * directory.authenticate(token)?.tenant.name; // 'docs-agent'
 */
export function createClientDirectory(
  unresolved: Pick<WorkbenchConfig, 'apiKeys'> &
    Partial<Pick<WorkbenchConfig, 'clients' | 'clientsFile' | 'policy'>>,
): ClientDirectory {
  // A configuration whose clients file is not loaded yet (a hand-built one) is loaded here, so
  // that no path can serve it keyless.
  const config =
    unresolved.clientsFile !== undefined && unresolved.clients === undefined
      ? withClients(unresolved as WorkbenchConfig)
      : unresolved;
  const entries: Array<{ digest: Buffer; identity: ClientIdentity }> = config.clients
    ? config.clients.map((client: ClientDefinition) => {
        const digest = Buffer.from(client.keySha256, 'hex');
        return {
          digest,
          identity: {
            clientId: client.tenant.name,
            keyFingerprint: client.keySha256.slice(0, 12),
            tenant: client.tenant,
          },
        };
      })
    : config.apiKeys.map((key, index) => {
        const digest = sha256(key);
        return {
          digest,
          identity: {
            clientId: `key-${index + 1}`,
            keyFingerprint: digest.toString('hex').slice(0, 12),
            tenant: DEFAULT_TENANT,
          },
        };
      });
  const byName = new Map(
    entries.map((entry) => [entry.identity.tenant.name, entry.identity.tenant]),
  );
  if (!config.clients) byName.set(DEFAULT_TENANT.name, DEFAULT_TENANT);
  return {
    required: config.clients !== undefined || entries.length > 0,
    keySource: config.clients ? 'WORKBENCH_CLIENTS_FILE' : 'WORKBENCH_API_KEYS',
    size: entries.length,
    anonymous: ANONYMOUS,
    authenticate(presented) {
      const candidate = sha256(presented);
      let found: ClientIdentity | undefined;
      for (const entry of entries) {
        if (timingSafeEqual(entry.digest, candidate) && found === undefined) found = entry.identity;
      }
      return found;
    },
    byName: (name) => byName.get(name),
  };
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
