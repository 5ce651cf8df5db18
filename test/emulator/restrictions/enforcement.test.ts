import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEmulator } from '../../../src/emulator/index.ts';
import { EMULATOR_MODULES } from '../../../src/emulator/modules.ts';
import {
  canEditContent,
  canViewContent,
  visibleContentClause,
} from '../../../src/emulator/content/visibility.ts';
import { contractClient } from '../contract.ts';
import { type DemoFixture, demoFixture } from './fixtures.ts';

let site: DemoFixture;
beforeEach(() => {
  site = demoFixture();
});
afterEach(() => site.close());

const storage = (value: string) => ({ representation: 'storage', value });
const titles = (body: { results: Array<{ title: string }> }) =>
  body.results.map((row) => row.title);

async function restrictRead(client: DemoFixture['admin'], id: number, accountIds: string[]) {
  const response = await client.put(`/wiki/rest/api/content/${id}/restriction`, [
    {
      operation: 'read',
      restrictions: { user: accountIds.map((accountId) => ({ type: 'known', accountId })) },
    },
  ]);
  expect(response.status).toBe(200);
}

describe('read restrictions', () => {
  it('getPageById: a read-restricted page is a 404 for everyone it does not name', async () => {
    const page = site.content('Salary bands 2026');
    expect((await site.admin.get(`/wiki/api/v2/pages/${page.id}`)).status).toBe(404);
    expect((await site.bob.get(`/wiki/api/v2/pages/${page.id}?body-format=storage`)).status).toBe(
      404,
    );
    expect((await site.alice.get(`/wiki/api/v2/pages/${page.id}`)).status).toBe(200);
    expect((await site.carol.get(`/wiki/api/v2/pages/${page.id}`)).status).toBe(200);
  });

  it('getPages / getPagesInSpace / getChildPages: restricted pages and their descendants are left out', async () => {
    const handbook = site.content('Employee handbook');
    await restrictRead(site.carol, handbook.id, [site.accounts.carol]);
    const hr = site.spaceId('HR');
    expect(titles((await site.admin.get(`/wiki/api/v2/spaces/${hr}/pages`)).body)).toEqual([
      'HR Home',
      'Hiring process',
    ]);
    expect(titles((await site.carol.get(`/wiki/api/v2/spaces/${hr}/pages`)).body)).toEqual([
      'HR Home',
      'Employee handbook',
      'Leave policy',
      'Expense policy',
      'Hiring process',
      'Salary bands 2026',
    ]);
    expect((await site.admin.get(`/wiki/api/v2/pages?title=Leave%20policy`)).body.results).toEqual(
      [],
    );
    expect(
      (await site.admin.get(`/wiki/api/v2/pages/${site.content('Leave policy').id}`)).status,
    ).toBe(404);
    const home = site.content('HR Home');
    expect(titles((await site.admin.get(`/wiki/api/v2/pages/${home.id}/children`)).body)).toEqual([
      'Hiring process',
    ]);
  });

  it('getPageById: a read restriction on a blog post hides it too', async () => {
    const post = site.content('Welcome our new hires');
    await restrictRead(site.carol, post.id, [site.accounts.carol]);
    expect((await site.admin.get(`/wiki/api/v2/blogposts/${post.id}`)).status).toBe(404);
    expect(titles((await site.admin.get('/wiki/api/v2/blogposts')).body)).not.toContain(
      'Welcome our new hires',
    );
    expect(titles((await site.carol.get('/wiki/api/v2/blogposts')).body)).toContain(
      'Welcome our new hires',
    );
  });

  it('visibleContentClause / canViewContent: the hook search and CQL use', async () => {
    const restricted = site.content('Salary bands 2026');
    const comment = await site.carol.post('/wiki/api/v2/footer-comments', {
      pageId: String(restricted.id),
      body: storage('<p>ok</p>'),
    });
    const db = site.emulator.db;
    const visible = visibleContentClause(db, site.accounts.admin, 'x');
    const ids = (
      db
        .prepare(`SELECT x.id FROM content x WHERE ${visible.sql}`)
        .all(...visible.params) as Array<{ id: number }>
    ).map((row) => row.id);
    expect(ids).not.toContain(restricted.id);
    expect(ids).not.toContain(Number(comment.body.id));
    expect(ids).toContain(site.content('Q3 planning').id);
    expect(canViewContent(db, site.accounts.admin, restricted.id)).toBe(false);
    expect(canViewContent(db, site.accounts.alice, Number(comment.body.id))).toBe(true);
    expect(canEditContent(db, site.accounts.alice, restricted.id)).toBe(false);
    expect(canEditContent(db, site.accounts.carol, restricted.id)).toBe(true);
    expect(canViewContent(db, site.accounts.admin, 999999)).toBe(false);
    expect(() => visibleContentClause(db, site.accounts.admin, 'c; DROP TABLE content')).toThrow(
      'Bad SQL alias',
    );
  });
});

