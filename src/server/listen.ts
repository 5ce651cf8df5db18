/**
 * Serves a fetch app on a real socket with @hono/node-server and resolves once it listens.
 */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';

export interface ListenOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
}

export interface Listening {
  /** `http://host:port`, with IPv6 hosts in brackets. */
  url: string;
  port: number;
  server: ServerType;
  /** Stops accepting connections and closes idle ones; resolves when the last one has ended. */
  close(): Promise<void>;
  /** Cuts every connection, busy or not (after a grace period, or in tests). */
  closeAllConnections(): void;
}

/**
 * @example
 * const { url, close } = await listen(app, { host: '127.0.0.1', port: 0 });
 */
export function listen(
  app: { fetch: (request: Request) => Response | Promise<Response> },
  options: ListenOptions,
): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: options.host, port: options.port });
    server.once('error', reject);
    server.once('listening', () => {
      const address = server.address() as AddressInfo;
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({
        url: `http://${host}:${address.port}`,
        port: address.port,
        server,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            if ('closeIdleConnections' in server) server.closeIdleConnections();
          }),
        closeAllConnections: () => {
          if ('closeAllConnections' in server) server.closeAllConnections();
        },
      });
    });
  });
}
