/** Contract cases: pages (CRUD, versions, likes) and the page hierarchy. */
import { describe, expect } from 'vitest';
import { contract, RICH_STORAGE, type ContractFixture } from './fixture.ts';

interface Page {
  id: string;
  title: string;
  status: string;
  spaceId: string;
  parentId?: string;
  version: { number: number; message?: string };
  body?: Record<string, { value: string }>;
}
interface Paged<T> {
  results: T[];
  nextCursor?: string;
}

export function pageCases(fixture: ContractFixture): void {
  const { call } = fixture;
  const create = (title: string, extra: Record<string, unknown> = {}) =>
    call<Page>('pages.create', {
      spaceId: fixture.spaceKey,
      title,
      body: { storage: '<p>Hello</p>' },
      ...extra,
    });

  describe('pages', () => {
    contract(
      fixture,
      'pages.create',
      'creates a page from markdown in a space given by key',
      async () => {
        const title = fixture.unique('Created from markdown');
        const page = await call<Page>('pages.create', {
          spaceId: fixture.spaceKey,
          title,
          body: { markdown: '# Plan\n\n- one\n- two' },
        });
        expect(page).toMatchObject({
          title,
          status: 'current',
          spaceId: fixture.spaceId,
          version: { number: 1 },
        });
        const read = await call<Page>('pages.get', { id: page.id, bodyFormat: 'storage' });
        expect(read.body?.['storage']?.value).toMatch(/<h1>Plan<\/h1>[\s\S]*<li>[\s\S]*one/);
      },
    );

    contract(fixture, 'pages.create', 'refuses a duplicate title in the same space', async () => {
      const title = fixture.unique('Twice');
      await create(title);
      await expect(create(title)).rejects.toMatchObject({ status: expect.any(Number) });
    });

    contract(
      fixture,
      'pages.get',
      'reads the body as storage and as markdown, macros kept through a round trip',
      async () => {
        const page = await call<Page>('pages.create', {
          spaceId: fixture.spaceId,
          title: fixture.unique('Rich'),
          body: { storage: RICH_STORAGE },
        });
        const markdown = await call<Page>('pages.get', { id: page.id, bodyFormat: 'markdown' });
        const text = markdown.body?.['markdown']?.value ?? '';
        expect(text).toContain('# Plan');
        const updated = await call<Page>('pages.update', {
          id: page.id,
          version: 2,
          body: { markdown: text },
        });
        expect(updated.version.number).toBe(2);
        const storage = await call<Page>('pages.get', { id: page.id, bodyFormat: 'storage' });
        expect(storage.body?.['storage']?.value).toContain('<ac:structured-macro ac:name="code"');
        expect(storage.body?.['storage']?.value).toContain('const x = 1;');
      },
    );

    contract(
      fixture,
      'pages.get',
      'answers a missing page with a 404 the script can read',
      async () => {
        await expect(call('pages.get', { id: '999999999' })).rejects.toMatchObject({
          status: 404,
          code: expect.any(String),
        });
      },
    );

    contract(fixture, 'pages.get', 'refuses a malformed id before sending anything', async () => {
      await expect(call('pages.get', { id: 'home' })).rejects.toMatchObject({ code: 'VALIDATION' });
    });

    contract(fixture, 'pages.list', 'finds a page by space key and exact title', async () => {
      const page = await create(fixture.unique('Listed'));
      const found = await call<Paged<Page>>('pages.list', {
        spaceId: fixture.spaceKey,
        title: page.title,
      });
      expect(found.results.map((result) => result.id)).toEqual([page.id]);
    });

    contract(fixture, 'pages.findByTitle', 'the page with that title, or null', async () => {
      const page = await create(fixture.unique('Found by title'));
      const found = await call<Page | null>('pages.findByTitle', {
        spaceId: fixture.spaceKey,
        title: page.title,
        bodyFormat: 'markdown',
      });
      expect(found?.id).toBe(page.id);
      expect(found?.body?.markdown?.value).toBeTypeOf('string');
      const missing = await call<Page | null>('pages.findByTitle', {
        spaceId: fixture.spaceKey,
        title: fixture.unique('No such page'),
      });
      expect(missing).toBeNull();
    });

    contract(
      fixture,
      'pages.list',
      'pages by cursor: every page once, no cursor on the last',
      async () => {
        const seen = new Set<string>();
        let cursor: string | undefined;
        let rounds = 0;
        do {
          const page: Paged<Page> = await call('pages.list', {
            spaceId: fixture.spaceId,
            limit: 2,
            ...(cursor ? { cursor } : {}),
          });
          for (const result of page.results) {
            expect(seen.has(result.id), `page ${result.id} listed twice`).toBe(false);
            seen.add(result.id);
          }
          expect(page.results.length).toBeLessThanOrEqual(2);
          cursor = page.nextCursor;
          rounds += 1;
        } while (cursor && rounds < 100);
        expect(rounds).toBeGreaterThan(1);
        expect(cursor).toBeUndefined();
      },
    );

    contract(
      fixture,
      'pages.update',
      'writes the next version, keeping what was left out',
      async () => {
        const page = await create(fixture.unique('Update me'));
        const renamed = await call<Page>('pages.update', {
          id: page.id,
          version: { number: 2, message: 'rename' },
          title: `${page.title} (v2)`,
        });
        expect(renamed).toMatchObject({ title: `${page.title} (v2)`, version: { number: 2 } });
        const read = await call<Page>('pages.get', { id: page.id, bodyFormat: 'storage' });
        expect(read.body?.['storage']?.value).toBe('<p>Hello</p>');
      },
    );

    contract(fixture, 'pages.update', 'a stale version is a 409 CONFLICT', async () => {
      const page = await create(fixture.unique('Conflict'));
      await call('pages.update', { id: page.id, version: 2, title: `${page.title} a` });
      await expect(
        call('pages.update', { id: page.id, version: 2, title: `${page.title} b` }),
      ).rejects.toMatchObject({ status: 409 });
    });

    contract(fixture, 'pages.delete', 'moves a page to the trash, then purges it', async () => {
      const page = await create(fixture.unique('Delete me'));
      await call('pages.delete', { id: page.id });
      const trashed = await call<Page>('pages.get', { id: page.id, status: 'trashed' });
      expect(trashed.status).toBe('trashed');
      await call('pages.delete', { id: page.id, purge: true });
      await expect(
        call('pages.get', { id: page.id, status: ['trashed', 'current'] }),
      ).rejects.toMatchObject({ status: 404 });
    });

    contract(fixture, 'pages.versions', 'lists versions newest first', async () => {
      const page = await create(fixture.unique('Versioned'));
      await call('pages.update', {
        id: page.id,
        version: { number: 2, message: 'second' },
        title: `${page.title}!`,
      });
      const versions = await call<Paged<{ number: number; message?: string }>>('pages.versions', {
        id: page.id,
        sort: '-modified-date',
      });
      expect(versions.results.map((version) => version.number)).toEqual([2, 1]);
      expect(versions.results[0]!.message).toBe('second');
    });

    contract(fixture, 'pages.likeCount', 'counts no likes on a new page', async () => {
      const page = await create(fixture.unique('Unliked'));
      expect(await call('pages.likeCount', { id: page.id })).toEqual({ count: 0 });
    });

    treeCases(fixture, create);
  });
}

