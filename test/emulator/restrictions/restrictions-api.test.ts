import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DemoFixture, demoFixture } from './fixtures.ts';

let site: DemoFixture;
beforeEach(() => {
  site = demoFixture();
});
afterEach(() => site.close());

type Restriction = {
  operation: string;
  restrictions: {
    user?: { results: Array<{ accountId: string }>; size: number };
    group?: { results: Array<{ id: string }> };
    _expandable?: Record<string, string>;
  };
  content?: { id: string };
};
const users = (body: { results: Restriction[] }, operation: string) =>
  body.results
    .find((row) => row.operation === operation)!
    .restrictions.user!.results.map((user) => user.accountId)
    .sort();
const read = (accountIds: string[]) => ({
  operation: 'read',
  restrictions: { user: accountIds.map((accountId) => ({ type: 'known', accountId })) },
});
const update = (accountIds: string[]) => ({
  operation: 'update',
  restrictions: { user: accountIds.map((accountId) => ({ type: 'known', accountId })) },
});

describe('getRestrictions', () => {
  it('getRestrictions: the read and update restrictions with their users', async () => {
    const page = site.content('Salary bands 2026');
    const response = await site.carol.get(`/wiki/rest/api/content/${page.id}/restriction`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      start: 0,
      limit: 100,
      size: 2,
      restrictionsHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(users(response.body, 'read')).toEqual([site.accounts.alice, site.accounts.carol].sort());
    expect(users(response.body, 'update')).toEqual([site.accounts.carol]);
  });

  it('getRestrictions: an unrestricted page has empty restrictions', async () => {
    const page = site.content('Q3 planning');
    const response = await site.admin.get(`/wiki/rest/api/content/${page.id}/restriction`);
    expect(
      response.body.results.map((row: Restriction) => [row.operation, row.restrictions.user!.size]),
    ).toEqual([
      ['read', 0],
      ['update', 0],
    ]);
  });

  it('getRestrictions: expand picks what is expanded; start/limit page the users', async () => {
    const page = site.content('Salary bands 2026');
    const path = `/wiki/rest/api/content/${page.id}/restriction`;
    const narrow = await site.carol.get(`${path}?expand=read.restrictions.user,content`);
    const [readRow, updateRow] = narrow.body.results as Restriction[];
    expect(readRow!.restrictions.user!.size).toBe(2);
    expect(readRow!.restrictions._expandable).toHaveProperty('group');
    expect(updateRow!.restrictions.user).toBeUndefined();
    expect(readRow!.content).toMatchObject({ id: String(page.id) });
    const paged = await site.carol.get(`${path}?start=1&limit=1`);
    expect(paged.body.results[0].restrictions.user).toMatchObject({ start: 1, limit: 1, size: 1 });
  });

  it('getRestrictions: unknown, hidden and malformed ids and bad expands are refused', async () => {
    const page = site.content('Salary bands 2026');
    expect((await site.admin.get('/wiki/rest/api/content/999999/restriction')).status).toBe(404);
    expect((await site.bob.get(`/wiki/rest/api/content/${page.id}/restriction`)).status).toBe(404);
    expect((await site.admin.get('/wiki/rest/api/content/x/restriction')).status).toBe(400);
    expect(
      (await site.carol.get(`/wiki/rest/api/content/${page.id}/restriction?expand=everything`))
        .status,
    ).toBe(400);
    expect(
      (await site.carol.get(`/wiki/rest/api/content/${page.id}/restriction?limit=-1`)).status,
    ).toBe(400);
  });
});

describe('updateRestrictions / addRestrictions / deleteRestrictions', () => {
  it('updateRestrictions: replaces every restriction; the hash changes', async () => {
    const page = site.content('Leave policy');
    const path = `/wiki/rest/api/content/${page.id}/restriction`;
    const before = (await site.admin.get(path)).body.restrictionsHash;
    const response = await site.admin.put(path, [read([site.accounts.admin, site.accounts.bob])]);
    expect(response.status).toBe(200);
    expect(users(response.body, 'read')).toEqual([site.accounts.admin, site.accounts.bob].sort());
    expect(response.body.restrictionsHash).not.toBe(before);
    const again = await site.admin.put(path, { results: [update([site.accounts.admin])] });
    expect(users(again.body, 'read')).toEqual([]);
    expect(users(again.body, 'update')).toEqual([site.accounts.admin]);
  });

  it('addRestrictions: adds users (array or UserArray) and groups without removing any', async () => {
    const page = site.content('Leave policy');
    const path = `/wiki/rest/api/content/${page.id}/restriction`;
    await site.admin.post(path, [read([site.accounts.admin])]);
    const response = await site.admin.post(path, [
      {
        operation: 'read',
        restrictions: {
          user: { results: [{ type: 'known', accountId: site.accounts.bob }] },
          group: [{ type: 'group', id: 'hr-team' }],
        },
      },
    ]);
    expect(users(response.body, 'read')).toEqual([site.accounts.admin, site.accounts.bob].sort());
    expect(response.body.results[0].restrictions.group.results).toEqual([
      expect.objectContaining({ type: 'group', id: 'hr-team', name: 'hr-team' }),
    ]);
  });

  it.each([
    [
      'an unknown user',
      [{ operation: 'read', restrictions: { user: [{ type: 'known', accountId: 'nobody' }] } }],
      'No user found',
    ],
    [
      'an operation content does not have',
      [{ operation: 'delete', restrictions: { user: [] } }],
      'read and update',
    ],
    ['an unknown operation', [{ operation: 'own', restrictions: { user: [] } }], 'operation'],
    ['no users or groups', [{ operation: 'read', restrictions: {} }], 'at least one'],
    ['no restrictions', [{ operation: 'read' }], 'restrictions'],
    [
      'a user without accountId',
      [{ operation: 'read', restrictions: { user: [{ type: 'known' }] } }],
      'accountId',
    ],
    [
      'a group without id',
      [{ operation: 'read', restrictions: { group: [{ type: 'group' }] } }],
      'group',
    ],
    ['a bare string', 'read', 'body'],
  ])('updateRestrictions: %s is a 400', async (_case, body, message) => {
    const page = site.content('Leave policy');
    const response = await site.admin.put(`/wiki/rest/api/content/${page.id}/restriction`, body);
    expect(response.status).toBe(400);
    expect(response.body.message).toContain(message);
  });

  it('updateRestrictions: restrictions that leave the caller out are refused and change nothing', async () => {
    const page = site.content('Leave policy');
    const path = `/wiki/rest/api/content/${page.id}/restriction`;
    const response = await site.admin.put(path, [read([site.accounts.bob])]);
    expect(response.status).toBe(400);
    expect(response.body.message).toContain('lock the caller');
    const groupOnly = await site.admin.post(path, [
      { operation: 'update', restrictions: { group: [{ type: 'group', id: 'editors' }] } },
    ]);
    expect(groupOnly.status).toBe(400);
    expect(users((await site.admin.get(path)).body, 'read')).toEqual([]);
    expect((await site.bob.get(`/wiki/api/v2/pages/${page.id}`)).status).toBe(200);
  });

  it('deleteRestrictions: lifts everything; only editors may change restrictions', async () => {
    const page = site.content('Salary bands 2026');
    const path = `/wiki/rest/api/content/${page.id}/restriction`;
    expect((await site.alice.delete(path)).status).toBe(403);
    expect((await site.alice.put(path, [read([site.accounts.alice])])).status).toBe(403);
    expect((await site.bob.delete(path)).status).toBe(404);
    const lifted = await site.carol.delete(path);
    expect(lifted.status).toBe(200);
    expect(users(lifted.body, 'read')).toEqual([]);
    expect((await site.admin.get(`/wiki/api/v2/pages/${page.id}`)).status).toBe(200);
  });

  it('updateRestrictions: malformed JSON is a 400 and the write is audited', async () => {
    const page = site.content('Leave policy');
    const path = `/wiki/rest/api/content/${page.id}/restriction`;
    expect(
      (await site.admin.put(path, '[{', { headers: { 'content-type': 'application/json' } }))
        .status,
    ).toBe(400);
    await site.admin.post(path, [update([site.accounts.admin])]);
    const rows = site.emulator.db
      .prepare(`SELECT summary, category FROM audit_records WHERE category = 'Permissions'`)
      .all();
    expect(rows).toEqual([{ summary: 'Content restrictions changed', category: 'Permissions' }]);
  });
});

describe('restrictions by operation', () => {
  it('getRestrictionsByOperation / getRestrictionsForOperation: keyed by operation', async () => {
    const page = site.content('Salary bands 2026');
    const all = await site.carol.get(`/wiki/rest/api/content/${page.id}/restriction/byOperation`);
    expect(Object.keys(all.body).sort()).toEqual(['_links', 'read', 'update']);
    expect(
      all.body.update.restrictions.user.results.map(
        (user: { accountId: string }) => user.accountId,
      ),
    ).toEqual([site.accounts.carol]);
    const one = await site.carol.get(
      `/wiki/rest/api/content/${page.id}/restriction/byOperation/read?limit=1`,
    );
    expect(one.body).toMatchObject({
      operation: 'read',
      restrictions: { user: { size: 1, limit: 1 } },
    });
    expect(
      (await site.carol.get(`/wiki/rest/api/content/${page.id}/restriction/byOperation/delete`))
        .status,
    ).toBe(404);
  });

  it('getContentRestrictionStatusForUser / addUserToContentRestriction / removeUserFromContentRestriction', async () => {
    const page = site.content('Salary bands 2026');
    const path = (operation: string, accountId: string) =>
      `/wiki/rest/api/content/${page.id}/restriction/byOperation/${operation}/user?accountId=${accountId}`;
    expect((await site.carol.get(path('read', site.accounts.alice))).status).toBe(200);
    expect((await site.carol.get(path('read', site.accounts.bob))).status).toBe(404);
    expect((await site.carol.put(path('read', site.accounts.bob), undefined)).status).toBe(200);
    expect((await site.bob.get(`/wiki/api/v2/pages/${page.id}`)).status).toBe(200);
    expect((await site.carol.delete(path('read', site.accounts.bob))).status).toBe(200);
    expect((await site.bob.get(`/wiki/api/v2/pages/${page.id}`)).status).toBe(404);
    expect((await site.carol.delete(path('read', site.accounts.carol))).status).toBe(400);
    expect((await site.carol.put(path('read', 'nobody'), undefined)).status).toBe(400);
    expect(
      (await site.carol.get(`/wiki/rest/api/content/${page.id}/restriction/byOperation/read/user`))
        .status,
    ).toBe(400);
    expect((await site.alice.put(path('update', site.accounts.alice), undefined)).status).toBe(403);
  });
});
