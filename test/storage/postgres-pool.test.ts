/**
 * The pool's guards against a peer that stops answering, on a real PostgreSQL: a query the
 * network swallows fails after `queryTimeoutMs` instead of holding its connection until TCP gives
 * up, and a transaction its process stopped feeding (a SIGSTOP, a frozen VM) is ended by the
 * server after `idleInTransactionTimeoutMs`, releasing its row locks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPostgresPool,
  type PostgresPool,
  withTransaction,
} from '../../src/storage/postgres/pool.ts';
import { usePostgresDatabase } from '../support/postgres.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';

const db = usePostgresDatabase('pool');
const pools: PostgresPool[] = [];
const open = (url: string, options: Parameters<typeof createPostgresPool>[1] = {}) => {
  const pool = createPostgresPool(url, { max: 2, ...options });
  pools.push(pool);
  return pool;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let proxy: TcpProxy;
let proxied: string;

beforeAll(async () => {
  const target = new URL(db.url);
  proxy = await startTcpProxy(Number(target.port), target.hostname);
  target.host = `127.0.0.1:${proxy.port}`;
  proxied = target.toString();
  await open(db.url).query('CREATE TABLE items (id INTEGER PRIMARY KEY, state TEXT)');
  await open(db.url).query(`INSERT INTO items VALUES (1, 'pending')`);
});

afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end().catch(() => undefined)));
  await proxy?.close();
});

describe('postgres pool', () => {
  it('a query on a connection that went silent fails after queryTimeoutMs; the pool answers again once the network is back', async () => {
    const pool = open(proxied, { queryTimeoutMs: 500 });
    expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    proxy.cut('stall');
    await expect(pool.query('SELECT 2')).rejects.toThrow('Query read timeout');
    proxy.restore();
    expect((await pool.query('SELECT 3 AS three')).rows).toEqual([{ three: 3 }]);

    // In a transaction: the connection is dropped at once, not kept for a ROLLBACK that would
    // wait as long again, nor handed back to the pool.
    const lost = withTransaction(pool, async (client) => {
      await client.query(`UPDATE items SET state = 'first' WHERE id = 1`);
      proxy.cut('stall');
      await client.query(`UPDATE items SET state = 'second' WHERE id = 1`);
    });
    await expect(lost).rejects.toThrow('Query read timeout');
    expect(pool.totalCount).toBe(0);
    proxy.restore();
    // Nothing of it was committed.
    expect((await pool.query('SELECT state FROM items WHERE id = 1')).rows).toEqual([
      { state: 'pending' },
    ]);
    await withTransaction(pool, (client) => client.query(`UPDATE items SET state = 'ok'`));
    expect((await pool.query('SELECT state FROM items')).rows).toEqual([{ state: 'ok' }]);
  });

  it('a transaction its process stopped feeding is ended by the server, and its row lock with it', async () => {
    const stalled = open(db.url, { idleInTransactionTimeoutMs: 300 });
    const other = open(db.url);
    let locked!: () => void;
    const holding = new Promise<void>((resolve) => (locked = resolve));
    const transaction = withTransaction(stalled, async (client) => {
      await client.query('SELECT * FROM items WHERE id = 1 FOR UPDATE');
      locked();
      await sleep(1_500); // the process "stalls" holding the lock
      await client.query(`UPDATE items SET state = 'stale' WHERE id = 1`);
    });
    const failed = expect(transaction).rejects.toThrow(/idle-in-transaction|terminat|Connection/i);
    await holding;
    // Locked now: another connection cannot take the row at once.
    await expect(other.query('SELECT * FROM items WHERE id = 1 FOR UPDATE NOWAIT')).rejects.toThrow(
      /could not obtain lock/,
    );
    // The server ends the stalled session: the row is free, and the stalled writer wrote nothing.
    await sleep(800);
    await withTransaction(other, (client) =>
      client.query(`SELECT * FROM items WHERE id = 1 FOR UPDATE NOWAIT`),
    );
    await failed;
    expect((await other.query('SELECT state FROM items WHERE id = 1')).rows).toEqual([
      { state: 'ok' },
    ]);
    // The pool that lost the session opens a new one.
    expect((await stalled.query('SELECT 5 AS five')).rows).toEqual([{ five: 5 }]);
  });
});
