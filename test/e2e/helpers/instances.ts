/**
 * Helpers of the multi-instance suites: two `serve` processes on one PostgreSQL with the emulator
 * as a third process, a job's items as the shared database holds them, and its status and report
 * as a `serve` process answers them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import type { JobItemReport, JobStatus } from '../../../src/jobs/types.ts';
import { type SiteProcess, startSiteProcess } from '../../jobs/site-process.ts';
import { usePostgresDatabase } from '../../support/postgres.ts';
import { type ServeProcess, startServeProcess } from '../../support/serve-process.ts';
import { fetchJson } from '../../support/http-json.ts';
import { withClient } from '../../support/pg-client.ts';

export interface TwoInstances {
  readonly database: { readonly url: string };
  readonly site: SiteProcess;
  readonly a: ServeProcess;
  readonly b: ServeProcess;
  /** The instances' data dirs (which hold no database file: everything is in PostgreSQL). */
  readonly dataDirs: readonly string[];
}

/**
 * For the calling file: a site of `pages` generated pages served by the emulator as its own
 * process (10-20 ms of latency on every request), and two `serve` processes A and B on one fresh
 * PostgreSQL database (each with its own data dir, so nothing passes through a SQLite file),
 * pacing the site at `limit` requests a second together. Started before the file's tests (at the
 * same moment: the second waits for the first's migrations, then applies none), killed after.
 */
export function useTwoInstances(options: {
  prefix: string;
  pages: number;
  limit: number;
}): TwoInstances {
  const database = usePostgresDatabase(options.prefix);
  const dataDirs: string[] = [];
  let site: SiteProcess | undefined;
  let a: ServeProcess | undefined;
  let b: ServeProcess | undefined;
  const startInstance = (ready: SiteProcess) => {
    const dataDir = mkdtempSync(path.join(tmpdir(), `cw-${options.prefix}-`));
    dataDirs.push(dataDir);
    return startServeProcess({
      ...ready.env,
      WORKBENCH_DATA_DIR: dataDir,
      WORKBENCH_DATABASE_URL: database.url,
      CONFLUENCE_MAX_REQUESTS_PER_SECOND: String(options.limit),
      CONFLUENCE_MAX_CONCURRENCY: '16',
    });
  };
  beforeAll(async () => {
    const ready = await startSiteProcess(options.pages);
    site = ready;
    await ready.setFaults({ latency: { ms: 10, jitterMs: 10 } });
    [a, b] = await Promise.all([startInstance(ready), startInstance(ready)]);
  }, 180_000);
  afterAll(async () => {
    // SIGKILL ends a stopped (SIGSTOP) process too.
    await Promise.all([a?.kill(), b?.kill()]);
    site?.remove();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });
  const started = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`${name} exists only inside tests`);
    return value;
  };
  return {
    database,
    dataDirs,
    get site() {
      return started(site, 'the site');
    },
    get a() {
      return started(a, 'instance A');
    },
    get b() {
      return started(b, 'instance B');
    },
  };
}

/** How many of the job's items are in `state`. */
export function countItemsIn(url: string, jobId: string, state: string): Promise<number> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ n: string }>(
      `SELECT COUNT(*) AS n FROM job_items WHERE job_id = $1 AND state = $2`,
      [jobId, state],
    );
    return Number(rows[0]!.n);
  });
}

/** The running items' positions by lease owner (`host:pid:nonce`). */
export function runningByOwner(url: string, jobId: string): Promise<Map<string, number[]>> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ position: number; lease_owner: string }>(
      `SELECT position, lease_owner FROM job_items
       WHERE job_id = $1 AND state = 'running' AND lease_owner IS NOT NULL`,
      [jobId],
    );
    const owners = new Map<string, number[]>();
    for (const row of rows)
      owners.set(row.lease_owner, [...(owners.get(row.lease_owner) ?? []), row.position]);
    return owners;
  });
}

/** The pid in a lease owner's name (`host:pid:nonce`). */
export function pidOf(owner: string): number {
  return Number(owner.split(':')[1]);
}

/**
 * Samples the running items' lease owners every 25 ms until `stop` holds: which owner each item
 * was seen with, and how many samples saw two owners at once.
 */
export async function watchLeases(
  url: string,
  jobId: string,
  stop: () => Promise<boolean>,
): Promise<{ items: Map<number, string>; together: number }> {
  const items = new Map<number, string>();
  let together = 0;
  const deadline = Date.now() + 600_000;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    while (!(await stop())) {
      if (Date.now() > deadline) throw new Error('the job did not get far enough in 10 minutes');
      const { rows } = await client.query<{ position: number; lease_owner: string }>(
        `SELECT position, lease_owner FROM job_items
         WHERE job_id = $1 AND state = 'running' AND lease_owner IS NOT NULL`,
        [jobId],
      );
      for (const row of rows) items.set(row.position, row.lease_owner);
      if (new Set(rows.map((row) => row.lease_owner)).size > 1) together += 1;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } finally {
    await client.end();
  }
  return { items, together };
}

/** Polls a job's status until `until` holds (or 10 minutes pass) and returns the last one. */
export async function pollJob(
  url: string,
  until: (status: JobStatus) => boolean,
): Promise<JobStatus> {
  const deadline = Date.now() + 600_000;
  for (;;) {
    const status = await fetchJson<JobStatus>(url);
    if (until(status) || Date.now() > deadline) return status;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** True once a job is in a terminal state. */
export const jobEnded = (status: JobStatus): boolean =>
  ['done', 'failed', 'cancelled'].includes(status.state);

/** Every item's report, page by page over REST. */
export async function allItems(instance: ServeProcess, jobId: string): Promise<JobItemReport[]> {
  const items: JobItemReport[] = [];
  let offset: number | undefined = 0;
  while (offset !== undefined) {
    const page: { items: JobItemReport[]; nextOffset?: number } = await fetchJson(
      `${instance.url}/v1/jobs/${jobId}/items?offset=${offset}&limit=500`,
    );
    items.push(...page.items);
    offset = page.nextOffset;
  }
  return items;
}
