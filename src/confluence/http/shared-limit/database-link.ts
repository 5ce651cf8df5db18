/**
 * Whether the shared limiter's database answers, for the whole registry. Every limiter query
 * runs under a short deadline; the first that fails or overruns marks the link down, and from
 * then on requests are paced locally (no query waits on a dead database) while one probe a
 * second asks `SELECT 1`; its first answer brings the link, and the shared buckets, back.
 */
import type { Logger } from 'pino';
import type { PostgresPool } from '../../../storage/postgres/pool.ts';

/** The longest a limiter query may take before the database counts as unreachable. */
export const DEFAULT_DATABASE_DEADLINE_MS = 1_000;
/** How often an unreachable database is asked again. */
export const DEFAULT_PROBE_INTERVAL_MS = 1_000;

export interface DatabaseLinkOptions {
  deadlineMs?: number;
  probeIntervalMs?: number;
  logger?: Logger | undefined;
}

export interface DatabaseLink {
  /** False while the database is out of reach. */
  readonly up: boolean;
  /** Runs `query` under the deadline; a failure marks the link down and rethrows. */
  run<T>(query: () => Promise<T>): Promise<T>;
  close(): void;
}

export function createDatabaseLink(
  pool: PostgresPool,
  options: DatabaseLinkOptions = {},
): DatabaseLink {
  const deadlineMs = options.deadlineMs ?? DEFAULT_DATABASE_DEADLINE_MS;
  const probeIntervalMs = options.probeIntervalMs ?? DEFAULT_PROBE_INTERVAL_MS;
  let up = true;
  let probe: NodeJS.Timeout | undefined;
  let closed = false;

  function withDeadline<T>(work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const overrun = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`the database did not answer within ${deadlineMs} ms`)),
        deadlineMs,
      );
    });
    return Promise.race([work, overrun]).finally(() => clearTimeout(timer));
  }

  function lost(error: unknown) {
    if (!up || closed) return;
    up = false;
    options.logger?.warn(
      { err: error instanceof Error ? error.message : String(error) },
      'site rate limit: the database did not answer; each instance paces itself on its share until it does',
    );
    probe = setInterval(() => {
      withDeadline(pool.query('SELECT 1')).then(
        () => {
          if (up) return;
          up = true;
          clearInterval(probe);
          options.logger?.info('site rate limit: the database answers again; limits shared again');
        },
        () => undefined,
      );
    }, probeIntervalMs);
    probe.unref();
  }

  return {
    get up() {
      return up;
    },
    async run(query) {
      try {
        return await withDeadline(query());
      } catch (error) {
        lost(error);
        throw error;
      }
    },
    close() {
      closed = true;
      clearInterval(probe);
    },
  };
}
