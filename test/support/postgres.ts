/**
 * A fresh PostgreSQL database per test file, on the server the global setup started
 * (./postgres-global-setup.ts). Dropped after the file's tests.
 *
 * @example
 * const db = usePostgresDatabase();
 * it('stores a run', async () => {
 *   const pool = createPostgresPool(db.url);
 * });
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { withClient } from './pg-client.ts';

function onServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  return withClient(inject('postgresUrl'), work);
}

function urlOf(name: string): string {
  const url = new URL(inject('postgresUrl'));
  url.pathname = `/${name}`;
  return url.toString();
}

/** Creates a database now (call inside a test or hook); returns its URL. */
export async function createTestDatabase(prefix = 'wb'): Promise<string> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await onServer((client) => client.query(`CREATE DATABASE ${name}`));
  return urlOf(name);
}

export async function dropTestDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`not a test database: ${name}`);
  await onServer((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/** One database for the calling file: created before its tests, dropped after them. */
export function usePostgresDatabase(prefix = 'wb'): { readonly url: string } {
  let url = '';
  beforeAll(async () => {
    url = await createTestDatabase(prefix);
  });
  afterAll(async () => {
    if (url) await dropTestDatabase(url);
  });
  return {
    get url() {
      if (!url) throw new Error('the test database exists only inside tests and hooks');
      return url;
    },
  };
}
