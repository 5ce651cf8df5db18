import { afterEach, describe, expect, it } from 'vitest';
import { type DemoSiteFixture, demoSite, storage } from './fixtures.ts';

let site: DemoSiteFixture;
afterEach(() => site.close());

describe('getPageById', () => {
  it('getPageById: no body unless body-format asks; storage, view and ADF on demand', async () => {
    site = demoSite();
    const page = await site.pageByTitle('Architecture overview');
    const plain = await site.client.get(`/wiki/api/v2/pages/${page.id}`);
    expect(plain.body.body).toBeUndefined();
    expect(plain.body._links).toMatchObject({
      base: 'http://localhost/wiki',
      webui: expect.stringContaining('/spaces/ENG/pages/'),
    });
    const view = await site.client.get(`/wiki/api/v2/pages/${page.id}?body-format=view`);
    expect(view.body.body.view.representation).toBe('view');
    expect(view.body.body.view.value).toContain('<pre class="syntaxhighlighter-pre"');
    const adf = await site.client.get(`/wiki/api/v2/pages/${page.id}?body-format=atlas_doc_format`);
    const document = JSON.parse(adf.body.body.atlas_doc_format.value);
    expect(document.type).toBe('doc');
    expect(document.content.map((node: { type: string }) => node.type)).toEqual(
      expect.arrayContaining(['heading', 'table', 'codeBlock', 'bulletList']),
    );
  });

  it('getPageById: version= returns that historical version', async () => {
    site = demoSite();
    const page = await site.pageByTitle('Q3 planning');
    await site.client.put(`/wiki/api/v2/pages/${page.id}`, {
      id: page.id,
      status: 'current',
      title: 'Q3 planning v2',
      body: storage('<p>new</p>'),
      version: { number: 2 },
    });
    const old = await site.client.get(
      `/wiki/api/v2/pages/${page.id}?version=1&body-format=storage`,
    );
    expect(old.body).toMatchObject({
      title: 'Q3 planning',
      status: 'historical',
      version: { number: 1 },
    });
    expect(old.body.body.storage.value).toContain('<h1>Q3 planning</h1>');
    expect((await site.client.get(`/wiki/api/v2/pages/${page.id}?version=9`)).status).toBe(404);
    expect((await site.client.get(`/wiki/api/v2/pages/${page.id}?version=zero`)).status).toBe(400);
  });

  it('getPageById: include-* flags add their sections; include-version=false drops version', async () => {
    site = demoSite();
    const page = await site.pageByTitle('Q3 planning');
    await site.client.post(`/wiki/api/v2/pages/${page.id}/properties`, {
      key: 'reviewed',
      value: true,
    });
    const response = await site.client.get(
      `/wiki/api/v2/pages/${page.id}?include-properties=true&include-operations=true&include-likes=true&include-version=false&include-favorited-by-current-user-status=true`,
    );
    expect(response.body.version).toBeUndefined();
    expect(response.body.properties.results).toEqual([
      expect.objectContaining({ key: 'reviewed', value: true }),
    ]);
    expect(response.body.properties._links.self).toBe(`/wiki/api/v2/pages/${page.id}/properties`);
    expect(response.body.operations.results).toContainEqual({
      operation: 'update',
      targetType: 'page',
    });
    expect(response.body.likes.results).toHaveLength(3);
    expect(response.body.likes.meta.hasMore).toBe(false);
    expect(response.body.isFavoritedByCurrentUser).toBe(false);
  });

  it('getPageById: unknown, non-numeric and blog-post ids', async () => {
    site = demoSite();
    expect((await site.client.get('/wiki/api/v2/pages/999999')).status).toBe(404);
    expect((await site.client.get('/wiki/api/v2/pages/abc')).body.errors[0].code).toBe(
      'INVALID_REQUEST_PARAMETER',
    );
    const post = (await site.client.get('/wiki/api/v2/blogposts?limit=1')).body.results[0];
    expect((await site.client.get(`/wiki/api/v2/pages/${post.id}`)).status).toBe(404);
    expect((await site.client.get('/wiki/api/v2/pages/65538?body-format=pdf')).status).toBe(400);
    expect((await site.client.get('/wiki/api/v2/pages/65538?include-labels=yes')).status).toBe(400);
  });

  it('getPageById: get-draft on a page without a draft is a 404', async () => {
    site = demoSite();
    const page = await site.pageByTitle('Q3 planning');
    expect((await site.client.get(`/wiki/api/v2/pages/${page.id}?get-draft=true`)).status).toBe(
      404,
    );
  });
});