describe('update restrictions', () => {
  it('updatePage: an update restriction refuses writes with 403 and keeps the page as it was', async () => {
    const page = site.content('Salary bands 2026');
    const response = await site.alice.put(`/wiki/api/v2/pages/${page.id}`, {
      id: String(page.id),
      status: 'current',
      title: 'Salary bands 2026',
      body: storage('<p>changed</p>'),
      version: { number: 2 },
    });
    expect(response.status).toBe(403);
    expect(response.body.errors[0]).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    const after = await site.carol.get(`/wiki/api/v2/pages/${page.id}?body-format=storage`);
    expect(after.body.version.number).toBe(1);
    expect(after.body.body.storage.value).toContain('Confidential');
    expect((await site.alice.delete(`/wiki/api/v2/pages/${page.id}`)).status).toBe(403);
    expect((await site.carol.get(`/wiki/api/v2/pages/${page.id}`)).body.status).toBe('current');
  });

  it('createPageProperty / updatePagePropertyById: an update restriction covers properties too', async () => {
    const page = site.content('Salary bands 2026');
    const path = `/wiki/api/v2/pages/${page.id}/properties`;
    const created = await site.carol.post(path, { key: 'review', value: { due: '2026-12-01' } });
    expect(created.status).toBe(200);
    const refused = await site.alice.post(path, { key: 'other', value: 1 });
    expect(refused.status).toBe(403);
    const update = { key: 'review', value: { due: 'never' }, version: { number: 2 } };
    expect((await site.alice.put(`${path}/${created.body.id}`, update)).status).toBe(403);
    expect((await site.alice.delete(`${path}/${created.body.id}`)).status).toBe(403);
    const after = await site.alice.get(`${path}/${created.body.id}`);
    expect(after.status).toBe(200);
    expect(after.body.value).toEqual({ due: '2026-12-01' });
  });

  it('updatePage / movePage: a refused move leaves the page where it was', async () => {
    const page = site.content('Salary bands 2026');
    const hiring = site.content('Hiring process');
    const moved = await site.alice.put(`/wiki/api/v2/pages/${page.id}`, {
      id: String(page.id),
      status: 'current',
      title: 'Salary bands 2026',
      parentId: String(hiring.id),
      body: storage('<p>x</p>'),
      version: { number: 2 },
    });
    expect(moved.status).toBe(403);
    expect(site.emulator.context.content.get(page.id)!.parent_id).toBe(
      site.content('Employee handbook').id,
    );
    const v1 = await site.alice.put(
      `/wiki/rest/api/content/${page.id}/move/append/${hiring.id}`,
      undefined,
    );
    expect(v1.status).toBe(403);
    expect(site.emulator.context.content.get(page.id)!.parent_id).toBe(
      site.content('Employee handbook').id,
    );
    expect(
      (
        await site.alice.put(`/wiki/api/v2/pages/${page.id}/title`, {
          status: 'current',
          title: 'Renamed',
        })
      ).status,
    ).toBe(403);
  });

  it('updatePage: the people the update restriction names may still write', async () => {
    const page = site.content('Salary bands 2026');
    const response = await site.carol.put(`/wiki/api/v2/pages/${page.id}`, {
      id: String(page.id),
      status: 'current',
      title: 'Salary bands 2026',
      body: storage('<p>new bands</p>'),
      version: { number: 2 },
    });
    expect(response.status).toBe(200);
  });

  it('getPageOperations: an update restriction leaves only read for those it does not name', async () => {
    const page = site.content('Salary bands 2026');
    const operations = (body: { operations: Array<{ operation: string }> }) =>
      body.operations.map((row) => row.operation);
    expect(
      operations((await site.alice.get(`/wiki/api/v2/pages/${page.id}/operations`)).body),
    ).toEqual(['read']);
    expect(
      operations((await site.carol.get(`/wiki/api/v2/pages/${page.id}/operations`)).body),
    ).toEqual(['read', 'update', 'delete']);
    const included = await site.alice.get(`/wiki/api/v2/pages/${page.id}?include-operations=true`);
    expect(
      included.body.operations.results.map((row: { operation: string }) => row.operation),
    ).toEqual(['read']);
  });

  it('update restrictions are not inherited: a child of an update-restricted page stays editable', async () => {
    const handbook = site.content('Employee handbook');
    await site.carol.put(`/wiki/rest/api/content/${handbook.id}/restriction`, [
      {
        operation: 'update',
        restrictions: { user: [{ type: 'known', accountId: site.accounts.carol }] },
      },
    ]);
    const leave = site.content('Leave policy');
    const response = await site.bob.put(`/wiki/api/v2/pages/${leave.id}`, {
      id: String(leave.id),
      status: 'current',
      title: 'Leave policy',
      body: storage('<p>more leave</p>'),
      version: { number: 2 },
    });
    expect(response.status).toBe(200);
    expect((await site.bob.get(`/wiki/api/v2/pages/${handbook.id}`)).status).toBe(200);
  });

  it('deletePage: purging restricted content removes its restrictions', async () => {
    const page = site.content('Salary bands 2026');
    expect((await site.carol.delete(`/wiki/api/v2/pages/${page.id}`)).status).toBe(204);
    expect((await site.carol.delete(`/wiki/api/v2/pages/${page.id}?purge=true`)).status).toBe(204);
    const left = site.emulator.db
      .prepare('SELECT COUNT(*) AS n FROM content_restrictions WHERE content_id = ?')
      .get(page.id) as { n: number };
    expect(left.n).toBe(0);
  });

  it('deleteSpace: a restricted page does not make its space undeletable', async () => {
    const page = site.content('Salary bands 2026');
    const response = await site.admin.delete('/wiki/rest/api/space/HR');
    expect(response.status).toBe(202);
    const content = site.emulator.db.prepare('SELECT COUNT(*) AS n FROM content WHERE id = ?');
    expect((content.get(page.id) as { n: number }).n).toBe(0);
    const left = site.emulator.db
      .prepare('SELECT COUNT(*) AS n FROM content_restrictions WHERE content_id = ?')
      .get(page.id) as { n: number };
    expect(left.n).toBe(0);
  });
});

describe('without the restrictions module', () => {
  it('visibility falls back to the core rule (private spaces only)', async () => {
    const emulator = createEmulator({
      seed: 'demo',
      modules: EMULATOR_MODULES.filter((module) => module.name !== 'restrictions'),
    });
    try {
      const client = contractClient(emulator.app);
      const pages = await client.get(
        `/wiki/api/v2/spaces/${emulator.context.spaces.byKey('HR')!.id}/pages`,
      );
      expect(pages.status).toBe(200);
      expect(titles(pages.body)).toEqual([
        'HR Home',
        'Employee handbook',
        'Leave policy',
        'Expense policy',
        'Hiring process',
      ]);
      const leave = emulator.db
        .prepare(`SELECT id FROM content WHERE title = 'Leave policy'`)
        .get() as { id: number };
      expect((await client.get(`/wiki/api/v2/pages/${leave.id}/labels`)).body.results).toHaveLength(
        2,
      );
      expect(
        canViewContent(
          emulator.db,
          emulator.context.users.byEmail('demo@example.com')!.account_id,
          65_537,
        ),
      ).toBe(true);
    } finally {
      emulator.close();
    }
  });
});
