/**
 * Several instances on one PostgreSQL (`npm run bench -- instances`), issue 11: the throughput of
 * one job worked by one, two and three `confluence-workbench serve` processes sharing a durable
 * PostgreSQL (fsync on), against the Confluence emulator as a separate process, in two sites:
 *
 *   (a) latency is the bottleneck: 75 ms on every request, no rate limit to speak of. More
 *       instances mean more items in flight; on a 2-core machine the CPU (isolates, three Node
 *       processes, the emulator, PostgreSQL) caps the gain long before the latency does.
 *   (b) the rate limit is the bottleneck: CONFLUENCE_MAX_REQUESTS_PER_SECOND=40 for all instances
 *       together, and the emulator enforcing 40 per second per credential (a 429 past it). The
 *       figure to watch is that the limit holds: aggregate requests per second, the most in any
 *       second (from the emulator's request log) and the 429s, with 1, 2 and 3 instances alike.
 *
 * Each run gets a fresh database, a fresh copy of the seeded site and fresh instances; the job is
 * started on the first instance and timed from its POST to `done`. BENCH_INSTANCES_ITEMS and
 * BENCH_INSTANCES_RATE_ITEMS set the jobs' sizes (0 leaves that site out), BENCH_INSTANCES_RATE
 * the limit of (b): on a busy machine the CPU may cap the instances below 40 requests a second,
 * and a lower limit is then what binds.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createEmulator,
  type FaultConfigInput,
  type LoggedRequest,
  peakInWindow,
} from '../src/emulator/index.ts';
import { generateSite } from '../src/emulator/seed/generate.ts';
import type { JobStatus } from '../src/jobs/types.ts';
import { startPostgres, type PostgresServer } from '../test/support/postgres-server.ts';
import { type ServeProcess, startServeProcess } from '../test/support/serve-process.ts';
import { startEmulatorProcess } from './emulator-process.ts';
import { type BenchRow, type BenchSuite, now } from './harness.ts';
import { fetchJson } from '../test/support/http-json.ts';
import { READ_UPDATE_ITEM_SCRIPT } from './job-scripts.ts';

const LATENCY_ITEMS = Number(process.env['BENCH_INSTANCES_ITEMS'] ?? 1_500);
const RATE_ITEMS = Number(process.env['BENCH_INSTANCES_RATE_ITEMS'] ?? 400);
const INSTANCES = [1, 2, 3];
const LATENCY_MS = 75;
const RATE_LIMIT = Number(process.env['BENCH_INSTANCES_RATE'] ?? 40);
const CONCURRENCY = 16;

const ITEM_SCRIPT = READ_UPDATE_ITEM_SCRIPT;

interface Site {
  name: string;
  items: number;
  faults: FaultConfigInput;
  requestsPerSecond: number;
}

const SITES: Site[] = [
  {
    name: `(a) ${LATENCY_MS} ms latency`,
    items: LATENCY_ITEMS,
    faults: { latency: { ms: LATENCY_MS } },
    requestsPerSecond: 10_000,
  },
  {
    name: `(b) rate limit ${RATE_LIMIT}/s`,
    items: RATE_ITEMS,
    faults: { latency: { ms: 5 }, enforce: { requests: RATE_LIMIT, windowMs: 1_000 } },
    requestsPerSecond: RATE_LIMIT,
  },
];

interface Measured {
  seconds: number;
  requests: LoggedRequest[];
  rateLimited: number;
}

/** One job on `count` fresh instances over a fresh database and a fresh copy of the site. */
async function measure(
  postgres: PostgresServer,
  site: Site,
  count: number,
  seeded: { file: string; pageIds: string[] },
  directory: string,
): Promise<Measured> {
  const database = path.join(directory, `site-${count}-${site.items}.sqlite`);
  copyFileSync(seeded.file, database);
  const emulator = await startEmulatorProcess(database, ['--seed', 'none']);
  const databaseUrl = await postgres.createDatabase('bench');
  const instances: ServeProcess[] = [];
  try {
    await fetchJson(`${emulator.url}/__emulator/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(site.faults),
    });
    const env: NodeJS.ProcessEnv = {
      PATH: process.env['PATH'],
      WORKBENCH_DATABASE_URL: databaseUrl,
      CONFLUENCE_BASE_URL: emulator.url,
      CONFLUENCE_EMAIL: 'demo@example.com',
      CONFLUENCE_API_TOKEN: 'demo-token',
      CONFLUENCE_MAX_REQUESTS_PER_SECOND: String(site.requestsPerSecond),
      CONFLUENCE_MAX_CONCURRENCY: String(CONCURRENCY),
    };
    for (let index = 0; index < count; index++) {
      const dataDir = mkdtempSync(path.join(directory, 'instance-'));
      instances.push(await startServeProcess({ ...env, WORKBENCH_DATA_DIR: dataDir }));
    }
    const since = Date.now();
    const started = now();
    const first = instances[0]!;
    const { jobId } = await fetchJson<JobStatus>(`${first.url}/v1/jobs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        code: ITEM_SCRIPT,
        items: seeded.pageIds.slice(0, site.items).map((id) => ({ id })),
        options: { concurrency: CONCURRENCY },
      }),
    });
    for (;;) {
      const status = await fetchJson<JobStatus>(`${first.url}/v1/jobs/${jobId}`);
      if (status.state === 'done') break;
      if (['failed', 'cancelled'].includes(status.state))
        throw new Error(`job ended ${status.state}: ${JSON.stringify(status.counts)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const seconds = (now() - started) / 1000;
    const log = await fetchJson<{ requests: LoggedRequest[] }>(
      `${emulator.url}/__emulator/requests?since=${since}`,
    );
    return {
      seconds,
      requests: log.requests,
      rateLimited: log.requests.filter((request) => request.status === 429).length,
    };
  } finally {
    await Promise.all(instances.map((instance) => instance.kill()));
    emulator.child.kill('SIGTERM');
    await postgres.dropDatabase(databaseUrl).catch(() => undefined);
  }
}

function rowsOf(site: Site, count: number, measured: Measured, single: number): BenchRow[] {
  const itemsPerSecond = site.items / measured.seconds;
  const rows: BenchRow[] = [
    {
      name: `${site.name}: ${site.items} items, ${count} instance${count > 1 ? 's' : ''}`,
      value: itemsPerSecond,
      unit: 'items/s',
      note: `${Math.round(measured.seconds * 10) / 10} s; ×${Math.round((itemsPerSecond / single) * 100) / 100} of one instance`,
    },
  ];
  if (site.requestsPerSecond < 10_000) {
    const times = measured.requests.map((request) => request.at);
    const spanSeconds = (Math.max(...times) - Math.min(...times)) / 1000;
    rows.push(
      {
        name: `${site.name}, ${count} instance${count > 1 ? 's' : ''}: aggregate requests/s at the site`,
        value: measured.requests.length / spanSeconds,
        unit: 'req/s',
        target: { op: '<=', value: site.requestsPerSecond },
        note: `${measured.requests.length} requests; the most in any 1 s: ${peakInWindow(times, 1_000)}`,
      },
      {
        name: `${site.name}, ${count} instance${count > 1 ? 's' : ''}: 429s from the site`,
        value: measured.rateLimited,
        unit: '',
        target: { op: '<=', value: 0 },
      },
    );
  }
  return rows;
}

const suite: BenchSuite = {
  name: 'instances',
  async run() {
    const directory = mkdtempSync(path.join(tmpdir(), 'bench-instances-'));
    const postgres = await startPostgres({ durable: true });
    try {
      const file = path.join(directory, 'seeded.sqlite');
      const pages = Math.max(1, ...SITES.map((site) => site.items));
      process.stderr.write(`  seeding ${pages} pages …\n`);
      const emulator = createEmulator({ database: file, seed: 'demo' });
      const { pageIds } = generateSite(emulator.context, { pages, spaces: 2 });
      emulator.close();
      const seeded = { file, pageIds: pageIds.map(String) };
      const rows: BenchRow[] = [];
      for (const site of SITES.filter((candidate) => candidate.items > 0)) {
        let single = 0;
        for (const count of INSTANCES) {
          process.stderr.write(`  ${site.name}: ${site.items} items on ${count} instance(s) …\n`);
          const measured = await measure(postgres, site, count, seeded, directory);
          if (count === 1) single = site.items / measured.seconds;
          rows.push(...rowsOf(site, count, measured, single));
        }
      }
      return rows;
    } finally {
      await postgres.stop();
      rmSync(directory, { recursive: true, force: true });
    }
  },
};
export default suite;
