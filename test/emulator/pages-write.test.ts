import { afterEach, describe, expect, it } from 'vitest';
import { type DemoSiteFixture, type Json, demoSite, storage } from './fixtures.ts';

let site: DemoSiteFixture;
afterEach(() => site.close());

async function createPage(extra: Record<string, unknown> = {}, query = '') {
  const space = await site.spaceByKey('MKT');
  return site.client.post(`/wiki/api/v2/pages${query}`, {
    spaceId: space.id,
    title: 'Fresh page',
    body: storage('<p>Fresh</p>'),
    ...extra,
  });
}

describe('createPage', () => {
  it('createPage: 200 with the page, under the space homepage by default', async () => {
    site = demoSite();
    const space = await site.spaceByKey('MKT');
    const response = await createPage();
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      title: 'Fresh page',
      status: 'current',
      spaceId: space.id,
      parentId: space.homepageId,
      version: { number: 1 },
    });
    expect(response.body.body.storage.value).toBe('<p>Fresh</p>');
  });

  it('createPage: root-level=true creates a page without a parent', async () => {
    site = demoSite();
    const response = await createPage({}, '?root-level=true');
    expect(response.body.parentId).toBeUndefined();
  });

  it('createPage: ids are unique across content types (one sequence)', async () => {
    site = demoSite();
    const page = await createPage();
    const space = await site.spaceByKey('MKT');
    const post = await site.client.post('/wiki/api/v2/blogposts', {
      spaceId: space.id,
      title: 'A post',
      body: storage('<p>x</p>'),
    });
    expect(Number(post.body.id)).toBe(Number(page.body.id) + 1);
  });

  it('createPage: a duplicate title in the space is a 400', async () => {
    site = demoSite();
    const response = await createPage({ title: 'Q3 planning' });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].title).toContain('A page with this title already exists');
  });

  it('createPage: title is required unless the page is a draft', async () => {
    site = demoSite();
    expect((await createPage({ title: undefined })).status).toBe(400);
    const draft = await createPage({ title: undefined, status: 'draft' });
    expect(draft.status).toBe(200);
    expect(draft.body.status).toBe('draft');
  });

  it('createPage: bad input is a 400 naming the field, an unknown space a 404', async () => {
    site = demoSite();
    const missing = await site.client.post('/wiki/api/v2/pages', { title: 'x' });
    expect(missing.body.errors[0].title).toContain('body.spaceId');
    expect(
      (await site.client.post('/wiki/api/v2/pages', { spaceId: 'abc', title: 'x' })).status,
    ).toBe(400);
    expect((await createPage({ body: { representation: 'html', value: 'x' } })).status).toBe(400);
    expect(
      (await site.client.post('/wiki/api/v2/pages', { spaceId: '999999', title: 'x' })).status,
    ).toBe(404);
    expect((await createPage({ parentId: '999999' })).status).toBe(404);
  });

  it('createPage: a parent in another space is a 400', async () => {
    site = demoSite();
    const eng = await site.pageByTitle('Architecture overview');
    const response = await createPage({ parentId: eng.id });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].title).toContain('same space');
  });

  it('createPage: nested body form and atlas_doc_format are accepted; ADF round-trips', async () => {
    site = demoSite();
    const adf = JSON.stringify({
      type: 'doc',
      version: 1,
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hello ADF' }] }],
    });
    const response = await createPage({
      body: { atlas_doc_format: { representation: 'atlas_doc_format', value: adf } },
    });
    expect(response.status).toBe(200);
    const read = await site.client.get(
      `/wiki/api/v2/pages/${response.body.id}?body-format=atlas_doc_format`,
    );
    expect(read.body.body.atlas_doc_format.value).toBe(adf);
    const asStorage = await site.client.get(
      `/wiki/api/v2/pages/${response.body.id}?body-format=storage`,
    );
    expect(asStorage.body.body.storage.value).toBe('<p>Hello ADF</p>');
  });

  it('createPage: an atlas_doc_format value that is not an ADF document is a 400', async () => {
    site = demoSite();
    const response = await createPage({
      body: { representation: 'atlas_doc_format', value: '{"type":"paragraph"}' },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].title).toContain('atlas_doc_format');
  });
});

