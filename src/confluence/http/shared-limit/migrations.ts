/**
 * The schema of the site rate limit shared by instances through PostgreSQL (component `limiter`,
 * applied by `migrate`): one token bucket and pause per (site, credential), the HMAC key that
 * makes a credential's identity agree across instances, and the instances alive now (their count
 * sets the share each one takes when the database is out of reach).
 *
 * `limiter_take` is the whole per-request protocol in one round trip: under the row's lock it
 * reports a pause in force, else refills the bucket by the database's own clock (one clock for
 * every instance, so their skew cannot mint tokens) and takes one token or says how long to wait.
 */
import type { Migration } from '../../../storage/postgres/migrations.ts';

// Buckets and pauses are state of the moment, not records: UNLOGGED (no WAL, so no fsync per
// request; emptied after a database crash, which only resets the buckets to full and forgets a
// pause the next 429 brings back).
const BUCKETS = `
CREATE UNLOGGED TABLE limiter_buckets (
  site TEXT NOT NULL,                         -- normalized site root
  credential TEXT NOT NULL,                   -- HMAC of the credential under limiter_key: never the secret
  tokens DOUBLE PRECISION NOT NULL DEFAULT 0, -- tokens left at refilled_at
  refilled_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
  pause_until BIGINT NOT NULL DEFAULT 0,      -- epoch ms (the observing instance's clock); 0: none
  pause_reason TEXT NOT NULL DEFAULT '',
  pause_quota BOOLEAN NOT NULL DEFAULT false, -- Confluence's hourly quota, not a burst limit
  PRIMARY KEY (site, credential)
);

-- One random key, made here once: gen_random_uuid() draws on pg_strong_random (2 × 122 bits).
CREATE TABLE limiter_key (
  id SMALLINT PRIMARY KEY CHECK (id = 1),
  key BYTEA NOT NULL
);
INSERT INTO limiter_key (id, key)
VALUES (1, decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'));

CREATE UNLOGGED TABLE limiter_instances (
  instance TEXT PRIMARY KEY,
  seen_at TIMESTAMPTZ NOT NULL
);`;

/** p_per_ms NULL: no rate (only pauses are shared). Returns one row. */
const TAKE = `
CREATE FUNCTION limiter_take(
  p_site TEXT, p_credential TEXT, p_capacity DOUBLE PRECISION, p_per_ms DOUBLE PRECISION,
  p_now_ms BIGINT
) RETURNS TABLE (
  granted BOOLEAN, wait_ms DOUBLE PRECISION, paused_until BIGINT, paused_reason TEXT,
  paused_quota BOOLEAN
) LANGUAGE plpgsql AS $$
DECLARE
  b limiter_buckets%ROWTYPE;
  t_now TIMESTAMPTZ;
  level DOUBLE PRECISION;
BEGIN
  -- A token is not worth a disk flush: this transaction commits without waiting for one.
  PERFORM set_config('synchronous_commit', 'off', true);
  SELECT * INTO b FROM limiter_buckets
  WHERE site = p_site AND credential = p_credential FOR UPDATE;
  IF NOT FOUND THEN
    INSERT INTO limiter_buckets (site, credential, tokens) VALUES (p_site, p_credential, p_capacity)
    ON CONFLICT DO NOTHING;
    SELECT * INTO b FROM limiter_buckets
    WHERE site = p_site AND credential = p_credential FOR UPDATE;
  END IF;
  IF b.pause_until > p_now_ms THEN
    RETURN QUERY SELECT false, (b.pause_until - p_now_ms)::DOUBLE PRECISION, b.pause_until,
      b.pause_reason, b.pause_quota;
    RETURN;
  END IF;
  IF p_per_ms IS NULL THEN
    RETURN QUERY SELECT true, 0::DOUBLE PRECISION, 0::BIGINT, ''::TEXT, false;
    RETURN;
  END IF;
  -- Read the clock after the lock: refills never run backwards when callers queue on the row.
  t_now := greatest(clock_timestamp(), b.refilled_at);
  level := least(p_capacity,
    b.tokens + p_per_ms * extract(epoch FROM t_now - b.refilled_at) * 1000);
  IF level >= 1 THEN
    UPDATE limiter_buckets SET tokens = level - 1, refilled_at = t_now
    WHERE site = p_site AND credential = p_credential;
    RETURN QUERY SELECT true, 0::DOUBLE PRECISION, 0::BIGINT, ''::TEXT, false;
  ELSE
    UPDATE limiter_buckets SET tokens = level, refilled_at = t_now
    WHERE site = p_site AND credential = p_credential;
    RETURN QUERY SELECT false, (1 - level) / p_per_ms, 0::BIGINT, ''::TEXT, false;
  END IF;
END
$$;`;

/** Versioned: this list only grows (src/storage/postgres/migrations.ts). */
export const LIMITER_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'shared token buckets, pauses, identity key, instances',
    sql: BUCKETS + TAKE,
  },
  {
    version: 2,
    name: "each instance's configured pace, to tell instances that disagree",
    sql: 'ALTER TABLE limiter_instances ADD COLUMN pace TEXT',
  },
];
