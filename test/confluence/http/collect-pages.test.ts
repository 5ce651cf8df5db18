import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConfluenceClient } from '../../../src/confluence/http/client.ts';
import { collectPages, iteratePages } from '../../../src/confluence/http/pagination.ts';
import { startScriptedServer, type ScriptedServer } from '../fixtures/scripted-server.ts';

const TOTAL = 230;
let server: ScriptedServer;

/** v2 lists: Link header + `_links.next` (the cursor is the next offset); v1 search: `_links.next` relative to base. */
beforeAll(async () => {
  server = await startScriptedServer((c) => {
    const url = new URL(c.req.url);
    const limit = Number(url.searchParams.get('limit') ?? 25);
    const start = Number(url.searchParams.get('cursor') ?? 0);
    const results = Array.from({ length: Math.max(0, Math.min(limit, TOTAL - start)) }, (_, i) => ({
      id: String(start + i),
    }));
    const more = start + limit < TOTAL;
    if (url.pathname.startsWith('/wiki/rest/api')) {
      const next = `/rest/api/search?cql=type%3Dpage&limit=${limit}&cursor=${start + limit}`;
      return c.json({ results, _links: { base: `${server.url}/wiki`, ...(more ? { next } : {}) } });
    }
    const next = `/wiki/api/v2/pages?limit=${limit}&cursor=${start + limit}`;
    return c.json(
      { results, _links: more ? { next } : {} },
      200,
      more ? { link: `<${next}>; rel="next", <${server.url}/wiki>; rel="base"` } : {},
    );
  });
});
afterAll(async () => {
  await server.close();
});

const client = () =>
  createConfluenceClient({ baseUrl: server.url, limits: { requestsPerInterval: Infinity } });
const request = (c: ReturnType<typeof client>) => (spec: Parameters<typeof c.request>[0]) =>
  c.request(spec);

describe('collectPages', () => {
  it('collectPages: follows v2 next links to the end, not truncated', async () => {
    const result = await collectPages({
      first: { api: 'v2', method: 'GET', path: '/pages', query: { limit: 50 } },
      request: request(client()),
    });
    expect(result.items).toHaveLength(TOTAL);
    expect(result).toMatchObject({ truncated: false, pages: 5 });
    expect(result.resume).toBeUndefined();
    expect(new Set(result.items.map((item) => (item as { id: string }).id)).size).toBe(TOTAL);
  });

  it('collectPages: follows v1 _links.next relative to _links.base', async () => {
    const result = await collectPages({
      first: { api: 'v1', method: 'GET', path: '/search', query: { cql: 'type=page', limit: 100 } },
      request: request(client()),
    });
    expect(result.items).toHaveLength(TOTAL);
    expect(server.received.at(-1)!.url).toBe(
      '/wiki/rest/api/search?cql=type%3Dpage&limit=100&cursor=200',
    );
  });

  it('collectPages: a page cap says truncated and where to resume', async () => {
    const c = client();
    const result = await collectPages({
      first: { api: 'v2', method: 'GET', path: '/pages', query: { limit: 25 } },
      request: request(c),
      maxPages: 2,
    });
    expect(result).toMatchObject({
      truncated: true,
      pages: 2,
      resume: { nextUrl: '/wiki/api/v2/pages?limit=25&cursor=50', skip: 0 },
    });
    const rest = await collectPages({
      first: { api: 'v2', method: 'GET', path: '/pages', nextUrl: result.resume!.nextUrl },
      request: request(c),
    });
    expect(result.items.length + rest.items.length).toBe(TOTAL);
  });

  it('collectPages: an item cap inside a page resumes at that page, skipping what was returned', async () => {
    const result = await collectPages({
      first: { api: 'v2', method: 'GET', path: '/pages', query: { limit: 25 } },
      request: request(client()),
      maxItems: 30,
    });
    expect(result.items).toHaveLength(30);
    expect(result).toMatchObject({
      truncated: true,
      pages: 2,
      resume: { nextUrl: '/wiki/api/v2/pages?limit=25&cursor=25', skip: 5 },
    });
  });

  it('collectPages: an item cap that lands on the last item is not a truncation', async () => {
    const result = await collectPages({
      first: { api: 'v2', method: 'GET', path: '/pages', query: { limit: 250 } },
      request: request(client()),
      maxItems: TOTAL,
    });
    expect(result).toMatchObject({ truncated: false, pages: 1 });
  });

  it('iteratePages: breaking out early sends nothing more', async () => {
    const before = server.received.length;
    for await (const page of iteratePages({
      first: { api: 'v2', method: 'GET', path: '/pages', query: { limit: 10 } },
      request: request(client()),
    })) {
      expect(page.items).toHaveLength(10);
      break;
    }
    expect(server.received.length - before).toBe(1);
  });
});
