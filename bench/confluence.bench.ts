/**
 * The SDK wire's cost: per-call overhead of the client and the run session over a raw
 * `app.request` to the in-process emulator, a 1,000-page listing followed through its cursors
 * (client iterator and session host calls), and the markdown round trip of a large page.
 * `npm run bench -- confluence`
 */
import { createConfluenceClient } from '../src/confluence/http/client.ts';
import { collectPages } from '../src/confluence/http/pagination.ts';
import { markdownToStorage } from '../src/confluence/markdown/markdown-to-storage.ts';
import { storageToMarkdown } from '../src/confluence/markdown/storage-to-markdown.ts';
import { OPERATIONS } from '../src/confluence/operations/index.ts';
import { createRunSession } from '../src/confluence/session/run-session.ts';
import { createEmulator } from '../src/emulator/index.ts';
import { generateSite } from '../src/emulator/seed/generate.ts';
import { type BenchRow, type BenchSuite, describeSample, median, sample } from './harness.ts';

const AUTHORIZATION = `Basic ${Buffer.from('demo@example.com:demo-token').toString('base64')}`;
const LISTED_PAGES = 1_000;
const CALLS = 300;

const suite: BenchSuite = {
  name: 'confluence',
  async run() {
    const emulator = createEmulator({ seed: 'demo' });
    try {
      const site = generateSite(emulator.context, { pages: LISTED_PAGES - 1, spaces: 1 });
      const spaceId = String(site.spaceIds[0]);
      const client = createConfluenceClient({
        baseUrl: 'http://emulator.local',
        auth: { kind: 'basic', email: 'demo@example.com', apiToken: 'demo-token' },
        fetch: (input, init) => Promise.resolve(emulator.app.request(String(input), init)),
        limits: { requestsPerInterval: Infinity },
      });
      const session = createRunSession({
        client,
        operations: OPERATIONS,
        mode: 'live',
        policy: { readOnly: false, allowedOperations: [], allowedSpaces: [], maxWritesPerRun: 500 },
      });
      const context = { signal: new AbortController().signal, callIndex: 0 };
      const raw = await sample(
        async () => {
          const response = await emulator.app.request(
            'http://emulator.local/wiki/api/v2/pages/65537',
            { headers: { authorization: AUTHORIZATION, accept: 'application/json' } },
          );
          return response.json();
        },
        { iterations: CALLS },
      );
      const viaClient = await sample(
        () => client.request({ api: 'v2', method: 'GET', path: '/pages/65537' }),
        { iterations: CALLS },
      );
      const viaSession = await sample(() => session.host['pages.get']!({ id: '65537' }, context), {
        iterations: 100,
      });
      const rows: BenchRow[] = [
        {
          name: 'pages.get: raw app.request + JSON parse',
          value: median(raw),
          unit: 'ms',
          note: describeSample(raw),
        },
        {
          name: 'pages.get: client.request (auth, limiter, retry wrapper, parse)',
          value: median(viaClient),
          unit: 'ms',
          note: describeSample(viaClient),
        },
        {
          name: 'pages.get: session host call (validate, policy, ledger, transform)',
          value: median(viaSession),
          unit: 'ms',
          note: describeSample(viaSession),
        },
        {
          name: 'SDK overhead per call (session − raw), median',
          value: (median(viaSession) - median(raw)) * 1000,
          unit: 'µs',
          target: { op: '<=', value: 1_000 },
        },
      ];
      rows.push(...(await listingRows(client, session.host['pages.list']!, context, spaceId)));
      rows.push(...markdownRows());
      return rows;
    } finally {
      emulator.close();
    }
  },
};

async function listingRows(
  client: ReturnType<typeof createConfluenceClient>,
  listPages: (
    args: unknown,
    context: { signal: AbortSignal; callIndex: number },
  ) => Promise<unknown>,
  context: { signal: AbortSignal; callIndex: number },
  spaceId: string,
): Promise<BenchRow[]> {
  let count = 0;
  const iterator = await sample(
    async () => {
      const listed = await collectPages({
        first: {
          api: 'v2',
          method: 'GET',
          path: '/pages',
          query: { 'space-id': spaceId, limit: 250 },
        },
        request: (spec) => client.request(spec),
      });
      count = listed.items.length;
    },
    { iterations: 10, warmup: 2 },
  );
  const throughSession = await sample(
    async () => {
      let cursor: string | undefined;
      let listed = 0;
      do {
        const page = (await listPages(
          { spaceId, limit: 250, ...(cursor ? { cursor } : {}) },
          context,
        )) as { results: unknown[]; nextCursor?: string };
        listed += page.results.length;
        cursor = page.nextCursor;
      } while (cursor);
      count = Math.min(count, listed);
    },
    { iterations: 10, warmup: 2 },
  );
  return [
    {
      name: `${count}-page listing, collectPages (4 pages of 250)`,
      value: median(iterator),
      unit: 'ms',
      target: { op: '<=', value: 250 },
      note: describeSample(iterator),
    },
    {
      name: `${count}-page listing, pages.list host calls following nextCursor`,
      value: median(throughSession),
      unit: 'ms',
      note: describeSample(throughSession),
    },
  ];
}

function markdownRows(): BenchRow[] {
  const section = (index: number) =>
    `<h2>Section ${index}</h2><p>Some <strong>text</strong> with <ac:structured-macro ac:name="status"><ac:parameter ac:name="title">OK</ac:parameter></ac:structured-macro> and a <a href="https://example.com/${index}">link</a>.</p><ul><li>one</li><li>two</li></ul><ac:structured-macro ac:name="code"><ac:parameter ac:name="language">ts</ac:parameter><ac:plain-text-body><![CDATA[const value = ${index};]]></ac:plain-text-body></ac:structured-macro>`;
  const storage = Array.from({ length: 150 }, (_, index) => section(index)).join('');
  const toMarkdown: number[] = [];
  const toStorage: number[] = [];
  for (let i = 0; i < 20; i++) {
    let started = performance.now();
    const markdown = storageToMarkdown(storage);
    toMarkdown.push(performance.now() - started);
    started = performance.now();
    markdownToStorage(markdown);
    toStorage.push(performance.now() - started);
  }
  const kb = Math.round(storage.length / 1024);
  return [
    {
      name: `storageToMarkdown, ${kb} KB page with 300 macros`,
      value: median(toMarkdown),
      unit: 'ms',
      note: describeSample(toMarkdown),
    },
    {
      name: `markdownToStorage, same page`,
      value: median(toStorage),
      unit: 'ms',
      note: describeSample(toStorage),
    },
  ];
}

export default suite;
