/**
 * `/mcp`: MCP over Streamable HTTP, stateless, serving 2026-07-28 and (through the SDK's stateless
 * legacy fallback) 2025-11-25 on one endpoint with `createMcpHandler` from the official SDK v2.
 * In front of it, in this order: Host/Origin validation (403), bearer keys (401), body limit
 * (413), JSON parsing (400, JSON-RPC -32700), and the legacy cancellation hook.
 */
import { randomUUID } from 'node:crypto';
import { createMcpHandler, isJsonContentType, type AuthInfo } from '@modelcontextprotocol/server';
import { Hono, type Context } from 'hono';
import type { Logger } from 'pino';
import type { ClientDirectory } from '../../clients/directory.ts';
import type { AppEnv } from '../http/app-env.ts';
import { bearerAuth } from '../http/bearer-auth.ts';
import { requestGuard, type AllowLists } from '../http/request-guard.ts';
import { limitRequestSize } from '../http/request-size.ts';
import { cancelledRequestId, LegacyCancellations, senderOf } from './legacy-cancellations.ts';
import { createMcpServerFactory } from './server-factory.ts';
import type { McpToolContext } from './tool-context.ts';

export interface McpEndpointOptions {
  tool: Omit<McpToolContext, 'cancellations' | 'source'>;
  allow: AllowLists;
  clients: ClientDirectory;
  maxRequestBytes: number;
  logger: Logger;
}

export interface McpEndpoint {
  /** Routes to mount at `/mcp`. */
  routes: Hono<AppEnv>;
  /** Aborts modern exchanges in flight (shutdown). */
  close(): Promise<void>;
  cancellations: LegacyCancellations;
}

/**
 * @example
 * const mcp = createMcpEndpoint({ tool, allow, clients, maxRequestBytes: 1 << 20, logger });
 * app.route('/mcp', mcp.routes);
 */
export function createMcpEndpoint(options: McpEndpointOptions): McpEndpoint {
  const cancellations = new LegacyCancellations();
  const tool: McpToolContext = { ...options.tool, source: 'mcp', cancellations };
  const handler = createMcpHandler(createMcpServerFactory(tool), {
    legacy: 'stateless',
    maxRequestBodySize: options.maxRequestBytes,
    onerror: (error) => options.logger.debug({ err: error }, 'mcp request rejected'),
  });
  const routes = new Hono<AppEnv>();
  routes.use('*', requestGuard(options.allow, 'jsonrpc'));
  routes.use('*', bearerAuth({ clients: options.clients, format: 'jsonrpc' }));
  routes.post(
    '/',
    limitRequestSize(options.maxRequestBytes, (c) =>
      c.json(
        jsonRpcError(
          -32000,
          `Payload Too Large: an MCP message must not exceed ${options.maxRequestBytes} bytes`,
        ),
        413,
      ),
    ),
    async function postMessage(c) {
      const authInfo = authInfoOf(c);
      if (!isJsonContentType(c.req.header('content-type')))
        return handler.fetch(c.req.raw, { authInfo });
      let parsedBody: unknown;
      try {
        parsedBody = JSON.parse(await c.req.text());
      } catch (error) {
        return c.json(
          jsonRpcError(
            -32700,
            `Parse error: the body is not valid JSON (${(error as Error).message})`,
          ),
          400,
        );
      }
      const sessionId = c.req.header(SESSION_HEADER);
      observeCancellations(
        parsedBody,
        senderOf(authInfo.clientId, sessionId),
        cancellations,
        options.logger,
      );
      const withSession: AuthInfo = { ...authInfo, extra: { ...authInfo.extra, sessionId } };
      const response = await handler.fetch(c.req.raw, { parsedBody, authInfo: withSession });
      return isInitialize(parsedBody) && !sessionId ? withNewSession(response) : response;
    },
  );
  // GET (legacy standalone stream) and DELETE (legacy session end) get the SDK's 405.
  routes.all('/', (c) => handler.fetch(c.req.raw, { authInfo: authInfoOf(c) }));
  return { routes, close: () => handler.close(), cancellations };
}

/**
 * Legacy (2025-11-25) clients keep the `Mcp-Session-Id` an initialize response carries and send
 * it on every later request: that is what tells two connections of one key (or two anonymous
 * loopback clients) apart, so a cancellation reaches only its sender's own calls. The service
 * stays stateless: the id is an unguessable name, checked only to scope cancellations.
 */
export const SESSION_HEADER = 'mcp-session-id';

function isInitialize(body: unknown): boolean {
  return (
    typeof body === 'object' &&
    body !== null &&
    (body as { method?: unknown }).method === 'initialize'
  );
}

function withNewSession(response: Response): Response {
  const headers = new Headers(response.headers);
  headers.set(SESSION_HEADER, randomUUID());
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}

function observeCancellations(
  body: unknown,
  sender: string | undefined,
  cancellations: LegacyCancellations,
  logger: Logger,
): void {
  for (const message of Array.isArray(body) ? body : [body]) {
    const target = cancelledRequestId(message);
    if (!target) continue;
    if (!sender) {
      logger.info(
        { requestId: target.requestId, outcome: 'ignored' },
        'mcp cancellation without a session: ignored',
      );
      continue;
    }
    const { outcome } = cancellations.cancel(sender, target.requestId, target.reason);
    if (outcome !== 'unknown')
      logger.info({ requestId: target.requestId, outcome }, 'mcp cancellation');
  }
}

/** The identity the tools see; never the key itself. */
function authInfoOf(c: Context<AppEnv>): AuthInfo {
  const client = c.get('client');
  return {
    token: client.keyFingerprint ?? 'none',
    clientId: client.clientId,
    scopes: [],
    // The tools report the runs they start here, for this request's access log line; the tenant
    // is whose runs, results and jobs the tools act on (its credential is not enumerable:
    // src/clients).
    extra: { requestId: c.get('requestId'), runIds: c.get('runIds'), tenant: client.tenant },
  };
}

function jsonRpcError(code: number, message: string) {
  return { jsonrpc: '2.0' as const, error: { code, message }, id: null };
}
