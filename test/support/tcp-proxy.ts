/**
 * A TCP proxy on loopback (port 0) between a client and a server, for outage tests: `cut()` drops
 * every connection and refuses new ones (the database went away), `cut('hang')` keeps accepting
 * connections but passes no byte (a network that swallows packets), `cut('stall')` does the same
 * and also keeps the open connections open, passing nothing on them (the server or the path to it
 * froze mid-conversation), `restore()` lets them through again. The client reconnects by itself;
 * nothing else changes.
 *
 * @example
 * const proxy = await startTcpProxy(5432);
 * const url = `postgres://u:p@127.0.0.1:${proxy.port}/db`;
 * proxy.cut(); … proxy.restore();
 */
import { connect, createServer, type Socket } from 'node:net';

export interface TcpProxy {
  readonly port: number;
  cut(mode?: 'refuse' | 'hang' | 'stall'): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(
  targetPort: number,
  targetHost = '127.0.0.1',
): Promise<TcpProxy> {
  let state: 'open' | 'refuse' | 'hang' | 'stall' = 'open';
  const sockets = new Set<Socket>();
  const track = (socket: Socket): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server = createServer((client) => {
    track(client);
    if (state === 'refuse') return void client.destroy();
    if (state === 'hang' || state === 'stall') return;
    const upstream = connect(targetPort, targetHost);
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const dropAll = (): void => {
    for (const socket of sockets) socket.destroy();
  };
  return {
    port,
    cut(mode = 'refuse') {
      state = mode;
      if (mode !== 'stall') return dropAll();
      // Read nothing more from either side: no byte passes, and no connection closes.
      for (const socket of sockets) socket.pause();
    },
    restore() {
      state = 'open';
      dropAll(); // hung connections never got an answer: let the client open fresh ones
    },
    async close() {
      dropAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
