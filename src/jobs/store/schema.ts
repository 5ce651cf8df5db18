/**
 * The jobs schema. Plain SQL that SQLite and PostgreSQL both read (no AUTOINCREMENT, no SQLite
 * date functions, upserts through ON CONFLICT): SQLite runs it at open (then adds the columns a
 * file made by an older build lacks), PostgreSQL as the first of its versioned migrations.
 */
import type { Migration } from '../../storage/postgres/migrations.ts';

export const JOBS_SCHEMA = `
CREATE TABLE IF NOT EXISTS jobs (
  id TEXT PRIMARY KEY,
  client TEXT,
  source TEXT,
  file TEXT,
  code TEXT NOT NULL,
  params TEXT,
  options TEXT NOT NULL,
  state TEXT NOT NULL,
  requested TEXT,
  reason TEXT,
  total INTEGER NOT NULL DEFAULT 0,
  enumerated INTEGER NOT NULL DEFAULT 0,
  calls_total INTEGER NOT NULL DEFAULT 0,
  calls_reads INTEGER NOT NULL DEFAULT 0,
  calls_writes INTEGER NOT NULL DEFAULT 0,
  calls_retries INTEGER NOT NULL DEFAULT 0,
  calls_failed INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  finished_at BIGINT,
  active_ms BIGINT NOT NULL DEFAULT 0,
  owner TEXT,
  heartbeat_at BIGINT,
  rate_limited_until BIGINT,
  rate_limited_reason TEXT
);
CREATE INDEX IF NOT EXISTS jobs_created_at ON jobs (created_at);
CREATE TABLE IF NOT EXISTS job_items (
  job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  key TEXT NOT NULL,
  item TEXT NOT NULL,
  state TEXT NOT NULL,
  attempt INTEGER NOT NULL DEFAULT 0,
  failures INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  output TEXT,
  writes TEXT,
  calls TEXT,
  started_at BIGINT,
  finished_at BIGINT,
  lease_owner TEXT,
  lease_until BIGINT,
  PRIMARY KEY (job_id, position)
);
CREATE UNIQUE INDEX IF NOT EXISTS job_items_key ON job_items (job_id, key);
CREATE INDEX IF NOT EXISTS job_items_state ON job_items (job_id, state, position);
CREATE TABLE IF NOT EXISTS job_calls (
  job_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  attempt INTEGER NOT NULL,
  operation TEXT NOT NULL,
  kind TEXT NOT NULL,
  args TEXT,
  target TEXT,
  expected TEXT,
  status TEXT NOT NULL,
  record TEXT,
  created_at BIGINT NOT NULL,
  settled_at BIGINT,
  PRIMARY KEY (job_id, position, idx),
  FOREIGN KEY (job_id, position) REFERENCES job_items (job_id, position) ON DELETE CASCADE
);
`;

/** Columns added after the first release: a jobs.sqlite made before them gets them at open. */
export const ADDED_ITEM_COLUMNS = [
  ['lease_owner', 'TEXT'],
  ['lease_until', 'BIGINT'],
] as const;

/** The PostgreSQL jobs schema's versions (`migrate(pool, 'jobs', JOBS_MIGRATIONS)`); only grows. */
export const JOBS_MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'jobs, items with leases, call ledger', sql: JOBS_SCHEMA },
];
