/**
 * Helpers of the multi-instance suites: a job's items as the shared database holds them, and its
 * status and report as a `serve` process answers them.
 */
import pg from 'pg';
import type { JobItemReport, JobStatus } from '../../../src/jobs/types.ts';
import type { ServeProcess } from '../../support/serve-process.ts';
import { fetchJson } from '../../support/http-json.ts';

/** Runs `work` on a fresh connection to `url`, closed afterwards. */
export async function withDatabase<T>(
  url: string,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** How many of the job's items are in `state`. */
export function countItemsIn(url: string, jobId: string, state: string): Promise<number> {
  return withDatabase(url, async (client) => {
    const { rows } = await client.query<{ n: string }>(
      `SELECT COUNT(*) AS n FROM job_items WHERE job_id = $1 AND state = $2`,
      [jobId, state],
    );
    return Number(rows[0]!.n);
  });
}

/** The running items' positions by lease owner (`host:pid:nonce`). */
export function runningByOwner(url: string, jobId: string): Promise<Map<string, number[]>> {
  return withDatabase(url, async (client) => {
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
