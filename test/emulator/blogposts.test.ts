import { afterEach, describe, expect, it } from 'vitest';
import { type DemoSiteFixture, demoSite, storage } from './fixtures.ts';

let site: DemoSiteFixture;
afterEach(() => site.close());

describe('blog posts', () => {
  it('getBlogPosts: lists current posts; getBlogPostById shows one with its blog webui link', async () => {
    site = demoSite();
    const list = await site.client.get('/wiki/api/v2/blogposts');
    expect(list.body.results.map((post: { title: string }) => post.title)).toEqual([
      'Q3 kickoff recap',
      'Migrating to Node 24',
      'Postmortem: search outage',
      'Welcome our new hires',
    ]);
    const post = await site.client.get(
      `/wiki/api/v2/blogposts/${list.body.results[1].id}?body-format=storage`,
    );
    expect(post.body._links.webui).toMatch(
      /^\/spaces\/ENG\/blog\/2026\/01\/\d\d\/\d+\/Migrating\+to\+Node\+24$/,
    );
    expect(post.body.body.storage.value).toContain('Node.js 24');
    expect(post.body.parentId).toBeUndefined();
  });

  it('createBlogPost + updateBlogPost: 200, then version + 1; a stale version is a 409', async () => {
    site = demoSite();
    const space = await site.spaceByKey('HR');
    const created = await site.client.post('/wiki/api/v2/blogposts', {
      spaceId: space.id,
      title: 'Benefits update',
      body: storage('<p>New benefits</p>'),
    });
    expect(created.status).toBe(200);
    const id = created.body.id;
    const updated = await site.client.put(`/wiki/api/v2/blogposts/${id}`, {
      id,
      status: 'current',
      title: 'Benefits update',
      body: storage('<p>v2</p>'),
      version: { number: 2 },
    });
    expect(updated.body.version.number).toBe(2);
    const stale = await site.client.put(`/wiki/api/v2/blogposts/${id}`, {
      id,
      status: 'current',
      title: 'Benefits update',
      body: storage('<p>v3</p>'),
      version: { number: 2 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.errors[0].title).toBe(
      'Version must be incremented when updating a blogpost. Current Version: [2]. Provided version: [2]',
    );
  });

  it('getBlogPostsInSpace, versions, likes count and operations', async () => {
    site = demoSite();
    const eng = await site.spaceByKey('ENG');
    const posts = await site.client.get(`/wiki/api/v2/spaces/${eng.id}/blogposts`);
    expect(posts.body.results).toHaveLength(2);
    const id = posts.body.results[0].id;
    expect(
      (await site.client.get(`/wiki/api/v2/blogposts/${id}/versions`)).body.results[0],
    ).toMatchObject({ number: 1, blogpost: { id } });
    expect((await site.client.get(`/wiki/api/v2/blogposts/${id}/versions/1`)).body.number).toBe(1);
    expect((await site.client.get(`/wiki/api/v2/blogposts/${id}/likes/count`)).body).toEqual({
      count: 1,
    });
    expect(
      (await site.client.get(`/wiki/api/v2/blogposts/${id}/operations`)).body.operations,
    ).toContainEqual({ operation: 'read', targetType: 'blogpost' });
  });

  it('deleteBlogPost: trash then purge; bad ids and statuses are refused', async () => {
    site = demoSite();
    const post = (await site.client.get('/wiki/api/v2/blogposts?limit=1')).body.results[0];
    expect((await site.client.delete(`/wiki/api/v2/blogposts/${post.id}`)).status).toBe(204);
    expect(
      (await site.client.get(`/wiki/api/v2/blogposts?status=trashed`)).body.results,
    ).toHaveLength(1);
    expect((await site.client.delete(`/wiki/api/v2/blogposts/${post.id}?purge=true`)).status).toBe(
      204,
    );
    expect((await site.client.get(`/wiki/api/v2/blogposts/${post.id}?status=trashed`)).status).toBe(
      404,
    );
    expect((await site.client.get('/wiki/api/v2/blogposts?status=archived')).status).toBe(400);
    expect((await site.client.get('/wiki/api/v2/blogposts?sort=title')).status).toBe(400);
    expect((await site.client.get('/wiki/api/v2/blogposts/65538')).status).toBe(404);
  });
});
