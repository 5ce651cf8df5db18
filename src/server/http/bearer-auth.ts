/**
 * Static bearer keys (WORKBENCH_API_KEYS) on /mcp, /v1 and /metrics. Deliberately no OAuth: a 401
 * carries a plain `WWW-Authenticate: Bearer` challenge without `resource_metadata`, and no
 * `/.well-known/oauth-*` document is served, because clients that see OAuth discovery ignore their
 * configured Authorization header (Cursor; older Claude Code: anthropics/claude-code#59467).
 * See shared/notes/mcp.md §2.2.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.ts';

/** Who made the request, without the key itself: safe to log and to key cancellations on. */
export interface ClientIdentity {
  /** `key-1`, `key-2`, … in WORKBENCH_API_KEYS order; `anonymous` when no keys are configured. */
  clientId: string;
  /** First 12 hex characters of the key's SHA-256, for correlating logs; never the key. */
  keyFingerprint?: string;
}

export const ANONYMOUS: ClientIdentity = { clientId: 'anonymous' };

export const AUTH_REALM = 'confluence-workbench';

export interface BearerAuthOptions {
  apiKeys: readonly string[];
  /** Shape of the 401 body: a JSON-RPC error for /mcp, the REST error body elsewhere. */
  format: 'jsonrpc' | 'rest';
}

/**
 * Resolves a presented key to its identity in constant time with respect to the keys' contents:
 * every configured key is compared (as SHA-256 digests, so lengths never differ), with no early exit.
 *
 * @example
 * const match = createKeyMatcher(['s3cret']);
 * match('s3cret'); // { clientId: 'key-1', keyFingerprint: '…' }
 * match('nope'); // undefined
 */
export function createKeyMatcher(
  apiKeys: readonly string[],
): (presented: string) => ClientIdentity | undefined {
  const digests = apiKeys.map((key) => sha256(key));
  return function matchKey(presented) {
    const candidate = sha256(presented);
    let found = -1;
    digests.forEach((digest, index) => {
      if (timingSafeEqual(digest, candidate) && found === -1) found = index;
    });
    if (found === -1) return undefined;
    return {
      clientId: `key-${found + 1}`,
      keyFingerprint: digests[found]!.toString('hex').slice(0, 12),
    };
  };
}

/**
 * Hono middleware: with keys configured, requires `Authorization: Bearer <key>` and stores the
 * {@link ClientIdentity} as `c.get('client')`; with none (loopback only), everyone is `anonymous`.
 *
 * @example
 * app.use('/v1/*', bearerAuth({ apiKeys: config.apiKeys, format: 'rest' }));
 */
export function bearerAuth(options: BearerAuthOptions): MiddlewareHandler<AppEnv> {
  const matchKey = createKeyMatcher(options.apiKeys);
  const required = options.apiKeys.length > 0;
  return async function authenticate(c, next) {
    if (!required) {
      c.set('client', ANONYMOUS);
      return next();
    }
    const header = c.req.header('authorization') ?? '';
    const token = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
    const identity = token ? matchKey(token) : undefined;
    if (identity) {
      c.set('client', identity);
      return next();
    }
    // RFC 6750 §3.1: no error code when the request carried no credentials at all.
    const challenge = token
      ? `Bearer realm="${AUTH_REALM}", error="invalid_token", error_description="the bearer key is not one of WORKBENCH_API_KEYS"`
      : `Bearer realm="${AUTH_REALM}"`;
    const message = token
      ? 'Unauthorized: the bearer key is not valid for this workbench.'
      : 'Unauthorized: send "Authorization: Bearer <key>" with one of the keys in WORKBENCH_API_KEYS.';
    c.header('WWW-Authenticate', challenge);
    if (options.format === 'jsonrpc') {
      return c.json({ jsonrpc: '2.0', error: { code: -32001, message }, id: null }, 401);
    }
    return c.json({ error: { code: 'UNAUTHORIZED', message } }, 401);
  };
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
