/**
 * Clients as tenants (DESIGN.md, "Clients and tenants"): who is asking, what they may see, and
 * as whom their runs act. The service resolves one {@link Tenant} per request from its bearer key
 * (./directory.ts); the runs layer records the tenant's name on each run and shows a run, its
 * result and its replays to that tenant (or an admin) only (./visibility.ts).
 */
import type { ConfluenceAuth, PolicyConfig } from '../config.ts';

/** `admin` sees every client's runs, results and jobs; `user` only its own. */
export type ClientRole = 'admin' | 'user';

export const CLIENT_ROLES: readonly ClientRole[] = ['admin', 'user'];

/** Enough to decide what a caller may see: its name and role. */
export interface Requester {
  name: string;
  role: ClientRole;
}

/** A client's own Confluence user: its runs act as this user instead of the server's. */
export interface TenantCredential {
  auth: ConfluenceAuth;
  /** Set for an OAuth token with its `cloudId` (the Atlassian gateway); else the server's site. */
  baseUrl?: string;
}

/**
 * A resolved client. `confluence` is a non-enumerable property (see {@link defineTenant}): the
 * tenant can be logged, spread or serialized without its credential ever coming along.
 */
export interface Tenant extends Requester {
  /** The effective policy: the server's narrowed by the client's own; absent: the server's. */
  policy?: PolicyConfig;
  readonly confluence?: TenantCredential;
}

/** The single-tenant forms (WORKBENCH_API_KEYS, no keys on loopback, stdio, the CLI) share one name. */
export const DEFAULT_CLIENT_NAME = 'default';

/**
 * Builds a {@link Tenant} whose credential is hidden from `JSON.stringify`, object spread, pino
 * and `util.inspect`: only code that asks for `tenant.confluence` by name sees it.
 *
 * @example
 * const tenant = defineTenant({ name: 'docs', role: 'user' }, { auth: { kind: 'bearer', accessToken } });
 * JSON.stringify(tenant); // '{"name":"docs","role":"user"}'
 */
export function defineTenant(
  requester: Requester & { policy?: PolicyConfig },
  credential?: TenantCredential,
): Tenant {
  const tenant: Tenant = {
    name: requester.name,
    role: requester.role,
    ...(requester.policy ? { policy: requester.policy } : {}),
  };
  if (credential) {
    Object.defineProperty(tenant, 'confluence', { value: credential, enumerable: false });
  }
  return Object.freeze(tenant);
}

/** Who made a request, without the key itself: safe to log and to key cancellations on. */
export interface ClientIdentity {
  /**
   * The client's name with a clients file; with WORKBENCH_API_KEYS `key-1`, `key-2`, … in their
   * order; `anonymous` when no keys are configured.
   */
  clientId: string;
  /** First 12 hex characters of the key's SHA-256, for correlating logs; never the key. */
  keyFingerprint?: string;
  /** What the request may see and do, and as whom its runs act. */
  tenant: Tenant;
}
