/**
 * The PostgreSQL connection pool every store shares when WORKBENCH_DATABASE_URL is set (DESIGN.md,
 * "Storage"). node-postgres (`pg`) is the driver: the most used PostgreSQL client for Node, pure
 * JavaScript (no native build, so an installed package works without install scripts), with a pool
 * that reconnects by itself after the server goes away and comes back.
 *
 * The URL carries a password: it is never logged; {@link describeDatabaseUrl} gives the form that
 * may be.
 */
import pg from 'pg';
import { parseDatabaseUrl } from '../../config.ts';

export type PostgresPool = pg.Pool;
export type PostgresClient = pg.PoolClient;

export interface PostgresPoolOptions {
  /** Shown in `pg_stat_activity` (default `confluence-workbench`). */
  applicationName?: string;
  /** Connections at most (default 10). */
  max?: number;
  /** How long a query waits for a connection before failing, in ms (default 10,000). */
  connectionTimeoutMs?: number;
  /**
   * How long a query may wait for its answer before it fails and its connection is dropped, in ms
   * (default 60,000): a network that swallows packets does not hold a connection for the quarter
   * of an hour TCP takes to give up.
   */
  queryTimeoutMs?: number;
  /**
   * How long the server keeps a transaction open while this process sends nothing, in ms (default
   * 10,000): past it the server ends the session, so a process that stalls mid-transaction (a
   * SIGSTOP, a frozen VM) does not hold its row locks, and the items they cover, for ever. None of
   * our transactions waits on anything but the database between two statements.
   */
  idleInTransactionTimeoutMs?: number;
  /** Told about errors of idle connections (the server restarted, the network dropped). */
  onIdleError?: (error: Error) => void;
}

/**
 * The URL without its password, for logs and `/healthz`.
 *
 * @example
 * describeDatabaseUrl('postgres://wb:secret@db:5432/workbench'); // 'postgres://wb@db:5432/workbench'
 */
export function describeDatabaseUrl(value: string): string {
  const url = new URL(value);
  url.password = '';
  url.search = '';
  return url.toString();
}

/**
 * @example
 * const pool = createPostgresPool(config.databaseUrl, { applicationName: 'workbench-serve' });
 * await pool.query('SELECT 1');
 */
export function createPostgresPool(url: string, options: PostgresPoolOptions = {}): PostgresPool {
  parseDatabaseUrl(url);
  const pool = new pg.Pool({
    connectionString: url,
    application_name: options.applicationName ?? 'confluence-workbench',
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 10_000,
    idleTimeoutMillis: 30_000,
    query_timeout: options.queryTimeoutMs ?? 60_000,
    idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs ?? 10_000,
    // A peer that vanished (its host died) is noticed on an idle connection too.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  });
  // Without a listener, an idle connection's error (the server restarted) crashes the process;
  // the pool drops that connection and opens a new one on the next query.
  pool.on('error', (error) => options.onIdleError?.(error));
  return pool;
}

/**
 * Runs `work` in one transaction on one connection; ROLLBACK on any error.
 *
 * @example
 * await withTransaction(pool, async (client) => {
 *   await client.query('INSERT INTO runs …');
 *   await client.query('INSERT INTO results …');
 * });
 */
export async function withTransaction<T>(
  pool: PostgresPool,
  work: (client: PostgresClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  // A checked-out connection that dies between two queries emits 'error' on the client, and the
  // pool listens only to idle ones: without this listener that error would crash the process
  // (seen when the database was cut off mid-transaction). The next query fails instead.
  let lost: Error | undefined;
  const onError = (error: Error): void => {
    lost = error;
  };
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // A query that timed out may still be running on a connection nothing answers on: drop the
    // connection (the server rolls back) rather than wait as long again for a ROLLBACK.
    if (isQueryTimeout(error)) lost ??= error as Error;
    else if (!lost) await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.off('error', onError);
    // A connection that failed is discarded rather than handed to the next caller.
    client.release(lost);
  }
}

/** node-postgres's error for a query that overran `query_timeout`. */
function isQueryTimeout(error: unknown): boolean {
  return error instanceof Error && error.message === 'Query read timeout';
}
