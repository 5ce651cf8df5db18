import { afterEach, describe, expect, it } from 'vitest';
import { type DemoSiteFixture, demoSite } from './fixtures.ts';

let site: DemoSiteFixture;
afterEach(() => site.close());

describe('page tree', () => {
  it('getPageAncestors: root first, ids and types only, no cursor', async () => {
    site = demoSite();
    const home = await site.pageByTitle('Marketing Home');
    const q3 = await site.pageByTitle('Q3 planning');
    const budget = await site.pageByTitle('Q3 budget');
    const response = await site.client.get(`/wiki/api/v2/pages/${budget.id}/ancestors`);
    expect(response.body.results).toEqual([
      { id: home.id, type: 'page' },
      { id: q3.id, type: 'page' },
    ]);
    expect(response.body._links.next).toBeUndefined();
    const nearest = await site.client.get(`/wiki/api/v2/pages/${budget.id}/ancestors?limit=1`);
    expect(nearest.body.results).toEqual([{ id: q3.id, type: 'page' }]);
    expect((await site.client.get('/wiki/api/v2/pages/999999/ancestors')).status).toBe(404);
  });

  it('getChildPages: direct children in position order, cursor paging', async () => {
    site = demoSite();
    const q3 = await site.pageByTitle('Q3 planning');
    const first = await site.client.get(`/wiki/api/v2/pages/${q3.id}/children?limit=1`);
    expect(first.body.results[0]).toMatchObject({
      title: 'Q3 campaign brief',
      childPosition: 0,
      status: 'current',
    });
    const second = await site.client.get(first.body._links.next);
    expect(second.body.results.map((child: { title: string }) => child.title)).toEqual([
      'Q3 budget',
    ]);
    expect(second.body._links.next).toBeUndefined();
    expect((await site.client.get(`/wiki/api/v2/pages/${q3.id}/children?sort=size`)).status).toBe(
      400,
    );
  });

  it('getPageDescendants: depth-limited, depth-first, with depth and parentId', async () => {
    site = demoSite();
    const home = await site.pageByTitle('Marketing Home');
    const one = await site.client.get(
      `/wiki/api/v2/pages/${home.id}/descendants?depth=1&limit=250`,
    );
    expect(one.body.results.every((item: { depth: number }) => item.depth === 1)).toBe(true);
    const two = await site.client.get(`/wiki/api/v2/pages/${home.id}/descendants?limit=250`);
    expect(two.body.results.slice(0, 3).map((item: { title: string }) => item.title)).toEqual([
      'Q3 planning',
      'Q3 campaign brief',
      'Q3 budget',
    ]);
    const whiteboard = two.body.results.find(
      (item: { type: string }) => item.type === 'whiteboard',
    );
    expect(whiteboard).toMatchObject({ title: 'Q3 campaign brainstorm', depth: 2 });
    expect(
      (await site.client.get(`/wiki/api/v2/pages/${home.id}/descendants?depth=11`)).status,
    ).toBe(400);
    const paged = await site.client.get(`/wiki/api/v2/pages/${home.id}/descendants?limit=2`);
    const rest = await site.client.get(paged.body._links.next);
    expect(
      [...paged.body.results, ...rest.body.results].map((item: { id: string }) => item.id),
    ).toEqual(two.body.results.slice(0, 4).map((item: { id: string }) => item.id));
  });

  it('movePage: append makes the page the last child of the target; before/after reorder siblings', async () => {
    site = demoSite();
    const launch = await site.pageByTitle('Launch checklist');
    const q3 = await site.pageByTitle('Q3 planning');
    const moved = await site.client.put(`/wiki/rest/api/content/${launch.id}/move/append/${q3.id}`);
    expect(moved.body).toEqual({ pageId: launch.id });
    let children = (await site.client.get(`/wiki/api/v2/pages/${q3.id}/children`)).body.results.map(
      (child: { title: string }) => child.title,
    );
    expect(children).toEqual(['Q3 campaign brief', 'Q3 budget', 'Launch checklist']);
    const brief = await site.pageByTitle('Q3 campaign brief');
    await site.client.put(`/wiki/rest/api/content/${launch.id}/move/before/${brief.id}`);
    children = (await site.client.get(`/wiki/api/v2/pages/${q3.id}/children`)).body.results.map(
      (child: { title: string }) => child.title,
    );
    expect(children).toEqual(['Launch checklist', 'Q3 campaign brief', 'Q3 budget']);
  });

  it('movePage: a target in another space moves the subtree to that space', async () => {
    site = demoSite();
    const q3 = await site.pageByTitle('Q3 planning');
    const eng = await site.pageByTitle('Engineering Home');
    await site.client.put(`/wiki/rest/api/content/${q3.id}/move/append/${eng.id}`);
    const budget = await site.pageByTitle('Q3 budget');
    expect(budget.spaceId).toBe(eng.spaceId);
  });

  it('movePage: bad position, unknown ids and moving into its own subtree are refused', async () => {
    site = demoSite();
    const q3 = await site.pageByTitle('Q3 planning');
    const budget = await site.pageByTitle('Q3 budget');
    expect(
      (await site.client.put(`/wiki/rest/api/content/${q3.id}/move/inside/${budget.id}`)).status,
    ).toBe(400);
    expect(
      (await site.client.put(`/wiki/rest/api/content/${q3.id}/move/append/${budget.id}`)).status,
    ).toBe(400);
    expect(
      (await site.client.put(`/wiki/rest/api/content/999999/move/append/${budget.id}`)).status,
    ).toBe(404);
    const response = await site.client.put(`/wiki/rest/api/content/${q3.id}/move/append/999999`);
    expect(response.body).toMatchObject({ statusCode: 404, data: { successful: false } });
  });
});
