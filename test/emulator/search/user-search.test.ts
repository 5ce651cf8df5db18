import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../fixtures.ts';
import { ADMIN, ALICE, BOB, CAROL, type SearchSite, searchSite } from './search-site.ts';

let site: SearchSite;
beforeAll(() => {
  site = searchSite();
  site.emulator.context.users.add({
    accountId: 'app:bot',
    email: 'bot@example.com',
    displayName: 'Build Bot',
    apiToken: 'bot-token',
  });
  site.emulator.context.db
    .prepare(`UPDATE users SET account_type = 'app' WHERE account_id = 'app:bot'`)
    .run();
});
afterAll(() => site.close());

async function users(
  cql: string,
  params: Record<string, string> = {},
  as = site.client,
): Promise<Json> {
  const response = await as.get(
    `/wiki/rest/api/search/user?${new URLSearchParams({ cql, ...params }).toString()}`,
  );
  expect(response.status).toBe(200);
  return response.body;
}
const accounts = (body: Json) => body.results.map((result: Json) => result.user.accountId);

describe('searchUser', () => {
  it('searchUser: type = user lists licensed users by display name, as SearchResults', async () => {
    const body = await users('type = user');
    expect(accounts(body)).toEqual([ALICE, BOB, CAROL, ADMIN]);
    expect(body).toMatchObject({
      start: 0,
      limit: 25,
      size: 4,
      totalSize: 4,
      cqlQuery: 'type = user',
    });
    expect(body.results[0]).toMatchObject({
      entityType: 'user',
      title: 'Alice Nguyen',
      url: `/people/${encodeURIComponent(ALICE)}`,
      user: {
        type: 'known',
        accountId: ALICE,
        displayName: 'Alice Nguyen',
        email: 'alice@example.com',
      },
    });
  });

  it('searchUser: user.fullname ~ matches the start of any name, case-insensitively', async () => {
    expect(accounts(await users('user.fullname ~ "ali"'))).toEqual([ALICE]);
    expect(accounts(await users('user.fullname ~ mart'))).toEqual([BOB]);
    expect(accounts(await users('user.fullname ~ "artins"'))).toEqual([]);
    expect(accounts(await users('user.fullname ~ "carol diaz"'))).toEqual([CAROL]);
    // "Alice Nguyen" and "Demo Admin" both have a name starting with a.
    expect(accounts(await users('type = user AND user.fullname !~ "a*"'))).toEqual([BOB, CAROL]);
  });

  it('searchUser: user and user.accountid by accountId, IN, NOT IN and currentUser()', async () => {
    expect(accounts(await users(`user.accountid = "${BOB}"`))).toEqual([BOB]);
    expect(accounts(await users(`user IN ("${BOB}", "${CAROL}")`))).toEqual([BOB, CAROL]);
    expect(accounts(await users(`type = user AND user NOT IN ("${BOB}")`))).toEqual([
      ALICE,
      CAROL,
      ADMIN,
    ]);
    expect(accounts(await users('user = currentUser()', {}, site.alice))).toEqual([ALICE]);
  });

  it('searchUser: sitePermissionTypeFilter all includes app accounts; externalCollaborator finds no one', async () => {
    expect(accounts(await users('type = user', { sitePermissionTypeFilter: 'all' }))).toContain(
      'app:bot',
    );
    expect(accounts(await users('type = user'))).not.toContain('app:bot');
    expect(
      (await users('type = user', { sitePermissionTypeFilter: 'externalCollaborator' })).totalSize,
    ).toBe(0);
  });

  it('searchUser: start and limit page through the users with _links.next', async () => {
    const first = await users('type = user', { limit: '3' });
    expect(accounts(first)).toEqual([ALICE, BOB, CAROL]);
    const next = new URL(first._links.next, 'http://localhost');
    expect(next.pathname).toBe('/rest/api/search/user');
    expect(Object.fromEntries(next.searchParams)).toMatchObject({
      cql: 'type = user',
      start: '3',
      limit: '3',
    });
    const second = (await site.client.get(`/wiki${first._links.next}`)).body;
    expect(accounts(second)).toEqual([ADMIN]);
    expect(second._links.next).toBeUndefined();
  });

  it('searchUser: content fields, other types, bad CQL and a missing cql are 400s', async () => {
    for (const [cql, words] of [
      ['space = DOCS', 'is not a user field'],
      ['type = page', 'type must be user, not page'],
      ['user.fullname ~', 'expected'],
      ['', "'cql' is required"],
    ]) {
      const response = await site.client.get(
        `/wiki/rest/api/search/user?cql=${encodeURIComponent(cql!)}`,
      );
      expect(response.status).toBe(400);
      expect(response.body.message).toContain(words);
    }
    const filter = await site.client.get(
      '/wiki/rest/api/search/user?cql=type%3Duser&sitePermissionTypeFilter=guests',
    );
    expect(filter.status).toBe(400);
  });
});
