import { afterEach, describe, expect, it } from 'vitest';
import { type DemoSiteFixture, demoSite } from './fixtures.ts';

let site: DemoSiteFixture;
afterEach(() => site.close());

describe('spaces', () => {
  it('getSpaces: the demo spaces, filters by keys/ids/type, sorts, description and icon on demand', async () => {
    site = demoSite();
    const all = await site.client.get('/wiki/api/v2/spaces');
    expect(all.body.results.map((space: { key: string }) => space.key)).toEqual([
      'MKT',
      'ENG',
      'HR',
    ]);
    expect(all.body.results[0].description).toBeUndefined();
    const byKeys = await site.client.get(
      '/wiki/api/v2/spaces?keys=HR&keys=MKT&sort=-key&description-format=plain&include-icon=true',
    );
    expect(byKeys.body.results.map((space: { key: string }) => space.key)).toEqual(['MKT', 'HR']);
    expect(byKeys.body.results[0].description.plain).toEqual({
      representation: 'plain',
      value: 'Campaigns, brand and launch plans.',
    });
    expect(byKeys.body.results[0].icon.path).toBeTruthy();
    const ids = await site.client.get(`/wiki/api/v2/spaces?ids=${all.body.results[1].id}`);
    expect(ids.body.results.map((space: { key: string }) => space.key)).toEqual(['ENG']);
    expect((await site.client.get('/wiki/api/v2/spaces?type=personal')).body.results).toEqual([]);
    expect((await site.client.get('/wiki/api/v2/spaces?type=team')).status).toBe(400);
    expect(
      (await site.client.get('/wiki/api/v2/spaces?favorited-by=someone')).body.results,
    ).toEqual([]);
  });

  it('getSpaceById: homepage, view description, include-operations; unknown id 404', async () => {
    site = demoSite();
    const mkt = await site.spaceByKey('MKT');
    const response = await site.client.get(
      `/wiki/api/v2/spaces/${mkt.id}?description-format=view&include-operations=true`,
    );
    expect(response.body).toMatchObject({
      key: 'MKT',
      homepageId: mkt.homepageId,
      description: { view: { value: '<p>Campaigns, brand and launch plans.</p>' } },
    });
    expect(response.body.operations.results).toContainEqual({
      operation: 'administer',
      targetType: 'space',
    });
    expect((await site.client.get('/wiki/api/v2/spaces/1')).status).toBe(404);
    expect(
      (await site.client.get(`/wiki/api/v2/spaces/${mkt.id}/operations`)).body.operations,
    ).toContainEqual({ operation: 'read', targetType: 'space' });
  });

  it('createSpace: 201 with a homepage; duplicate or missing key and bad names are 400', async () => {
    site = demoSite();
    const created = await site.client.post('/wiki/api/v2/spaces', {
      name: 'Docs',
      key: 'docs',
      description: { value: 'All docs', representation: 'plain' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      key: 'DOCS',
      name: 'Docs',
      homepageId: expect.any(String),
    });
    const home = await site.client.get(`/wiki/api/v2/pages/${created.body.homepageId}`);
    expect(home.body.title).toBe('Docs Home');
    expect(
      (await site.client.post('/wiki/api/v2/spaces', { name: 'Again', key: 'DOCS' })).status,
    ).toBe(400);
    expect((await site.client.post('/wiki/api/v2/spaces', { name: 'No key' })).status).toBe(400);
    expect(
      (await site.client.post('/wiki/api/v2/spaces', { name: 'Bad', key: 'A-B' })).status,
    ).toBe(400);
    expect((await site.client.post('/wiki/api/v2/spaces', { key: 'NONAME' })).status).toBe(400);
    const aliased = await site.client.post('/wiki/api/v2/spaces', {
      name: 'Aliased',
      alias: 'team-notes',
    });
    expect(aliased.body.key).toBe('TEAMNOTES');
  });

  it('createSpace: a private space is visible to its creator only, content included', async () => {
    site = demoSite();
    const secret = await site.client.post('/wiki/api/v2/spaces', {
      name: 'Secret',
      key: 'SECRET',
      createPrivateSpace: true,
    });
    expect((await site.client.get('/wiki/api/v2/spaces?keys=SECRET')).body.results).toHaveLength(1);
    expect((await site.alice.get('/wiki/api/v2/spaces?keys=SECRET')).body.results).toHaveLength(0);
    expect((await site.alice.get(`/wiki/api/v2/spaces/${secret.body.id}`)).status).toBe(404);
    expect((await site.alice.get(`/wiki/api/v2/pages/${secret.body.homepageId}`)).status).toBe(404);
    expect((await site.alice.get('/wiki/api/v2/pages?title=Secret%20Home')).body.results).toEqual(
      [],
    );
  });

  it('createPrivateSpace (v1): 200 with the v1 Space; duplicate key 400', async () => {
    site = demoSite();
    const created = await site.alice.post('/wiki/rest/api/space/_private', {
      name: 'Alice notes',
      key: 'ALICE',
      description: { plain: { value: 'mine', representation: 'plain' } },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      key: 'ALICE',
      name: 'Alice notes',
      description: { plain: { value: 'mine' } },
    });
    expect((await site.client.get('/wiki/api/v2/spaces?keys=ALICE')).body.results).toEqual([]);
    expect(
      (await site.alice.post('/wiki/rest/api/space/_private', { name: 'Again', key: 'ALICE' }))
        .status,
    ).toBe(400);
    expect((await site.alice.post('/wiki/rest/api/space/_private', { key: 'NONAME' })).status).toBe(
      400,
    );
  });

  it('deleteSpace (v1): 202 long task, the space and its content are gone; unknown key 404', async () => {
    site = demoSite();
    const space = (
      await site.client.post('/wiki/api/v2/spaces', { name: 'Scratch', key: 'SCRATCH' })
    ).body;
    const page = await site.client.post('/wiki/api/v2/pages', {
      spaceId: space.id,
      title: 'Scratch page',
      body: { representation: 'storage', value: '<p>x</p>' },
    });
    const deleted = await site.client.delete('/wiki/rest/api/space/SCRATCH');
    expect(deleted.status).toBe(202);
    expect(deleted.body.links.status).toBe(`/rest/api/longtask/${deleted.body.id}`);
    const task = await site.client.get(`/wiki/rest/api/longtask/${deleted.body.id}`);
    expect(task.body).toMatchObject({ finished: true, successful: true, percentageComplete: 100 });
    expect((await site.client.get(`/wiki/api/v2/spaces/${space.id}`)).status).toBe(404);
    expect(
      (await site.client.get(`/wiki/api/v2/pages/${page.body.id}?status=trashed`)).status,
    ).toBe(404);
    expect(
      (await site.client.get(`/wiki/api/v2/pages/${space.homepageId}?status=trashed`)).status,
    ).toBe(404);
    expect((await site.client.delete('/wiki/rest/api/space/SCRATCH')).status).toBe(404);
    expect((await site.client.get('/wiki/rest/api/longtask/abc')).status).toBe(404);
  });
});
