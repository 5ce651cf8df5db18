/**
 * Versioned schema migrations for the PostgreSQL stores, run at start by every instance. Each
 * component (runs, jobs, limiter, …) owns an ordered list of migrations; a migration is applied
 * once, in one transaction with its record in `workbench_migrations`. Instances that start at the
 * same moment queue on one advisory lock, so the second sees the first's work and applies nothing.
 *
 * A list only grows: a released migration is never edited (add the next version instead), and a
 * database that has a version this build does not know is refused (an older build must not run
 * against a newer schema).
 */
import type { PostgresPool } from './pool.ts';
import { withTransaction } from './pool.ts';

export interface Migration {
  /** 1, 2, 3, …: the order, and the record of what was applied. */
  version: number;
  /** A few words, kept in the table for people reading it. */
  name: string;
  /** Plain SQL; may hold several statements. */
  sql: string;
}

/** Key of the advisory lock migrations hold (any fixed 64-bit number; this one spells "wbmigr"). */
const MIGRATION_LOCK = 0x77626d696772;

const MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS workbench_migrations (
  component TEXT NOT NULL,
  version INTEGER NOT NULL,
  name TEXT NOT NULL,
  applied_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (component, version)
)`;

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/**
 * Brings `component`'s schema up to the last of `migrations`; returns the versions it applied.
 *
 * @throws MigrationError when the list is out of order or the database is ahead of this build.
 * @example
 * await migrate(pool, 'runs', [{ version: 1, name: 'runs and results', sql: 'CREATE TABLE …' }]);
 */
export async function migrate(
  pool: PostgresPool,
  component: string,
  migrations: readonly Migration[],
): Promise<number[]> {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new MigrationError(
        `${component} migrations must be numbered 1, 2, 3, … in order (found ${migration.version} at position ${index + 1})`,
      );
    }
  });
  return withTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(MIGRATIONS_TABLE);
    const { rows } = await client.query<{ version: number }>(
      'SELECT version FROM workbench_migrations WHERE component = $1',
      [component],
    );
    const applied = new Set(rows.map((row) => row.version));
    const newest = Math.max(0, ...applied);
    if (newest > migrations.length) {
      throw new MigrationError(
        `the database's ${component} schema is at version ${newest}, newer than this build knows (${migrations.length}): upgrade confluence-workbench`,
      );
    }
    const done: number[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query(
        'INSERT INTO workbench_migrations (component, version, name) VALUES ($1, $2, $3)',
        [component, migration.version, migration.name],
      );
      done.push(migration.version);
    }
    return done;
  });
}
