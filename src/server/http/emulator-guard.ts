/**
 * The embedded emulator at /emulator is reached through the same doors as /mcp and /v1: the
 * Host/Origin check (a rebinding page must not drive it) and, when WORKBENCH_API_KEYS is set, the
 * bearer keys. With keys, the client's `Authorization` carries the workbench key, so the request
 * is handed to the emulator with the embedded site's own credentials (the account every run uses)
 * instead; without keys (loopback only) it goes through as sent, and the emulator authenticates it.
 */
import type { MiddlewareHandler } from 'hono';
import { createClientDirectory, type ClientDirectory } from '../../clients/directory.ts';
import type { AppEnv } from './app-env.ts';
import { bearerAuth } from './bearer-auth.ts';
import { errorBody } from './http-error.ts';
import { requestGuard, type AllowLists } from './request-guard.ts';

export interface EmulatorGuardOptions {
  allow: AllowLists;
  apiKeys?: readonly string[];
  /** The service's clients (src/clients); with a clients file only admins reach the emulator. */
  clients?: ClientDirectory;
  /** The `Authorization` value the emulator gets once a key was checked (the demo admin's). */
  emulatorAuthorization?: string | undefined;
}

/**
 * @example
 * app.use('/emulator/*', ...emulatorGuard({ allow, apiKeys, emulatorAuthorization }));
 */
export function emulatorGuard(options: EmulatorGuardOptions): MiddlewareHandler<AppEnv>[] {
  const clients =
    options.clients ?? createClientDirectory({ apiKeys: [...(options.apiKeys ?? [])] });
  const guards = [
    requestGuard(options.allow, 'rest'),
    bearerAuth({ clients, format: 'rest' }),
    adminsOnly(),
  ];
  if (!clients.required) return guards;
  return [...guards, swapCredentials(options.emulatorAuthorization)];
}

/**
 * The emulator answers as its admin whoever asks: a tenant of role user would step around its own
 * policy and Confluence user there, so it is for admins (every single-tenant caller is one).
 */
function adminsOnly(): MiddlewareHandler<AppEnv> {
  return async function emulatorForAdmins(c, next) {
    if (c.get('client').tenant.role === 'admin') return next();
    return c.json(
      errorBody('FORBIDDEN', 'the embedded emulator is for clients of role admin'),
      403,
    );
  };
}

function swapCredentials(authorization: string | undefined): MiddlewareHandler<AppEnv> {
  return async function asEmbeddedSite(c, next) {
    const headers = new Headers(c.req.raw.headers);
    if (authorization) headers.set('authorization', authorization);
    else headers.delete('authorization');
    // The workbench key never reaches the emulator (nor its audit log).
    c.req.raw = new Request(c.req.raw, { headers, duplex: 'half' } as RequestInit);
    await next();
  };
}
