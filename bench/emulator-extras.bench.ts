/**
 * Figures for labels, comments, attachments, tasks and restrictions on a 10,000-page site: what
 * the visibility rule costs a 250-page list and a single GET (with 100 read-restricted subtrees vs
 * an emulator without the restrictions module), what deriving tasks costs a 10k-page seed, a
 * GET /tasks page, a label lookup, and an upload + download round trip of 1 MB.
 * `npm run bench -- emulator-extras`.
 */
import { type Emulator, createEmulator } from '../src/emulator/index.ts';
import { EMULATOR_MODULES } from '../src/emulator/modules.ts';
import { generateSite } from '../src/emulator/seed/generate.ts';
import { type BenchRow, type BenchSuite, describeSample, median, now, sample } from './harness.ts';

const HEADERS = { authorization: 'Bearer demo-token' };
const SITE_PAGES = 10_000;
const RESTRICTED_SUBTREES = 100;
const UPLOAD_BYTES = 1024 * 1024;

async function get(emulator: Emulator, path: string): Promise<string> {
  const response = await emulator.app.request(path, { headers: HEADERS });
  if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`);
  return response.text();
}

function withoutModule(name: string) {
  return EMULATOR_MODULES.filter((module) => module.name !== name);
}

/** A 10k-page site; with `restrict`, 100 pages (and so their subtrees) readable by alice only. */
function site(options: { restrict: boolean; modules?: typeof EMULATOR_MODULES }) {
  const emulator = createEmulator({
    seed: 'demo',
    ...(options.modules ? { modules: options.modules } : {}),
  });
  const { pageIds } = generateSite(emulator.context, { pages: SITE_PAGES });
  if (options.restrict) {
    const alice = emulator.context.users.byEmail('alice@example.com')!.account_id;
    const insert = emulator.db.prepare(
      `INSERT INTO content_restrictions (content_id, operation, subject_type, subject_id, created_at) VALUES (?, 'read', 'user', ?, 0)`,
    );
    for (let index = 0; index < RESTRICTED_SUBTREES; index++)
      insert.run(pageIds[index * 97]!, alice);
  }
  return { emulator, pageIds };
}

async function listRow(name: string, emulator: Emulator): Promise<BenchRow> {
  const times = await sample(() => get(emulator, '/wiki/api/v2/pages?limit=250'), {
    iterations: 100,
    warmup: 10,
  });
  return { name, value: median(times), unit: 'ms', note: describeSample(times) };
}

async function visibilityRows(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const plain = site({ restrict: false, modules: withoutModule('restrictions') });
  rows.push(await listRow('GET /pages?limit=250, no restrictions module', plain.emulator));
  const restricted = site({ restrict: true });
  rows.push(
    await listRow(
      `GET /pages?limit=250, ${RESTRICTED_SUBTREES} restricted subtrees`,
      restricted.emulator,
    ),
  );
  const pageId = restricted.pageIds[5_001]!;
  const single = await sample(() => get(restricted.emulator, `/wiki/api/v2/pages/${pageId}`), {
    iterations: 1_000,
    warmup: 100,
  });
  rows.push({
    name: 'GET /pages/{id} with the visibility check',
    value: median(single),
    unit: 'ms',
    note: describeSample(single),
  });
  const tasks = await sample(
    () => get(restricted.emulator, '/wiki/api/v2/tasks?limit=250&body-format=storage'),
    { iterations: 100, warmup: 10 },
  );
  rows.push({
    name: 'GET /tasks?limit=250&body-format=storage (2k tasks)',
    value: median(tasks),
    unit: 'ms',
    note: describeSample(tasks),
  });
  plain.emulator.close();
  restricted.emulator.close();
  return rows;
}

function seedRow(name: string, modules: typeof EMULATOR_MODULES): BenchRow {
  const times: number[] = [];
  for (let run = 0; run < 3; run++) {
    const emulator = createEmulator({ seed: 'none', modules });
    const start = now();
    generateSite(emulator.context, { pages: SITE_PAGES });
    times.push(now() - start);
    emulator.close();
  }
  return { name, value: median(times), unit: 'ms', note: 'median of 3 · in-memory database' };
}

async function uploadRow(): Promise<BenchRow[]> {
  const emulator = createEmulator({ seed: 'demo' });
  const pageId = (
    emulator.db.prepare(`SELECT id FROM content WHERE title = 'Launch checklist'`).get() as {
      id: number;
    }
  ).id;
  const bytes = new Uint8Array(UPLOAD_BYTES).map((_, index) => index % 251);
  let run = 0;
  const roundTrip = async () => {
    const form = new FormData();
    form.append(
      'file',
      new Blob([bytes], { type: 'application/octet-stream' }),
      `blob-${run++}.bin`,
    );
    const uploaded = await emulator.app.request(
      `/wiki/rest/api/content/${pageId}/child/attachment`,
      {
        method: 'POST',
        body: form,
        headers: { ...HEADERS, 'X-Atlassian-Token': 'nocheck' },
      },
    );
    const json = (await uploaded.json()) as { results: Array<{ _links: { download: string } }> };
    const download = await emulator.app.request(`/wiki${json.results[0]!._links.download}`, {
      headers: HEADERS,
    });
    if ((await download.arrayBuffer()).byteLength !== UPLOAD_BYTES)
      throw new Error('short download');
  };
  const times = await sample(roundTrip, { iterations: 30, warmup: 3 });
  const labelId = (
    emulator.db.prepare(`SELECT id FROM labels WHERE name = 'q3'`).get() as { id: number }
  ).id;
  const labelled = await sample(() => get(emulator, `/wiki/api/v2/labels/${labelId}/pages`), {
    iterations: 500,
    warmup: 50,
  });
  emulator.close();
  return [
    {
      name: 'upload 1 MB (multipart) + download it',
      value: median(times),
      unit: 'ms',
      note: describeSample(times),
    },
    {
      name: 'GET /labels/{id}/pages',
      value: median(labelled),
      unit: 'ms',
      note: describeSample(labelled),
    },
  ];
}

const suite: BenchSuite = {
  name: 'emulator-extras',
  async run() {
    return [
      ...(await visibilityRows()),
      seedRow('seed 10k pages, every module (tasks derived)', EMULATOR_MODULES),
      seedRow('seed 10k pages, without the tasks module', withoutModule('tasks')),
      ...(await uploadRow()),
    ];
  },
};

export default suite;
