import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { contractClient } from './contract.ts';
import { type DemoSiteFixture, demoSite } from './fixtures.ts';

let site: DemoSiteFixture;
afterEach(() => site.close());

describe('whiteboards', () => {
  it('createWhiteboard → getWhiteboardById → deleteWhiteboard', async () => {
    site = demoSite();
    const space = await site.spaceByKey('ENG');
    const created = await site.client.post('/wiki/api/v2/whiteboards', {
      spaceId: space.id,
      title: 'System map',
      templateKey: '4ls-retro',
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      type: 'whiteboard',
      title: 'System map',
      parentId: space.homepageId,
      version: { number: 1 },
    });
    const read = await site.client.get(
      `/wiki/api/v2/whiteboards/${created.body.id}?include-operations=true&include-properties=true`,
    );
    expect(read.body.operations.results).toContainEqual({
      operation: 'read',
      targetType: 'whiteboard',
    });
    expect(read.body.properties.results).toEqual([]);
    expect((await site.client.delete(`/wiki/api/v2/whiteboards/${created.body.id}`)).status).toBe(
      204,
    );
    expect((await site.client.get(`/wiki/api/v2/whiteboards/${created.body.id}`)).status).toBe(404);
  });

  it('createWhiteboard: bad input, unknown ids and pages are refused', async () => {
    site = demoSite();
    expect((await site.client.post('/wiki/api/v2/whiteboards', { title: 'no space' })).status).toBe(
      400,
    );
    expect((await site.client.post('/wiki/api/v2/whiteboards', { spaceId: '999999' })).status).toBe(
      404,
    );
    const page = await site.pageByTitle('Q3 planning');
    expect((await site.client.get(`/wiki/api/v2/whiteboards/${page.id}`)).status).toBe(404);
    expect((await site.client.get('/wiki/api/v2/whiteboards/nope')).status).toBe(400);
  });
});

describe('likes', () => {
  it('getPageLikeUsers: account ids with cursor paging; count matches', async () => {
    site = demoSite();
    const page = await site.pageByTitle('Q3 planning');
    expect((await site.client.get(`/wiki/api/v2/pages/${page.id}/likes/count`)).body).toEqual({
      count: 3,
    });
    const first = await site.client.get(`/wiki/api/v2/pages/${page.id}/likes/users?limit=2`);
    const second = await site.client.get(first.body._links.next);
    const ids = [...first.body.results, ...second.body.results].map(
      (like: { accountId: string }) => like.accountId,
    );
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    expect((await site.client.get('/wiki/api/v2/pages/999999/likes/count')).status).toBe(404);
    expect(
      (await site.client.get(`/wiki/api/v2/pages/${page.id}/likes/users?cursor=zzz`)).status,
    ).toBe(400);
  });
});

describe('mounting', () => {
  it('app.route: mounted under /emulator in another Hono app, links carry the prefix', async () => {
    site = demoSite();
    const server = new Hono();
    server.route('/emulator', site.emulator.app);
    const client = contractClient(server);
    const response = await client.get('/emulator/wiki/api/v2/pages?limit=1');
    expect(response.status).toBe(200);
    expect(response.body._links.next.startsWith('/emulator/wiki/api/v2/pages?')).toBe(true);
    expect(response.body._links.base).toBe('http://localhost/emulator/wiki');
    expect((await client.get('/emulator/wiki/api/v2/pages/abc')).status).toBe(400);
  });
});
