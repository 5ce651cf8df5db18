/**
 * Static bearer keys (WORKBENCH_API_KEYS) on /mcp, /v1 and /metrics. Deliberately no OAuth: a 401
 * carries a plain `WWW-Authenticate: Bearer` challenge without `resource_metadata`, and no
 * `/.well-known/oauth-*` document is served, because clients that see OAuth discovery ignore their
 * configured Authorization header (Cursor; older Claude Code: anthropics/claude-code#59467).
 * See shared/notes/mcp.md §2.2.
 *
 * Not Hono's own `hono/bearer-auth` (checked on hono 4.13): it answers 400 `invalid_request`,
 * before `verifyToken` is asked, to any token outside RFC 6750's b64token characters
 * (`[A-Za-z0-9._~+/-]+=*`), and WORKBENCH_API_KEYS and clients files may hold keys with any other
 * character, which would stop working. The lookup stays in the ClientDirectory, which compares
 * key digests in constant time.
 */
import type { MiddlewareHandler } from 'hono';
import { createClientDirectory, type ClientDirectory } from '../../clients/directory.ts';
import type { ClientIdentity } from '../../clients/types.ts';
import type { AppEnv } from './app-env.ts';

export type { ClientIdentity } from '../../clients/types.ts';
export { ANONYMOUS } from '../../clients/directory.ts';

export const AUTH_REALM = 'confluence-workbench';

export interface BearerAuthOptions {
  /** The service's clients (src/clients/directory.ts): a clients file's, or WORKBENCH_API_KEYS. */
  clients?: ClientDirectory;
  /** The single-tenant form, when no directory is given. */
  apiKeys?: readonly string[];
  /** Shape of the 401 body: a JSON-RPC error for /mcp, the REST error body elsewhere. */
  format: 'jsonrpc' | 'rest';
}

/**
 * Resolves a presented key to its identity in constant time with respect to the keys' contents
 * (the single-tenant form; see {@link ClientDirectory.authenticate}).
 *
 * @example
 * const match = createKeyMatcher(['s3cret']);
 * match('s3cret'); // { clientId: 'key-1', keyFingerprint: '…', tenant: { name: 'default', role: 'admin' } }
 * match('nope'); // undefined
 */
export function createKeyMatcher(
  apiKeys: readonly string[],
): (presented: string) => ClientIdentity | undefined {
  const directory = createClientDirectory({ apiKeys: [...apiKeys] });
  return (presented) => directory.authenticate(presented);
}

/**
 * Hono middleware: with keys configured (or a clients file), requires `Authorization: Bearer <key>`
 * and stores the {@link ClientIdentity}, its tenant included, as `c.get('client')`, once per
 * request; with none (loopback only), everyone is `anonymous`, the single `default` tenant.
 *
 * @example
 * app.use('/v1/*', bearerAuth({ clients: createClientDirectory(config), format: 'rest' }));
 */
export function bearerAuth(options: BearerAuthOptions): MiddlewareHandler<AppEnv> {
  const directory =
    options.clients ?? createClientDirectory({ apiKeys: [...(options.apiKeys ?? [])] });
  const keySource = directory.keySource;
  return async function authenticate(c, next) {
    if (!directory.required) {
      c.set('client', directory.anonymous);
      return next();
    }
    const header = c.req.header('authorization') ?? '';
    const token = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
    const identity = token ? directory.authenticate(token) : undefined;
    if (identity) {
      c.set('client', identity);
      return next();
    }
    // RFC 6750 §3.1: no error code when the request carried no credentials at all.
    const challenge = token
      ? `Bearer realm="${AUTH_REALM}", error="invalid_token", error_description="the bearer key is not one of ${keySource}"`
      : `Bearer realm="${AUTH_REALM}"`;
    const message = token
      ? 'Unauthorized: the bearer key is not valid for this workbench.'
      : `Unauthorized: send "Authorization: Bearer <key>" with one of the keys in ${keySource}.`;
    c.header('WWW-Authenticate', challenge);
    if (options.format === 'jsonrpc') {
      return c.json({ jsonrpc: '2.0', error: { code: -32001, message }, id: null }, 401);
    }
    return c.json({ error: { code: 'UNAUTHORIZED', message } }, 401);
  };
}