describe('updatePage', () => {
  const update = (page: Json, extra: Record<string, unknown> = {}) =>
    site.client.put(`/wiki/api/v2/pages/${page.id}`, {
      id: page.id,
      status: 'current',
      title: page.title,
      body: storage('<p>v2</p>'),
      version: { number: page.version.number + 1, message: 'second' },
      ...extra,
    });

  it('updatePage: the next version number writes a new version', async () => {
    site = demoSite();
    const page = await site.pageByTitle('Q3 planning');
    site.clock.advance(60_000);
    const response = await update(page);
    expect(response.status).toBe(200);
    expect(response.body.version).toMatchObject({
      number: 2,
      message: 'second',
      authorId: expect.any(String),
    });
    expect(response.body.version.createdAt).toBe(new Date(site.clock.now()).toISOString());
    const stored = await site.client.get(`/wiki/api/v2/pages/${page.id}?body-format=storage`);
    expect(stored.body.body.storage.value).toBe('<p>v2</p>');
  });

  it('updatePage: a stale or skipped version is a 409 with Confluence message', async () => {
    site = demoSite();
    const page = await site.pageByTitle('Q3 planning');
    for (const number of [1, 3]) {
      const response = await update(page, { version: { number } });
      expect(response.status).toBe(409);
      expect(response.body).toEqual({
        errors: [
          {
            status: 409,
            code: 'CONFLICT',
            title: `Version must be incremented when updating a page. Current Version: [1]. Provided version: [${number}]`,
            detail: null,
          },
        ],
      });
    }
  });

  it('updatePage: renaming to a title taken in the space is a 400', async () => {
    site = demoSite();
    const page = await site.pageByTitle('Q3 planning');
    expect((await update(page, { title: 'Brand guidelines' })).status).toBe(400);
  });

  it('updatePage: parentId moves the page within the space; into its own subtree is a 400', async () => {
    site = demoSite();
    const page = await site.pageByTitle('Q3 planning');
    const brand = await site.pageByTitle('Brand guidelines');
    const moved = await update(page, { parentId: brand.id });
    expect(moved.body.parentId).toBe(brand.id);
    const child = await site.pageByTitle('Q3 budget');
    expect((await update(moved.body, { parentId: child.id })).status).toBe(400);
  });

  it('updatePage: moving to another space is refused', async () => {
    site = demoSite();
    const page = await site.pageByTitle('Q3 planning');
    const eng = await site.spaceByKey('ENG');
    expect((await update(page, { spaceId: eng.id })).status).toBe(400);
  });

  it('updatePage: missing fields, a mismatched id and unknown ids are rejected', async () => {
    site = demoSite();
    const page = await site.pageByTitle('Q3 planning');
    expect(
      (
        await site.client.put(`/wiki/api/v2/pages/${page.id}`, {
          id: page.id,
          status: 'current',
          title: 'x',
        })
      ).status,
    ).toBe(400);
    expect((await update(page, { id: '123' })).status).toBe(400);
    expect(
      (
        await site.client.put('/wiki/api/v2/pages/999999', {
          id: '999999',
          status: 'current',
          title: 'x',
          body: storage(''),
          version: { number: 2 },
        })
      ).status,
    ).toBe(404);
    expect((await site.client.put('/wiki/api/v2/pages/abc', {})).status).toBe(400);
  });

  it('updatePage: status draft on a published page saves a draft, read back with get-draft', async () => {
    site = demoSite();
    const page = await site.pageByTitle('Q3 planning');
    const saved = await update(page, {
      status: 'draft',
      title: 'Q3 planning (draft)',
      version: { number: 1 },
    });
    expect(saved.body.status).toBe('draft');
    const draft = await site.client.get(
      `/wiki/api/v2/pages/${page.id}?get-draft=true&body-format=storage`,
    );
    expect(draft.body).toMatchObject({
      status: 'draft',
      title: 'Q3 planning (draft)',
      body: { storage: { value: '<p>v2</p>' } },
    });
    const published = await site.client.get(`/wiki/api/v2/pages/${page.id}`);
    expect(published.body).toMatchObject({
      status: 'current',
      title: 'Q3 planning',
      version: { number: 1 },
    });
  });

  it('updatePageTitle: renames with a new version', async () => {
    site = demoSite();
    const page = await site.pageByTitle('Q3 planning');
    const response = await site.client.put(`/wiki/api/v2/pages/${page.id}/title`, {
      status: 'current',
      title: 'Q3 plan',
    });
    expect(response.body).toMatchObject({ title: 'Q3 plan', version: { number: 2 } });
    expect(
      (
        await site.client.put(`/wiki/api/v2/pages/${page.id}/title`, {
          status: 'current',
          title: 'Launch checklist',
        })
      ).status,
    ).toBe(400);
    expect(
      (await site.client.put(`/wiki/api/v2/pages/${page.id}/title`, { title: 'no status' })).status,
    ).toBe(400);
  });
});