function treeCases(
  fixture: ContractFixture,
  create: (title: string, extra?: Record<string, unknown>) => Promise<Page>,
): void {
  const { call } = fixture;
  const family = async () => {
    const root = await create(fixture.unique('Root'));
    const child = await create(fixture.unique('Child'), { parentId: root.id });
    const grandchild = await create(fixture.unique('Grandchild'), { parentId: child.id });
    return { root, child, grandchild };
  };

  contract(fixture, 'pages.children', 'lists the direct children only', async () => {
    const { root, child } = await family();
    const children = await call<Paged<{ id: string; title: string }>>('pages.children', {
      id: root.id,
    });
    expect(children.results.map((result) => result.id)).toEqual([child.id]);
  });

  contract(
    fixture,
    'pages.ancestors',
    'lists the chain from the top down to the parent',
    async () => {
      const { root, child, grandchild } = await family();
      const ancestors = await call<Array<{ id: string; type: string }>>('pages.ancestors', {
        id: grandchild.id,
      });
      const ids = ancestors.map((ancestor) => ancestor.id);
      expect(ids.slice(-2)).toEqual([root.id, child.id]);
      expect(ancestors.every((ancestor) => ancestor.type === 'page')).toBe(true);
    },
  );

  contract(
    fixture,
    'pages.descendants',
    'assembles the subtree, and says when max cut it',
    async () => {
      const { root, child, grandchild } = await family();
      const tree = await call<{
        count: number;
        truncated: boolean;
        children: Array<{ id: string; children: Array<{ id: string }> }>;
      }>('pages.descendants', { id: root.id });
      expect(tree).toMatchObject({ count: 2, truncated: false });
      expect(tree.children.map((node) => node.id)).toEqual([child.id]);
      expect(tree.children[0]!.children.map((node) => node.id)).toEqual([grandchild.id]);
      const cut = await call<{ count: number; truncated: boolean }>('pages.descendants', {
        id: root.id,
        max: 1,
      });
      expect(cut).toMatchObject({ count: 1, truncated: true });
    },
  );

  contract(fixture, 'pages.move', 'moves a page under another one', async () => {
    const { root, grandchild } = await family();
    const moved = await call('pages.move', {
      id: grandchild.id,
      position: 'append',
      targetId: root.id,
    });
    expect(moved).toEqual({ pageId: grandchild.id, position: 'append', targetId: root.id });
    const read = await call<Page>('pages.get', { id: grandchild.id });
    expect(read.parentId).toBe(root.id);
  });
}
