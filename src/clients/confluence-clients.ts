/**
 * One ConfluenceClient per Confluence credential, made on first use and kept: every run of a
 * client that carries its own credential goes through the same client (its retries, its limiter;
 * the site limiter is per site and credential), and runs without one use the server's. The cache
 * key is a digest of the credential, so no token is kept as a map key or shown by a debugger.
 */
import { createHash } from 'node:crypto';
import type { ConfluenceClient } from '../confluence/http/client.ts';
import type { Tenant, TenantCredential } from './types.ts';

export interface ConfluenceClients {
  /** The client `tenant`'s runs act through: its own credential's, or the server's. */
  for(tenant: Tenant | undefined): ConfluenceClient;
  /** Clients made so far, the server's included. */
  readonly size: number;
}

/**
 * @example
 * const clients = createConfluenceClients(serverClient, (credential) => createConfluenceClient({ ... }));
 * clients.for(tenant).request(spec);
 */
export function createConfluenceClients(
  serverClient: ConfluenceClient,
  make: (credential: TenantCredential) => ConfluenceClient,
): ConfluenceClients {
  const made = new Map<string, ConfluenceClient>();
  return {
    for(tenant) {
      const credential = tenant?.confluence;
      if (!credential) return serverClient;
      const key = credentialKey(credential);
      let client = made.get(key);
      if (!client) {
        client = make(credential);
        made.set(key, client);
      }
      return client;
    },
    get size() {
      return made.size + 1;
    },
  };
}

function credentialKey(credential: TenantCredential): string {
  const { auth } = credential;
  const secret =
    auth.kind === 'basic'
      ? `basic\u0000${auth.email}\u0000${auth.apiToken}`
      : `bearer\u0000${auth.accessToken}`;
  return createHash('sha256')
    .update(`${credential.baseUrl ?? ''}\u0000${secret}`, 'utf8')
    .digest('hex');
}
