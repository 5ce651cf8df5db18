/**
 * Authentication for every `/wiki` route, as Confluence Cloud accepts it
 * (notes/confluence-api.md §3.4): `Authorization: Basic base64(email:apiToken)` or
 * `Authorization: Bearer <token>` (the emulator accepts a user's API token as bearer too).
 * No or wrong credentials: 401. The authenticated user is the caller for everything that follows.
 *
 * Not Hono's `basicAuth`/`bearerAuth`: each takes one scheme, while Confluence (and so the
 * emulator) accepts either on the same route, and each answers with its own 401 body rather than
 * Confluence's error shape (EmulatorError).
 */
import type { MiddlewareHandler } from 'hono';
import type { UserRow, UserStore } from '../users/store.ts';
import type { EmulatorEnv } from './env.ts';
import { EmulatorError } from './errors.ts';

export function authenticate(users: UserStore): MiddlewareHandler<EmulatorEnv> {
  return async function authenticateCaller(c, next) {
    const header = c.req.header('authorization');
    if (!header)
      throw unauthorized(
        'Authentication is required: send basic (email:API token) or bearer credentials.',
      );
    const user = resolveCaller(users, header);
    if (!user) throw unauthorized('The credentials are not valid.');
    c.set('user', user);
    await next();
  };
}

/** The user named by an `Authorization` header, or undefined. */
export function resolveCaller(users: UserStore, header: string): UserRow | undefined {
  const [scheme = '', credentials = ''] = header.trim().split(/\s+/, 2);
  if (scheme.toLowerCase() === 'bearer') return users.byToken(credentials);
  if (scheme.toLowerCase() !== 'basic') return undefined;
  const decoded = Buffer.from(credentials, 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator < 0) return undefined;
  const user = users.byEmail(decoded.slice(0, separator));
  return user && user.api_token === decoded.slice(separator + 1) ? user : undefined;
}

function unauthorized(message: string): EmulatorError {
  return new EmulatorError('UNAUTHORIZED', message, {
    headers: { 'WWW-Authenticate': 'Basic realm="Confluence"' },
  });
}
