/**
 * An instance that stalls past its leases and wakes up must not send what it was about to send
 * (issue 11's lease fence, from the side a frozen process comes from). Real processes: two
 * `confluence-workbench serve` on one PostgreSQL and the emulator as a third, 10-20 ms of latency
 * on every request, and a site rate limit far below what the two would send, so that most items
 * in flight wait in the limiter after their write's intent was recorded.
 *
 * B owns the job, A works it too. A is stopped with SIGSTOP mid-job (a long GC pause, a frozen VM:
 * the process is alive, so its items move on only when their leases run out, 15 s). B takes them
 * over, reconciles each recorded intent against the site, and does them. Then, the job still
 * running, A gets SIGCONT: every timer it had is due at once, and its old items' writes leave
 * the limiter. None may reach the site, since B did them: the lease guard
 * (src/jobs/engine/job-runner.ts) stops each before it is sent. A then works on with new items.
 *
 * Wall time: about a minute (the job 40 s at the limit, the lease 15 s).
 */
import { describe, expect, it } from 'vitest';
import type { LoggedRequest } from '../../src/emulator/index.ts';
import type { JobStatus } from '../../src/jobs/types.ts';
import { MIGRATE_SCRIPT } from '../jobs/helpers.ts';
import { expectMigratedOnce, expectReportedOnce } from '../jobs/site-process.ts';
import { fetchJson, postJson } from '../support/http-json.ts';
import { withClient } from '../support/pg-client.ts';
import type { ServeProcess } from '../support/serve-process.ts';
import {
  allItems,
  jobEnded,
  pidOf,
  pollJob,
  runningByOwner,
  watchLeases,
  useTwoInstances,
} from './helpers/instances.ts';

const PAGES = 400;
/** Requests a second for both instances together: 10 items a second, far below their demand. */
const LIMIT = 40;
const JOB = 'stall';

const instances = useTwoInstances({ prefix: 'stall', pages: PAGES, limit: LIMIT });
const { database } = instances;

describe('an instance stalled past its leases (SIGSTOP, then SIGCONT)', () => {
  it('B takes its items over; A, woken mid-job, sends none of the writes it held and works on; every item once', async () => {
    const { site, a, b } = instances;
    const since = Date.now();
    // B owns the job; A joins it as a worker. (An owner that wakes finds its ownership gone and
    // stops everything at its first heartbeat; a worker goes on, so only the lease guard stands
    // between its queued writes and the site.)
    const started = await postJson<JobStatus>(`${b.url}/v1/jobs`, {
      id: JOB,
      code: MIGRATE_SCRIPT,
      items: site.pageIds.map((id) => ({ id })),
      options: { concurrency: 16 },
    });
    expect(started).toMatchObject({ jobId: JOB, counts: { total: PAGES } });

    const heldBy = async (instance: ServeProcess) =>
      [...(await runningByOwner(database.url, JOB)).entries()]
        .filter(([owner]) => pidOf(owner) === instance.pid)
        .flatMap(([, positions]) => positions);
    // Stopped once A is well into its items: several have a write whose intent is recorded.
    await until(async () => (await writingOn(await heldBy(a))) >= 4, 'A to be writing');
    process.kill(a.pid, 'SIGSTOP');
    // A cannot change anything now: what it holds is fixed.
    const stranded = await heldBy(a);
    expect(stranded.length).toBeGreaterThanOrEqual(8);

    // Their leases run out (15 s); B claims them, reconciles what A had begun, and does them.
    await until(
      async () => (await statesOf(stranded)).every((state) => state === 'done'),
      "B to finish A's items",
    );
    const mid = await fetchJson<JobStatus>(`${b.url}/v1/jobs/${JOB}`);
    expect(mid.state).toBe('running');
    expect(mid.counts.pending).toBeGreaterThan(0);
    process.kill(a.pid, 'SIGCONT');
    // Who holds what from then on, to the job's end.
    const afterWake = await watchLeases(database.url, JOB, async () =>
      jobEnded(await fetchJson<JobStatus>(`${b.url}/v1/jobs/${JOB}`)),
    );

    const final = await pollJob(`${b.url}/v1/jobs/${JOB}`, jobEnded);
    expect(final).toMatchObject({
      state: 'done',
      counts: { total: PAGES, done: PAGES, failed: 0, skipped: 0, pending: 0, running: 0 },
    });
    const reported = await allItems(b, JOB);
    expectReportedOnce(site, reported);
    for (const position of stranded) {
      expect(reported[position]!.attempts, reported[position]!.key).toBeGreaterThan(1);
    }
    // A worked on after it woke: it claimed new items.
    const claimedByA = [...afterWake.items.entries()].filter(
      ([position, owner]) => pidOf(owner) === a.pid && !stranded.includes(position),
    );
    expect(claimedByA.length, 'items A claimed after waking').toBeGreaterThan(0);

    // No write was sent twice: no update met a version conflict, and the site's own state has
    // one new version, one label and one comment per page.
    const log = await fetchJson<{ requests: LoggedRequest[]; dropped: number }>(
      `${site.url}/__emulator/requests?since=${since}`,
    );
    expect(log.dropped).toBe(0);
    expect(log.requests.filter((request) => request.status === 409)).toEqual([]);
    await expectMigratedOnce(site, (id) => `wb-job ${JOB} item ${id}`);
  }, 300_000);
});

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function statesOf(positions: number[]): Promise<string[]> {
  return withClient(database.url, async (client) => {
    const { rows } = await client.query<{ state: string }>(
      'SELECT state FROM job_items WHERE job_id = $1 AND position = ANY($2::int[])',
      [JOB, positions],
    );
    return rows.map((row) => row.state);
  });
}

/** How many of these items' current attempts recorded a write's intent. */
function writingOn(positions: number[]): Promise<number> {
  return withClient(database.url, async (client) => {
    const { rows } = await client.query<{ n: string }>(
      `SELECT COUNT(DISTINCT c.position) AS n FROM job_calls c
       JOIN job_items i ON i.job_id = c.job_id AND i.position = c.position AND i.attempt = c.attempt
       WHERE c.job_id = $1 AND c.position = ANY($2::int[]) AND c.kind = 'write'`,
      [JOB, positions],
    );
    return Number(rows[0]!.n);
  });
}
