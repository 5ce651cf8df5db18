/**
 * CQL search figures on a 10,000-page site (the large-site generator): the brief's query, a label
 * and a text term together, plus the shapes around it (text alone, label alone, a subtree, a
 * sorted listing, a deep cursor page, /content/search with bodies, a parse error).
 * In-process `app.request`, medians. `npm run bench -- cql`.
 */
import type { Hono } from 'hono';
import { createEmulator } from '../src/emulator/index.ts';
import type { EmulatorEnv } from '../src/emulator/http/env.ts';
import { labelStoreOf } from '../src/emulator/labels/module.ts';
import { generateSite } from '../src/emulator/seed/generate.ts';
import { DEMO_ADMIN } from '../src/emulator/users/store.ts';
import { type BenchRow, type BenchSuite, describeSample, median, sample } from './harness.ts';

const HEADERS = { authorization: 'Bearer demo-token' };
const SITE_PAGES = 10_000;
/** The brief's target for a label + text query over 10,000 pages. */
const LABEL_AND_TEXT_TARGET_MS = 50;
/** Every LABEL_EVERY-th page carries `q3`; every page carries one of the topic labels. */
const LABEL_EVERY = 10;
const TOPIC_LABELS = ['ops', 'design', 'finance', 'people'];
const ITERATIONS = 100;
const WARMUP = 10;

type App = Hono<EmulatorEnv>;

function buildSite() {
  const emulator = createEmulator({ seed: 'none' });
  const { pageIds } = generateSite(emulator.context, { pages: SITE_PAGES });
  const labels = labelStoreOf(emulator.context);
  const q3 = labels.ensure('global', 'q3', DEMO_ADMIN.accountId);
  const topics = TOPIC_LABELS.map((name) => labels.ensure('global', name, DEMO_ADMIN.accountId));
  emulator.context.db.exec('BEGIN');
  pageIds.forEach((id, index) => {
    if (index % LABEL_EVERY === 0) labels.attach(id, q3.id);
    labels.attach(id, topics[index % topics.length]!.id);
  });
  emulator.context.db.exec('COMMIT');
  return { emulator, pageIds };
}

async function measure(app: App, name: string, path: string, target?: number): Promise<BenchRow> {
  const probe = await app.request(path, { headers: HEADERS });
  const probeBody = (await probe.json()) as { totalSize?: number; size?: number; message?: string };
  if (probe.status !== 200 && !name.includes('400')) {
    throw new Error(`${name}: ${probe.status} ${probeBody.message ?? ''}`);
  }
  const times = await sample(async () => (await app.request(path, { headers: HEADERS })).text(), {
    iterations: ITERATIONS,
    warmup: WARMUP,
  });
  const matched = probeBody.totalSize === undefined ? '' : ` · ${probeBody.totalSize} matches`;
  return {
    name,
    value: median(times),
    unit: 'ms',
    ...(target === undefined ? {} : { target: { op: '<=' as const, value: target } }),
    note: `${describeSample(times)}${matched}`,
  };
}

const search = (cql: string, extra = '') =>
  `/wiki/rest/api/search?cql=${encodeURIComponent(cql)}&limit=25${extra}`;

const suite: BenchSuite = {
  name: 'cql',
  async run() {
    const { emulator, pageIds } = buildSite();
    const app = emulator.app;
    const rows: BenchRow[] = [];
    try {
      rows.push(
        await measure(
          app,
          'search label = q3 AND text ~ "roadmap" (10k pages)',
          search('type = page AND label = q3 AND text ~ "roadmap"'),
          LABEL_AND_TEXT_TARGET_MS,
        ),
      );
      rows.push(
        await measure(
          app,
          'search text ~ "roadmap", ranked by bm25',
          search('type = page AND text ~ "roadmap"'),
        ),
      );
      rows.push(
        await measure(
          app,
          'search label = ops ORDER BY title',
          search('type = page AND label = ops ORDER BY title'),
        ),
      );
      rows.push(
        await measure(
          app,
          'search ancestor = <a space homepage> (recursive)',
          search(`ancestor = ${homepageOf(emulator, pageIds[0]!)}`),
        ),
      );
      rows.push(
        await measure(
          app,
          'search created > "2026-01-05" ORDER BY lastmodified DESC',
          search('type = page AND created > "2026-01-05" ORDER BY lastmodified DESC'),
        ),
      );
      rows.push(
        await measure(
          app,
          'content/search text ~ with expand=body.storage,version',
          `/wiki/rest/api/content/search?cql=${encodeURIComponent('type = page AND text ~ "budget"')}&limit=25&expand=body.storage,version`,
        ),
      );
      rows.push(
        await measure(
          app,
          'search deep page (offset 5,000) of type = page ORDER BY id',
          await deepCursor(app),
        ),
      );
      rows.push(
        await measure(
          app,
          'search with a syntax error (400)',
          search('type = page AND (label = q3'),
        ),
      );
    } finally {
      emulator.close();
    }
    return rows;
  },
};

function homepageOf(emulator: ReturnType<typeof createEmulator>, pageId: number): number {
  const page = emulator.context.content.get(pageId)!;
  return emulator.context.spaces.get(page.space_id!)!.homepage_id!;
}

/** The URL of the page at offset 5,000, built by the emulator itself (a cursor is opaque). */
async function deepCursor(app: App): Promise<string> {
  const cql = 'type = page ORDER BY id';
  const first = (await (
    await app.request(search(cql, '&limit=5000'), { headers: HEADERS })
  ).json()) as { _links: { next: string } };
  const next = new URL(first._links.next, 'http://localhost');
  next.searchParams.set('limit', '25');
  return `/wiki${next.pathname}?${next.searchParams.toString()}`;
}

export default suite;
