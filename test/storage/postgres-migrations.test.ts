import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, parseDatabaseUrl } from '../../src/config.ts';
import { migrate, MigrationError } from '../../src/storage/postgres/migrations.ts';
import {
  createPostgresPool,
  describeDatabaseUrl,
  type PostgresPool,
  withTransaction,
} from '../../src/storage/postgres/pool.ts';
import { usePostgresDatabase } from '../support/postgres.ts';

const db = usePostgresDatabase();
const pools: PostgresPool[] = [];
const open = (): PostgresPool => {
  const pool = createPostgresPool(db.url, { max: 4 });
  pools.push(pool);
  return pool;
};
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end()));
});

const NOTES = [
  { version: 1, name: 'notes', sql: 'CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)' },
  { version: 2, name: 'notes.tag', sql: 'ALTER TABLE notes ADD COLUMN tag TEXT' },
];

describe('database URLs', () => {
  it('accepts postgres:// and postgresql:// URLs naming a database', () => {
    expect(parseDatabaseUrl('postgres://u:p@db:5432/wb').hostname).toBe('db');
    expect(parseDatabaseUrl('postgresql://db/wb').pathname).toBe('/wb');
  });

  it.each([
    ['not a url', /must be a PostgreSQL URL/],
    ['mysql://db/wb', /must start with postgres:\/\//],
    ['postgres://db', /must name a database/],
  ])('refuses %s with a sentence naming the variable', (value, message) => {
    expect(() => parseDatabaseUrl(value)).toThrow(ConfigError);
    expect(() => parseDatabaseUrl(value)).toThrow(message);
    expect(() => parseDatabaseUrl(value)).toThrow(/WORKBENCH_DATABASE_URL/);
  });

  it('describes a URL without its password', () => {
    const described = describeDatabaseUrl('postgres://wb:s3cret@db:5432/workbench?sslmode=require');
    expect(described).toBe('postgres://wb@db:5432/workbench');
    expect(described).not.toContain('s3cret');
  });
});

describe('migrations', () => {
  it('applies each migration once, even when instances start at the same moment', async () => {
    const results = await Promise.all(
      [open(), open(), open()].map((pool) => migrate(pool, 'notes', NOTES)),
    );
    expect(results.flat().sort()).toEqual([1, 2]);
    const pool = open();
    const { rows } = await pool.query(
      "SELECT version, name FROM workbench_migrations WHERE component = 'notes' ORDER BY version",
    );
    expect(rows).toEqual([
      { version: 1, name: 'notes' },
      { version: 2, name: 'notes.tag' },
    ]);
    expect(await migrate(pool, 'notes', NOTES)).toEqual([]);
    await pool.query("INSERT INTO notes (id, body, tag) VALUES (1, 'a', 't')");
  });

  it('applies only the versions a database lacks', async () => {
    const pool = open();
    await migrate(
      pool,
      'later',
      NOTES.slice(0, 1).map((m) => ({ ...m, sql: 'CREATE TABLE later (id INTEGER)' })),
    );
    const applied = await migrate(pool, 'later', [
      { version: 1, name: 'later', sql: 'CREATE TABLE later (id INTEGER)' },
      { version: 2, name: 'later.x', sql: 'ALTER TABLE later ADD COLUMN x TEXT' },
    ]);
    expect(applied).toEqual([2]);
  });

  it('rolls a failing migration back whole and records nothing', async () => {
    const pool = open();
    await expect(
      migrate(pool, 'broken', [
        {
          version: 1,
          name: 'half',
          sql: 'CREATE TABLE half (id INTEGER); SELECT no_such_function()',
        },
      ]),
    ).rejects.toThrow(/no_such_function/);
    const { rows } = await pool.query("SELECT to_regclass('half') AS half");
    expect(rows[0].half).toBeNull();
    const recorded = await pool.query(
      "SELECT 1 FROM workbench_migrations WHERE component = 'broken'",
    );
    expect(recorded.rowCount).toBe(0);
  });

  it('refuses a list out of order and a database newer than the build', async () => {
    const pool = open();
    await expect(migrate(pool, 'x', [{ version: 2, name: 'x', sql: 'SELECT 1' }])).rejects.toThrow(
      MigrationError,
    );
    await expect(migrate(pool, 'notes', NOTES.slice(0, 1))).rejects.toThrow(
      /schema is at version 2, newer than this build knows \(1\)/,
    );
  });

  it('withTransaction rolls back on error and commits otherwise', async () => {
    const pool = open();
    await pool.query('CREATE TABLE tx (id INTEGER)');
    await expect(
      withTransaction(pool, async (client) => {
        await client.query('INSERT INTO tx VALUES (1)');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await withTransaction(pool, (client) => client.query('INSERT INTO tx VALUES (2)'));
    const { rows } = await pool.query('SELECT id FROM tx');
    expect(rows).toEqual([{ id: 2 }]);
  });
});
