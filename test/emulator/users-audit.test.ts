import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../src/emulator/seed/demo-core.ts';
import { type DemoSiteFixture, demoSite, storage } from './fixtures.ts';

let site: DemoSiteFixture;
afterEach(() => site.close());

describe('users', () => {
  it('getUser: by accountId; unknown is a 404; getAnonymousUser answers the anonymous shape', async () => {
    site = demoSite();
    const bob = await site.client.get(
      `/wiki/rest/api/user?accountId=${encodeURIComponent(DEMO_USERS.bob.accountId)}`,
    );
    expect(bob.body).toMatchObject({
      displayName: 'Bob Martins',
      accountId: DEMO_USERS.bob.accountId,
    });
    expect(bob.body.api_token).toBeUndefined();
    expect(JSON.stringify(bob.body)).not.toContain('bob-token');
    expect((await site.client.get('/wiki/rest/api/user?accountId=nobody')).status).toBe(404);
    expect((await site.client.get('/wiki/rest/api/user/anonymous')).body).toMatchObject({
      type: 'anonymous',
      displayName: 'Anonymous',
    });
    expect((await site.client.get('/wiki/rest/api/user/current?expand=everything')).status).toBe(
      400,
    );
  });

  it('createBulkUserLookup: known ids answered, unknown skipped; empty or oversized lists are 400', async () => {
    site = demoSite();
    const response = await site.client.post('/wiki/api/v2/users-bulk', {
      accountIds: [DEMO_USERS.alice.accountId, 'nobody'],
    });
    expect(response.body.results.map((user: { displayName: string }) => user.displayName)).toEqual([
      'Alice Nguyen',
    ]);
    expect((await site.client.post('/wiki/api/v2/users-bulk', { accountIds: [] })).status).toBe(
      400,
    );
    expect(
      (
        await site.client.post('/wiki/api/v2/users-bulk', {
          accountIds: Array.from({ length: 251 }, (_, index) => `id${index}`),
        })
      ).status,
    ).toBe(400);
  });
});

describe('audit', () => {
  it('getAuditRecords: one record per successful write, newest first, with the author', async () => {
    site = demoSite();
    const space = await site.spaceByKey('ENG');
    await site.client.post('/wiki/api/v2/pages', {
      spaceId: space.id,
      title: 'Audited page',
      body: storage('<p>x</p>'),
    });
    site.clock.advance(1000);
    await site.alice.post('/wiki/api/v2/spaces', { name: 'Alice space', key: 'AS' });
    await site.client.post('/wiki/api/v2/pages', {
      spaceId: space.id,
      title: 'Audited page',
      body: storage('<p>dup</p>'),
    });
    await site.client.post('/wiki/api/v2/users-bulk', { accountIds: ['x'] });
    const response = await site.client.get('/wiki/rest/api/audit');
    expect(response.body.results.map((record: { summary: string }) => record.summary)).toEqual([
      'Space created',
      'page created',
    ]);
    expect(response.body.results[0]).toMatchObject({
      author: { displayName: 'Alice Nguyen', type: 'user' },
      category: 'Spaces',
      affectedObject: { name: 'Alice space', objectType: 'Space' },
      creationDate: site.clock.now(),
    });
  });

  it('getAuditRecords: startDate/endDate (epoch ms), searchString and offset paging', async () => {
    site = demoSite();
    const space = await site.spaceByKey('ENG');
    for (const title of ['One', 'Two', 'Three']) {
      site.clock.advance(1000);
      await site.client.post('/wiki/api/v2/pages', {
        spaceId: space.id,
        title,
        body: storage('<p>x</p>'),
      });
    }
    const now = site.clock.now();
    expect(
      (await site.client.get(`/wiki/rest/api/audit?startDate=${now - 1000}&endDate=${now}`)).body
        .size,
    ).toBe(2);
    expect(
      (await site.client.get('/wiki/rest/api/audit?searchString=Two')).body.results.map(
        (record: { affectedObject: { name: string } }) => record.affectedObject.name,
      ),
    ).toEqual(['Two']);
    const first = await site.client.get('/wiki/rest/api/audit?limit=2');
    expect(first.body).toMatchObject({ start: 0, limit: 2, size: 2 });
    expect(first.body._links.next).toBe('/rest/api/audit?limit=2&start=2');
    const second = await site.client.get(`/wiki${first.body._links.next}`);
    expect(second.body).toMatchObject({ start: 2, size: 1 });
    expect(second.body._links.next).toBeUndefined();
    expect((await site.client.get('/wiki/rest/api/audit?startDate=yesterday')).status).toBe(400);
    expect((await site.client.get('/wiki/rest/api/audit?start=-1')).status).toBe(400);
  });
});