describe('deletePage', () => {
  it('deletePage: trashes, then purge=true deletes permanently', async () => {
    site = demoSite();
    const page = await site.pageByTitle('Launch checklist');
    expect((await site.client.delete(`/wiki/api/v2/pages/${page.id}`)).status).toBe(204);
    expect((await site.client.get(`/wiki/api/v2/pages/${page.id}`)).status).toBe(404);
    expect(
      (await site.client.get(`/wiki/api/v2/pages/${page.id}?status=trashed`)).body.status,
    ).toBe('trashed');
    expect(
      (await site.client.get('/wiki/api/v2/pages?status=trashed')).body.results.map(
        (row: { id: string }) => row.id,
      ),
    ).toContain(page.id);
    expect((await site.client.delete(`/wiki/api/v2/pages/${page.id}?purge=true`)).status).toBe(204);
    expect((await site.client.get(`/wiki/api/v2/pages/${page.id}?status=trashed`)).status).toBe(
      404,
    );
  });

  it('deletePage: purge of a page that is not trashed is a 400; trashing twice is a 400', async () => {
    site = demoSite();
    const page = await site.pageByTitle('Launch checklist');
    expect((await site.client.delete(`/wiki/api/v2/pages/${page.id}?purge=true`)).status).toBe(400);
    await site.client.delete(`/wiki/api/v2/pages/${page.id}`);
    expect((await site.client.delete(`/wiki/api/v2/pages/${page.id}`)).status).toBe(400);
  });

  it('updatePage: a trashed page is restored with status current, contents unchanged', async () => {
    site = demoSite();
    const page = await site.pageByTitle('Launch checklist');
    await site.client.delete(`/wiki/api/v2/pages/${page.id}`);
    const restored = await site.client.put(`/wiki/api/v2/pages/${page.id}`, {
      id: page.id,
      status: 'current',
      title: 'ignored',
      body: storage('<p>ignored</p>'),
      version: { number: 2 },
    });
    expect(restored.body).toMatchObject({
      status: 'current',
      title: 'Launch checklist',
      version: { number: 1 },
    });
  });

  it('deletePage: trashing a parent hands its children to the grandparent', async () => {
    site = demoSite();
    const parent = await site.pageByTitle('Q3 planning');
    await site.client.delete(`/wiki/api/v2/pages/${parent.id}`);
    const child = await site.pageByTitle('Q3 budget');
    expect(child.parentId).toBe(parent.parentId);
  });

  it('deletePage: draft=true deletes a draft page permanently; unknown id is a 404', async () => {
    site = demoSite();
    const space = await site.spaceByKey('HR');
    const draft = await site.client.post('/wiki/api/v2/pages', {
      spaceId: space.id,
      status: 'draft',
    });
    expect(
      (await site.client.delete(`/wiki/api/v2/pages/${draft.body.id}?draft=true`)).status,
    ).toBe(204);
    expect((await site.client.get(`/wiki/api/v2/pages/${draft.body.id}?status=draft`)).status).toBe(
      404,
    );
    expect((await site.client.delete('/wiki/api/v2/pages/999999')).status).toBe(404);
    expect(
      (await site.client.delete(`/wiki/api/v2/pages/${space.homepageId}?purge=maybe`)).status,
    ).toBe(400);
  });
});
