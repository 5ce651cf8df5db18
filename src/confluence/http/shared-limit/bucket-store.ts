/**
 * The SQL of the shared site limiter, and nothing else: taking a token, publishing a pause, the
 * identity key, and the live-instance heartbeat. Every statement is one round trip.
 */
import type { PostgresPool } from '../../../storage/postgres/pool.ts';
import type { SitePause } from '../site-limiter.ts';

/** Which bucket: the normalized site root and the credential's HMAC identity. */
export interface BucketKey {
  site: string;
  credential: string;
}

/** The rate a bucket refills at; `perMs: null` shares pauses only (an unpaced site). */
export interface BucketRate {
  capacity: number;
  perMs: number | null;
}

export type Take =
  { kind: 'granted' } | { kind: 'wait'; waitMs: number } | { kind: 'paused'; pause: SitePause };

interface TakeRow {
  granted: boolean;
  wait_ms: number;
  paused_until: string; // BIGINT arrives as a string
  paused_reason: string;
  paused_quota: boolean;
}

/** An instance not seen for this long no longer counts as alive. */
export const INSTANCE_EXPIRY_SECONDS = 15;

export interface BucketStore {
  /** One token from the bucket, or how long to wait for one, or the pause in force at `nowMs`. */
  take(key: BucketKey, rate: BucketRate, nowMs: number): Promise<Take>;
  /** Records a pause for every instance; a pause already longer is kept. */
  publishPause(key: BucketKey, pause: SitePause): Promise<void>;
  /** The HMAC key the migration made. */
  identityKey(): Promise<Buffer>;
  /**
   * Marks `instance` alive with its configured `pace`; returns how many instances are (itself
   * included) and the paces the other live instances were configured with.
   */
  heartbeat(instance: string, pace: string): Promise<{ live: number; otherPaces: string[] }>;
  forget(instance: string): Promise<void>;
}

export function createBucketStore(pool: PostgresPool): BucketStore {
  return {
    async take(key, rate, nowMs) {
      const { rows } = await pool.query<TakeRow>('SELECT * FROM limiter_take($1, $2, $3, $4, $5)', [
        key.site,
        key.credential,
        rate.capacity,
        rate.perMs,
        Math.round(nowMs),
      ]);
      const row = rows[0]!;
      if (row.granted) return { kind: 'granted' };
      const until = Number(row.paused_until);
      if (until > 0) {
        return {
          kind: 'paused',
          pause: { until, reason: row.paused_reason, quota: row.paused_quota },
        };
      }
      return { kind: 'wait', waitMs: row.wait_ms };
    },
    async publishPause(key, pause) {
      await pool.query(
        `INSERT INTO limiter_buckets AS b (site, credential, pause_until, pause_reason, pause_quota)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (site, credential) DO UPDATE
         SET pause_until = EXCLUDED.pause_until, pause_reason = EXCLUDED.pause_reason,
             pause_quota = EXCLUDED.pause_quota
         WHERE b.pause_until < EXCLUDED.pause_until`,
        [key.site, key.credential, Math.round(pause.until), pause.reason, pause.quota],
      );
    },
    async identityKey() {
      const { rows } = await pool.query<{ key: Buffer }>(
        'SELECT key FROM limiter_key WHERE id = 1',
      );
      if (!rows[0])
        throw new Error('the limiter_key row is missing: the limiter migration did not run');
      return rows[0].key;
    },
    async heartbeat(instance, pace) {
      const { rows } = await pool.query<{ live: string; other_paces: string[] | null }>(
        `WITH beat AS (
           INSERT INTO limiter_instances (instance, seen_at, pace) VALUES ($1, clock_timestamp(), $3)
           ON CONFLICT (instance) DO UPDATE SET seen_at = EXCLUDED.seen_at, pace = EXCLUDED.pace
         ), gone AS (
           DELETE FROM limiter_instances WHERE seen_at < clock_timestamp() - interval '1 hour'
         )
         SELECT count(*) + CASE WHEN bool_or(instance = $1) THEN 0 ELSE 1 END AS live,
           array_agg(DISTINCT pace) FILTER (WHERE instance <> $1 AND pace IS NOT NULL) AS other_paces
         FROM limiter_instances
         WHERE seen_at > clock_timestamp() - make_interval(secs => $2)`,
        [instance, INSTANCE_EXPIRY_SECONDS, pace],
      );
      return {
        live: Math.max(1, Number(rows[0]?.live ?? 1)),
        otherPaces: rows[0]?.other_paces ?? [],
      };
    },
    async forget(instance) {
      await pool.query('DELETE FROM limiter_instances WHERE instance = $1', [instance]);
    },
  };
}
