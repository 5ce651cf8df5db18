import { afterEach, describe, expect, it } from 'vitest';
import { type DemoSiteFixture, demoSite } from './fixtures.ts';

let site: DemoSiteFixture;
afterEach(() => site.close());

describe('cursor pagination', () => {
  it('getPages: following _links.next visits every page once, with a matching Link header', async () => {
    site = demoSite();
    const all = await site.client.get('/wiki/api/v2/pages?limit=250');
    const seen: string[] = [];
    let next: string | undefined = '/wiki/api/v2/pages?limit=3';
    while (next) {
      const response = await site.client.get(next);
      seen.push(...response.body.results.map((page: { id: string }) => page.id));
      next = response.body._links.next;
      if (next)
        expect(response.headers.get('link')).toBe(
          `<${next}>; rel="next", <http://localhost/wiki>; rel="base"`,
        );
      else expect(response.headers.get('link')).toBeNull();
      expect(response.body._links.base).toBe('http://localhost/wiki');
    }
    expect(seen).toEqual(all.body.results.map((page: { id: string }) => page.id));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('getPages: the next link keeps the filters and carries limit and cursor', async () => {
    site = demoSite();
    const space = await site.spaceByKey('MKT');
    const response = await site.client.get(
      `/wiki/api/v2/pages?space-id=${space.id}&sort=-title&limit=2`,
    );
    const next = new URL(response.body._links.next, 'http://localhost');
    expect(next.pathname).toBe('/wiki/api/v2/pages');
    expect(next.searchParams.get('space-id')).toBe(space.id);
    expect(next.searchParams.get('sort')).toBe('-title');
    expect(next.searchParams.get('limit')).toBe('2');
    expect(next.searchParams.get('cursor')).toBeTruthy();
    const titles = [
      ...response.body.results,
      ...(await site.client.get(response.body._links.next)).body.results,
    ].map((page: { title: string }) => page.title);
    expect(titles).toEqual([...titles].sort().reverse());
  });

  it('getPages: a cursor that does not decode is a 400 naming cursor', async () => {
    site = demoSite();
    const response = await site.client.get('/wiki/api/v2/pages?cursor=not-a-cursor');
    expect(response.status).toBe(400);
    expect(response.body.errors[0]).toMatchObject({
      code: 'INVALID_REQUEST_PARAMETER',
      title: expect.stringContaining('cursor'),
    });
  });

  it('getPages: a cursor issued for another sort order is a 400', async () => {
    site = demoSite();
    const first = await site.client.get('/wiki/api/v2/pages?limit=1&sort=title');
    const cursor = new URL(first.body._links.next, 'http://localhost').searchParams.get('cursor');
    expect(
      (await site.client.get(`/wiki/api/v2/pages?limit=1&sort=id&cursor=${cursor}`)).status,
    ).toBe(400);
  });

  it('getPages: limit below 1 or not a number is a 400; above 250 it is clamped to 250', async () => {
    site = demoSite();
    for (const limit of ['0', '-3', 'ten', '2.5']) {
      const response = await site.client.get(`/wiki/api/v2/pages?limit=${limit}`);
      expect(response.status).toBe(400);
      expect(response.body.errors[0].title).toContain('limit');
    }
    const big = await site.client.get('/wiki/api/v2/spaces?limit=1000');
    expect(big.status).toBe(200);
    expect(big.body.results).toHaveLength(3);
  });

  it('getPages: array parameters work comma-separated and repeated', async () => {
    site = demoSite();
    const [a, b] = (await site.client.get('/wiki/api/v2/pages?limit=2')).body.results;
    const comma = await site.client.get(`/wiki/api/v2/pages?id=${a.id},${b.id}`);
    const repeated = await site.client.get(`/wiki/api/v2/pages?id=${a.id}&id=${b.id}`);
    expect(comma.body.results.map((page: { id: string }) => page.id)).toEqual([a.id, b.id]);
    expect(repeated.body.results).toEqual(comma.body.results);
  });

  it('getPages: a non-numeric id in an array parameter is a 400', async () => {
    site = demoSite();
    const response = await site.client.get('/wiki/api/v2/pages?id=1,abc');
    expect(response.status).toBe(400);
    expect(response.body.errors[0].title).toContain("'id'");
  });

  it('getPages: an unknown enum value is a 400 listing the allowed values', async () => {
    site = demoSite();
    const response = await site.client.get('/wiki/api/v2/pages?sort=colour');
    expect(response.status).toBe(400);
    expect(response.body.errors[0].title).toContain('-modified-date');
  });

  it('links carry the mount prefix when the emulator is mounted under basePath', async () => {
    site = demoSite({ basePath: '/emulator' });
    const response = await site.client.get('/wiki/api/v2/spaces?limit=1');
    expect(response.body._links.next.startsWith('/emulator/wiki/api/v2/spaces?')).toBe(true);
    expect(response.body._links.base).toBe('http://localhost/emulator/wiki');
  });
});
