/**
 * The request-body limit of /mcp and /v1: hono's `bodyLimit` (it checks Content-Length at once and
 * counts a chunked body as it streams), answering 413 with `Connection: close`. Without it the 413
 * went out as keep-alive while the unread rest of the body was still on the socket, Node then cut
 * the connection, and the client's next call on its pool failed with "fetch failed".
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from './app-env.ts';

/**
 * @example
 * routes.post('/', limitRequestSize(1 << 20, (c) => c.json({ error: 'too large' }, 413)), handler);
 */
export function limitRequestSize(
  maxBytes: number,
  tooLarge: (c: Context<AppEnv>) => Response | Promise<Response>,
): MiddlewareHandler<AppEnv> {
  return bodyLimit({
    maxSize: maxBytes,
    onError: async (c) => {
      const response = await tooLarge(c as Context<AppEnv>);
      response.headers.set('Connection', 'close');
      return response;
    },
  });
}
