import { afterEach, describe, expect, it } from 'vitest';
import { type DemoSiteFixture, demoSite } from './fixtures.ts';

let site: DemoSiteFixture;
afterEach(() => site.close());

describe('content properties', () => {
  it('createPageProperty → get → update (version + 1) → delete', async () => {
    site = demoSite();
    const page = await site.pageByTitle('Q3 planning');
    const base = `/wiki/api/v2/pages/${page.id}/properties`;
    const created = await site.client.post(base, {
      key: 'status',
      value: { stage: 'draft', score: 3 },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      key: 'status',
      value: { stage: 'draft', score: 3 },
      version: { number: 1 },
    });
    const item = `${base}/${created.body.id}`;
    expect((await site.client.get(item)).body.value).toEqual({ stage: 'draft', score: 3 });
    const updated = await site.client.put(item, {
      key: 'status',
      value: 'final',
      version: { number: 2, message: 'done' },
    });
    expect(updated.body).toMatchObject({ value: 'final', version: { number: 2, message: 'done' } });
    const stale = await site.client.put(item, {
      key: 'status',
      value: 'x',
      version: { number: 2 },
    });
    expect(stale.status).toBe(409);
    expect((await site.client.delete(item)).status).toBe(204);
    expect((await site.client.get(item)).status).toBe(404);
  });

  it('getPageContentProperties: key filter, sort and cursors; duplicate keys are a 409', async () => {
    site = demoSite();
    const page = await site.pageByTitle('Q3 planning');
    const base = `/wiki/api/v2/pages/${page.id}/properties`;
    for (const key of ['b', 'a', 'c']) await site.client.post(base, { key, value: key });
    expect((await site.client.post(base, { key: 'a', value: 1 })).status).toBe(409);
    const first = await site.client.get(`${base}?limit=2&sort=-key`);
    expect(first.body.results.map((property: { key: string }) => property.key)).toEqual(['c', 'b']);
    expect(
      (await site.client.get(first.body._links.next)).body.results.map(
        (property: { key: string }) => property.key,
      ),
    ).toEqual(['a']);
    expect((await site.client.get(`${base}?key=b`)).body.results).toHaveLength(1);
  });

  it('properties: bad input and unknown owners', async () => {
    site = demoSite();
    const page = await site.pageByTitle('Q3 planning');
    const base = `/wiki/api/v2/pages/${page.id}/properties`;
    expect((await site.client.post(base, { value: 1 })).status).toBe(400);
    expect((await site.client.post(base, { key: 'k'.repeat(256), value: 1 })).status).toBe(400);
    expect(
      (await site.client.post('/wiki/api/v2/pages/999999/properties', { key: 'k', value: 1 }))
        .status,
    ).toBe(404);
    expect((await site.client.get(`${base}/123`)).status).toBe(404);
    const created = await site.client.post(base, { key: 'k', value: 1 });
    expect(
      (await site.client.put(`${base}/${created.body.id}`, { key: 'k', value: 2 })).status,
    ).toBe(400);
  });

  it('blog post and whiteboard properties use their own paths', async () => {
    site = demoSite();
    const post = (await site.client.get('/wiki/api/v2/blogposts?limit=1')).body.results[0];
    const created = await site.client.post(`/wiki/api/v2/blogposts/${post.id}/properties`, {
      key: 'k',
      value: true,
    });
    expect(
      (
        await site.client.put(`/wiki/api/v2/blogposts/${post.id}/properties/${created.body.id}`, {
          key: 'k',
          value: false,
          version: { number: 2 },
        })
      ).body.value,
    ).toBe(false);
    const board = await site.pageByTitle('Marketing Home');
    const whiteboard = (
      await site.client.get(`/wiki/api/v2/pages/${board.id}/descendants`)
    ).body.results.find((item: { type: string }) => item.type === 'whiteboard');
    const wp = await site.client.post(`/wiki/api/v2/whiteboards/${whiteboard.id}/properties`, {
      key: 'w',
      value: [1, 2],
    });
    expect(wp.status).toBe(200);
    expect(
      (
        await site.client.delete(
          `/wiki/api/v2/whiteboards/${whiteboard.id}/properties/${wp.body.id}`,
        )
      ).status,
    ).toBe(204);
  });
});

describe('space properties', () => {
  it('createSpaceProperty: 201 with location; update and delete', async () => {
    site = demoSite();
    const space = await site.spaceByKey('ENG');
    const base = `/wiki/api/v2/spaces/${space.id}/properties`;
    const created = await site.client.post(base, { key: 'team', value: 'platform' });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`${base}/${created.body.id}`);
    expect(created.body).toMatchObject({
      key: 'team',
      value: 'platform',
      createdBy: expect.any(String),
      version: { number: 1 },
    });
    const updated = await site.client.put(`${base}/${created.body.id}`, {
      key: 'team',
      value: 'core',
      version: { number: 2 },
    });
    expect(updated.body.version.number).toBe(2);
    expect((await site.client.get(base)).body.results).toHaveLength(1);
    expect((await site.client.delete(`${base}/${created.body.id}`)).status).toBe(204);
    expect((await site.client.get('/wiki/api/v2/spaces/1/properties')).status).toBe(404);
  });
});
