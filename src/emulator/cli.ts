/**
 * `confluence-workbench emulator [--port 8790] [--db FILE | :memory:] [--seed demo|none]`: the
 * emulator alone, over HTTP (@hono/node-server). The CLI parses flags and calls
 * {@link runEmulatorCommand}; it resolves once the server listens.
 */
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { ConnectionDroppedError } from './faults/errors.ts';
import { type Emulator, type EmulatorOptions, createEmulator } from './index.ts';

export const DEFAULT_EMULATOR_PORT = 8790;
export const DEFAULT_EMULATOR_HOST = '127.0.0.1';

export interface EmulatorCommandOptions {
  /** 0 picks a free port. Default 8790. */
  port?: number;
  host?: string;
  /** A file path or `:memory:` (default). */
  database?: string;
  seed?: 'demo' | 'none';
  /** Where the one-line banner goes (default: stderr); `null` for silence. */
  log?: ((line: string) => void) | null;
  now?: EmulatorOptions['now'];
  /** Serve `/__emulator/faults` (the `--faults` flag; default off). */
  faultRoutes?: boolean;
}

export interface RunningEmulator {
  emulator: Emulator;
  /** `http://127.0.0.1:8790` */
  url: string;
  port: number;
  /** Stops the server and closes the database. */
  close(): Promise<void>;
}

/**
 * @example
 * const running = await runEmulatorCommand({ port: 0, seed: 'demo' });
 * await fetch(`${running.url}/wiki/api/v2/spaces`, { headers: { authorization: 'Bearer demo-token' } });
 * await running.close();
 */
export async function runEmulatorCommand(
  options: EmulatorCommandOptions = {},
): Promise<RunningEmulator> {
  const port = options.port ?? DEFAULT_EMULATOR_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new RangeError(`--port must be 0..65535; got ${port}`);
  const emulator = createEmulator({
    database: options.database ?? ':memory:',
    seed: options.seed ?? 'demo',
    faultRoutes: options.faultRoutes ?? false,
    ...(options.now ? { now: options.now } : {}),
  });
  const host = options.host ?? DEFAULT_EMULATOR_HOST;
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const started = serve(
      {
        fetch: (request, env) => answer(emulator, request, env as { incoming?: IncomingMessage }),
        port,
        hostname: host,
      },
      () => resolve(started),
    );
    started.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  const log =
    options.log === undefined ? (line: string) => process.stderr.write(`${line}\n`) : options.log;
  log?.(
    `Confluence emulator on ${url}/wiki (seed: ${options.seed ?? 'demo'}, database: ${options.database ?? ':memory:'}); sign in as demo@example.com / demo-token${options.faultRoutes ? `; fault injection at ${url}/__emulator/faults` : ''}`,
  );
  return {
    emulator,
    url,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          emulator.close();
          resolve();
        });
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}

/** A dropped connection has already destroyed the socket; nothing is written back. */
async function answer(
  emulator: Emulator,
  request: Request,
  env: { incoming?: IncomingMessage },
): Promise<Response> {
  try {
    return await emulator.app.fetch(request, env);
  } catch (error) {
    if (error instanceof ConnectionDroppedError) return new Response(null, { status: 500 });
    throw error;
  }
}
