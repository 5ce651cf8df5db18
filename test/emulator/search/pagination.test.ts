import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../fixtures.ts';
import { type SearchSite, searchSite, titles } from './search-site.ts';

let site: SearchSite;
beforeAll(() => {
  site = searchSite();
});
afterAll(() => site.close());

const ALL_PAGES = 'type = page ORDER BY title';

/** A `_links.next` / `prev` (relative to `_links.base`) as a path the client can request. */
const follow = (body: Json, rel: 'next' | 'prev') => `/wiki${body._links[rel] as string}`;

describe('searchByCQL: ORDER BY and relevance', () => {
  it('searchByCQL: ORDER BY title, created, lastmodified and id, ascending and descending', async () => {
    const order = async (clause: string) =>
      titles(await site.search(`space = DOCS AND type = page ORDER BY ${clause}`));
    const byTitle = [
      'Budget & "plans"',
      'Deploy runbook',
      'Documentation Home',
      'Release 1.0',
      'Release 1.0 hotfix',
      'Release notes',
    ];
    expect(await order('title')).toEqual(byTitle);
    expect(await order('title DESC')).toEqual([...byTitle].reverse());
    const byCreated = [
      'Documentation Home',
      'Release notes',
      'Release 1.0',
      'Release 1.0 hotfix',
      'Deploy runbook',
      'Budget & "plans"',
    ];
    expect(await order('created')).toEqual(byCreated);
    expect(await order('id desc')).toEqual([...byCreated].reverse());
    expect((await order('lastmodified DESC'))[0]).toBe('Deploy runbook');
    expect(await order('lastModified ASC')).toEqual(
      byCreated.filter((title) => title !== 'Deploy runbook').concat('Deploy runbook'),
    );
  });

  it('searchByCQL: without ORDER BY, text matches rank by relevance (a title hit first)', async () => {
    const body = await site.search('type = page AND text ~ deploy');
    expect(titles(body)[0]).toBe('Deploy runbook');
    expect(titles(body).sort()).toEqual(['Deploy runbook', 'Release 1.0', 'Release notes']);
  });

  it('searchByCQL: without ORDER BY or text, the most recently modified come first', async () => {
    expect(titles(await site.search('space = DOCS AND type = page')).slice(0, 2)).toEqual([
      'Deploy runbook',
      'Budget & "plans"',
    ]);
  });
});

describe('searchByCQL: cursor pagination', () => {
  it('searchByCQL: following _links.next visits every result once, then stops', async () => {
    const everything = titles(await site.search(ALL_PAGES));
    expect(everything).toHaveLength(7);
    const seen: string[] = [];
    const starts: number[] = [];
    let body = await site.search(ALL_PAGES, { limit: '2' });
    for (;;) {
      expect(body).toMatchObject({
        limit: 2,
        totalSize: 7,
        size: body.results.length,
        cqlQuery: ALL_PAGES,
      });
      seen.push(...titles(body));
      starts.push(body.start);
      if (!body._links.next) break;
      body = (await site.client.get(follow(body, 'next'))).body;
    }
    expect(seen).toEqual(everything);
    expect(starts).toEqual([0, 2, 4, 6]);
  });

  it('searchByCQL: _links are built as Confluence builds them', async () => {
    const first = await site.search(ALL_PAGES, {
      limit: '2',
      expand: 'content.version',
      excerpt: 'none',
    });
    expect(first._links).toMatchObject({ base: 'http://localhost/wiki', context: '/wiki' });
    expect(first._links.self).toBe(
      `http://localhost/wiki/rest/api/search?expand=content.version&cql=${encodeURIComponent(ALL_PAGES).replace(/%20/g, '+')}`,
    );
    expect(first._links.prev).toBeUndefined();
    const next = new URL(first._links.next, 'http://localhost');
    expect(next.pathname).toBe('/rest/api/search');
    expect([...next.searchParams.keys()]).toEqual([
      'next',
      'cursor',
      'expand',
      'limit',
      'start',
      'cql',
    ]);
    expect(Object.fromEntries(next.searchParams)).toMatchObject({
      next: 'true',
      expand: 'content.version',
      limit: '2',
      start: '2',
      cql: ALL_PAGES,
    });
  });

  it('searchByCQL: _links.prev goes back a page', async () => {
    const first = await site.search(ALL_PAGES, { limit: '3' });
    const second = (await site.client.get(follow(first, 'next'))).body;
    const prev = new URL(second._links.prev, 'http://localhost');
    expect(prev.searchParams.get('prev')).toBe('true');
    expect(prev.searchParams.get('start')).toBe('0');
    const back = (await site.client.get(follow(second, 'prev'))).body;
    expect(titles(back)).toEqual(titles(first));
  });

  it('searchByCQL: limit defaults to 25, is clamped to 250, and 0 returns only the count', async () => {
    expect((await site.search('type = page')).limit).toBe(25);
    expect((await site.search('type = page', { limit: '1000' })).limit).toBe(250);
    const none = await site.search('type = page', { limit: '0' });
    expect(none).toMatchObject({ results: [], size: 0, totalSize: 7, limit: 0 });
    expect(none._links.next).toBeUndefined();
  });

  it('searchByCQL: a bad limit, a bad cursor or a cursor of another query is a 400', async () => {
    for (const query of ['limit=-1', 'limit=ten', 'cursor=garbage', 'start=-5']) {
      const response = await site.client.get(`/wiki/rest/api/search?cql=type%3Dpage&${query}`);
      expect(response.status).toBe(400);
      expect(response.body.message).toContain(query.split('=')[0]);
    }
    const first = await site.search('type = page', { limit: '1' });
    const cursor = new URL(first._links.next, 'http://localhost').searchParams.get('cursor')!;
    const other = await site.client.get(
      `/wiki/rest/api/search?cql=type%3Dblogpost&cursor=${cursor}`,
    );
    expect(other.status).toBe(400);
    expect(other.body.message).toContain('belongs to another query');
  });
});

describe('searchContentByCQL: cursor pagination', () => {
  it('searchContentByCQL: walks to the end with next links that keep expand', async () => {
    const seen: string[] = [];
    let body = await site.contentSearch(ALL_PAGES, { limit: '3', expand: 'version' });
    for (;;) {
      for (const content of body.results) expect(content.version.number).toBeGreaterThan(0);
      seen.push(...titles(body));
      if (!body._links.next) break;
      expect(body._links.next).toMatch(
        /^\/rest\/api\/content\/search\?next=true&cursor=[^&]+&expand=version&limit=3&start=\d+&cql=/,
      );
      body = (await site.client.get(follow(body, 'next'))).body;
    }
    expect(seen).toEqual(titles(await site.search(ALL_PAGES)));
  });

  it('searchContentByCQL: expanding body.export_view limits a page to 25', async () => {
    expect(
      (await site.contentSearch('type = page', { limit: '100', expand: 'body.export_view' })).limit,
    ).toBe(25);
    expect(
      (await site.contentSearch('type = page', { limit: '100', expand: 'body.storage' })).limit,
    ).toBe(100);
  });
});
