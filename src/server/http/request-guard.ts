/**
 * DNS-rebinding protection: the Host and Origin checks every MCP server over HTTP MUST make
 * (2025-11-25 and 2026-07-28 transports: "validate the Origin header on all incoming connections",
 * 403 when present and invalid). The checks are the SDK's own (`validateHostHeader`,
 * `validateOriginHeader`); this module only decides the allow lists and the body shape.
 */
import {
  localhostAllowedHostnames,
  localhostAllowedOrigins,
  validateHostHeader,
  validateOriginHeader,
} from '@modelcontextprotocol/server';
import type { MiddlewareHandler } from 'hono';
import { isLoopback } from '../../config.ts';
import type { AppEnv } from './app-env.ts';

export interface AllowLists {
  /** Accepted Host names; `undefined` means any (a non-loopback bind, where keys are required). */
  hosts: string[] | undefined;
  /** Accepted Origin hostnames; a request without Origin always passes (non-browser clients). */
  origins: string[];
}

export interface AllowListOptions {
  host: string;
  allowedHosts?: readonly string[];
  allowedOrigins?: readonly string[];
}

/**
 * Loopback binds accept only localhost names (the attack DNS rebinding makes possible is a web page
 * reaching 127.0.0.1); other binds accept the configured names, or any when none are configured.
 *
 * @example
 * resolveAllowLists({ host: '127.0.0.1' }).hosts; // ['localhost', '127.0.0.1', '[::1]']
 */
export function resolveAllowLists(options: AllowListOptions): AllowLists {
  const loopback = isLoopback(options.host);
  const configuredHosts = [...(options.allowedHosts ?? [])];
  const hosts =
    configuredHosts.length > 0
      ? [...configuredHosts, ...(loopback ? localhostAllowedHostnames() : [])]
      : loopback
        ? localhostAllowedHostnames()
        : undefined;
  const origins = [
    ...(options.allowedOrigins ?? []),
    ...(loopback ? localhostAllowedOrigins() : []),
  ];
  return { hosts, origins };
}

/**
 * Hono middleware answering 403 for a Host or Origin outside the allow lists, as a JSON-RPC error
 * (for /mcp, where the spec allows "a JSON-RPC error response with no id") or a REST error body.
 *
 * @example
 * app.use('/v1/*', requestGuard(resolveAllowLists({ host: '127.0.0.1' }), 'rest'));
 */
export function requestGuard(
  allow: AllowLists,
  format: 'jsonrpc' | 'rest',
): MiddlewareHandler<AppEnv> {
  return async function guardHostAndOrigin(c, next) {
    const host = allow.hosts
      ? validateHostHeader(c.req.header('host'), allow.hosts)
      : { ok: true as const };
    const origin = host.ok ? validateOriginHeader(c.req.header('origin'), allow.origins) : host;
    if (origin.ok) return next();
    // Name the setting that admits it: an operator behind a proxy otherwise has to read the code.
    const setting = host.ok
      ? 'WORKBENCH_ALLOWED_ORIGINS'
      : 'WORKBENCH_ALLOWED_HOSTS (comma-separated host names)';
    const message = `Forbidden: ${origin.message}; to admit it, add it to ${setting}`;
    if (format === 'jsonrpc') {
      return c.json({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }, 403);
    }
    return c.json({ error: { code: 'FORBIDDEN_ORIGIN', message } }, 403);
  };
}