describe('getPages and getPagesInSpace', () => {
  it('getPages: filters by space-id, title (exact) and status; default is current', async () => {
    site = demoSite();
    const hr = await site.spaceByKey('HR');
    const pages = await site.client.get(`/wiki/api/v2/pages?space-id=${hr.id}`);
    expect(pages.body.results.map((page: { title: string }) => page.title)).toEqual([
      'HR Home',
      'Employee handbook',
      'Leave policy',
      'Expense policy',
      'Hiring process',
    ]);
    expect((await site.client.get('/wiki/api/v2/pages?title=Q3')).body.results).toEqual([]);
    expect((await site.client.get('/wiki/api/v2/pages?status=trashed')).body.results).toEqual([]);
    expect((await site.client.get('/wiki/api/v2/pages?status=draft')).status).toBe(400);
  });

  it('getPages: body-format=storage includes bodies; view is not allowed on lists', async () => {
    site = demoSite();
    const response = await site.client.get('/wiki/api/v2/pages?limit=2&body-format=storage');
    expect(response.body.results[0].body.storage.value).toContain('<h1>');
    expect((await site.client.get('/wiki/api/v2/pages?body-format=view')).status).toBe(400);
  });

  it('getPages: sort by -modified-date puts the last edited page first', async () => {
    site = demoSite();
    const page = await site.pageByTitle('Hiring process');
    site.clock.advance(1000);
    await site.client.put(`/wiki/api/v2/pages/${page.id}/title`, {
      status: 'current',
      title: 'Hiring',
    });
    const response = await site.client.get('/wiki/api/v2/pages?sort=-modified-date&limit=1');
    expect(response.body.results[0].id).toBe(page.id);
  });

  it('getPagesInSpace: depth=root lists only root-level pages; unknown space is a 404', async () => {
    site = demoSite();
    const mkt = await site.spaceByKey('MKT');
    const root = await site.client.get(`/wiki/api/v2/spaces/${mkt.id}/pages?depth=root`);
    expect(root.body.results.map((page: { id: string }) => page.id)).toEqual([mkt.homepageId]);
    const all = await site.client.get(`/wiki/api/v2/spaces/${mkt.id}/pages?limit=250`);
    expect(all.body.results.length).toBe(7);
    expect((await site.client.get('/wiki/api/v2/spaces/424242/pages')).status).toBe(404);
    expect((await site.client.get(`/wiki/api/v2/spaces/${mkt.id}/pages?depth=deep`)).status).toBe(
      400,
    );
  });
});

describe('versions', () => {
  it('getPageVersions: newest first by default, modified-date ascending on request, bodies on demand', async () => {
    site = demoSite();
    const page = await site.pageByTitle('Q3 planning');
    await site.client.put(`/wiki/api/v2/pages/${page.id}`, {
      id: page.id,
      status: 'current',
      title: page.title,
      body: storage('<p>2</p>'),
      version: { number: 2, message: 'two' },
    });
    const newest = await site.client.get(`/wiki/api/v2/pages/${page.id}/versions`);
    expect(newest.body.results.map((version: { number: number }) => version.number)).toEqual([
      2, 1,
    ]);
    expect(newest.body.results[0]).toMatchObject({
      message: 'two',
      page: { id: page.id, title: 'Q3 planning' },
    });
    const oldest = await site.client.get(
      `/wiki/api/v2/pages/${page.id}/versions?sort=modified-date&limit=1&body-format=storage`,
    );
    expect(oldest.body.results[0].number).toBe(1);
    expect(oldest.body.results[0].page.body.storage.value).toContain('Q3 planning');
    const second = await site.client.get(oldest.body._links.next);
    expect(second.body.results.map((version: { number: number }) => version.number)).toEqual([2]);
  });

  it('getPageVersionDetails: previous and next version numbers; unknown version is a 404', async () => {
    site = demoSite();
    const page = await site.pageByTitle('Q3 planning');
    await site.client.put(`/wiki/api/v2/pages/${page.id}`, {
      id: page.id,
      status: 'current',
      title: page.title,
      body: storage('<p>2</p>'),
      version: { number: 2 },
    });
    const first = await site.client.get(`/wiki/api/v2/pages/${page.id}/versions/1`);
    expect(first.body).toMatchObject({ number: 1, nextVersion: 2, contentTypeModified: false });
    expect(first.body.prevVersion).toBeUndefined();
    expect(
      (await site.client.get(`/wiki/api/v2/pages/${page.id}/versions/2`)).body.prevVersion,
    ).toBe(1);
    expect((await site.client.get(`/wiki/api/v2/pages/${page.id}/versions/3`)).status).toBe(404);
  });
});
