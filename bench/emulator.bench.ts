/**
 * Emulator figures: in-process GET of a page on a 10,000-page site, a 250-page list, seeding
 * 10,000 and 100,000 pages, and (once the CQL engineer's route answers) a CQL text query.
 * `npm run bench -- emulator`.
 */
import { createEmulator } from '../src/emulator/index.ts';
import { generateSite } from '../src/emulator/seed/generate.ts';
import { type BenchRow, type BenchSuite, describeSample, median, now, sample } from './harness.ts';

const HEADERS = { authorization: 'Bearer demo-token' };
const GET_PAGE_TARGET_MS = 1;
const SEED_10K_TARGET_MS = 5_000;

async function seedRow(pages: number, runs: number, target?: number): Promise<BenchRow> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const emulator = createEmulator({ seed: 'none' });
    const start = now();
    generateSite(emulator.context, { pages });
    times.push(now() - start);
    emulator.close();
  }
  return {
    name: `seed ${pages.toLocaleString('en')} pages (one transaction, FTS included)`,
    value: median(times),
    unit: 'ms',
    ...(target ? { target: { op: '<=' as const, value: target } } : {}),
    note: `median of ${runs} · in-memory database`,
  };
}

const suite: BenchSuite = {
  name: 'emulator',
  async run() {
    const rows: BenchRow[] = [];
    const emulator = createEmulator({ seed: 'demo' });
    const { pageIds } = generateSite(emulator.context, { pages: 10_000 });
    const pageId = pageIds[5_000]!;
    const getPage = async () => {
      const response = await emulator.app.request(`/wiki/api/v2/pages/${pageId}`, {
        headers: HEADERS,
      });
      if (response.status !== 200) throw new Error(`GET page answered ${response.status}`);
      await response.text();
    };
    const times = await sample(getPage, { iterations: 2_000, warmup: 200 });
    rows.push({
      name: 'in-process GET /wiki/api/v2/pages/{id} (10k-page site)',
      value: median(times),
      unit: 'ms',
      target: { op: '<=', value: GET_PAGE_TARGET_MS },
      note: describeSample(times),
    });
    const withBody = await sample(
      async () =>
        (
          await emulator.app.request(`/wiki/api/v2/pages/${pageId}?body-format=view`, {
            headers: HEADERS,
          })
        ).text(),
      { iterations: 1_000, warmup: 100 },
    );
    rows.push({
      name: 'in-process GET page with body-format=view',
      value: median(withBody),
      unit: 'ms',
      note: describeSample(withBody),
    });
    const list = await sample(
      async () =>
        (
          await emulator.app.request('/wiki/api/v2/pages?limit=250&body-format=storage', {
            headers: HEADERS,
          })
        ).text(),
      { iterations: 100, warmup: 10 },
    );
    rows.push({
      name: 'in-process GET /pages?limit=250&body-format=storage',
      value: median(list),
      unit: 'ms',
      note: describeSample(list),
    });
    rows.push(await cqlRow(emulator.app));
    emulator.close();
    rows.push(await seedRow(10_000, 3, SEED_10K_TARGET_MS));
    rows.push(await seedRow(100_000, 1));
    return rows;
  },
};

/** The CQL engineer's figure: a `text ~` search on the 10k-page site (blank until the route exists). */
async function cqlRow(app: ReturnType<typeof createEmulator>['app']): Promise<BenchRow> {
  const url = `/wiki/rest/api/search?cql=${encodeURIComponent('type = page AND text ~ "roadmap"')}&limit=25`;
  const probe = await app.request(url, { headers: HEADERS });
  if (probe.status !== 200)
    return {
      name: 'in-process CQL search text ~ (10k-page site)',
      value: Number.NaN,
      unit: 'ms',
      note: `search route answered ${probe.status}: not measured yet`,
    };
  const times = await sample(async () => (await app.request(url, { headers: HEADERS })).text(), {
    iterations: 200,
    warmup: 20,
  });
  return {
    name: 'in-process CQL search text ~ (10k-page site)',
    value: median(times),
    unit: 'ms',
    note: describeSample(times),
  };
}

export default suite;
