/** Contract cases: whiteboards, tasks, CQL search, users, the audit log and restrictions. */
import { describe, expect } from 'vitest';
import { contract, type ContractFixture } from './fixture.ts';

const TASK_STORAGE =
  '<ac:task-list><ac:task><ac:task-id>1</ac:task-id><ac:task-status>incomplete</ac:task-status>' +
  '<ac:task-body>Ship the release</ac:task-body></ac:task></ac:task-list>';

interface Paged<T> {
  results: T[];
  nextCursor?: string;
  totalSize?: number;
}

export function siteCases(fixture: ContractFixture): void {
  const { call } = fixture;

  describe('whiteboards, tasks, search, users, audit, restrictions', () => {
    contract(
      fixture,
      'whiteboards.create',
      'creates a whiteboard in a space given by key',
      async () => {
        const title = fixture.unique('Board');
        const board = await call<{ title: string; spaceId: string }>('whiteboards.create', {
          spaceId: fixture.spaceKey,
          title,
        });
        expect(board).toMatchObject({ title, spaceId: fixture.spaceId });
      },
    );

    contract(
      fixture,
      'tasks.list',
      'finds the task of a page, which tasks.update completes',
      async () => {
        const page = await call<{ id: string }>('pages.create', {
          spaceId: fixture.spaceKey,
          title: fixture.unique('Tasks'),
          body: { storage: TASK_STORAGE },
        });
        const tasks = await call<Paged<{ id: string; status: string }>>('tasks.list', {
          pageId: page.id,
          status: 'incomplete',
        });
        expect(tasks.results).toHaveLength(1);
        const done = await call<{ status: string }>('tasks.update', {
          id: tasks.results[0]!.id,
          status: 'complete',
        });
        expect(done.status).toBe('complete');
        const open = await call<Paged<unknown>>('tasks.list', {
          pageId: page.id,
          status: 'incomplete',
        });
        expect(open.results).toEqual([]);
      },
      ['tasks.update', 'pages.create'],
    );

    contract(
      fixture,
      'search.cql',
      'finds a page by space and title, as flattened hits',
      async () => {
        const title = fixture.unique('Searchable zebra');
        const page = await call<{ id: string }>('pages.create', {
          spaceId: fixture.spaceKey,
          title,
          body: { storage: '<p>zebra crossing</p>' },
        });
        const hits = await call<
          Paged<{ entityType: string; title: string; content?: { id: string; spaceKey?: string } }>
        >('search.cql', {
          cql: `type = page AND space = "${fixture.spaceKey}" AND title = "${title}"`,
        });
        expect(hits.results.map((hit) => hit.content?.id)).toEqual([page.id]);
        expect(hits.results[0]).toMatchObject({
          entityType: 'content',
          title,
          content: { spaceKey: fixture.spaceKey },
        });
      },
      ['pages.create'],
    );

    contract(fixture, 'search.cql', 'a CQL syntax error is a 400 the script can read', async () => {
      await expect(call('search.cql', { cql: 'type = = page' })).rejects.toMatchObject({
        status: 400,
      });
    });

    contract(
      fixture,
      'search.content',
      'returns content with its body as markdown',
      async () => {
        const title = fixture.unique('Findable');
        await call('pages.create', {
          spaceId: fixture.spaceKey,
          title,
          body: { storage: '<h2>Heading</h2><p>text</p>' },
        });
        const found = await call<
          Paged<{ title: string; type: string; body?: { markdown?: { value: string } } }>
        >('search.content', {
          cql: `space = "${fixture.spaceKey}" AND title = "${title}"`,
          bodyFormat: 'markdown',
        });
        expect(found.results).toHaveLength(1);
        expect(found.results[0]).toMatchObject({ title, type: 'page' });
        expect(found.results[0]!.body?.markdown?.value).toContain('## Heading');
      },
      ['pages.create'],
    );

    contract(
      fixture,
      'users.current',
      'answers with the account the workbench acts as',
      async () => {
        const me = await call<{ accountId: string; displayName: string; type: string }>(
          'users.current',
        );
        expect(me.accountId).toBe(fixture.accountId);
        expect(me.displayName).not.toBe('');
      },
    );

    contract(fixture, 'users.anonymous', 'describes anonymous visitors', async () => {
      const anonymous = await call<{ type: string; displayName: string }>('users.anonymous');
      expect(anonymous.type).toBe('anonymous');
    });

    contract(fixture, 'users.search', 'finds the current user by name', async () => {
      const found = await call<Paged<{ accountId: string }>>('users.search', {
        cql: `user.fullname ~ "${fixture.displayName}"`,
      });
      expect(found.results.map((user) => user.accountId)).toContain(fixture.accountId);
    });

    contract(
      fixture,
      'restrictions.get',
      'lists read and update with no one restricted on a new page',
      async () => {
        const page = await call<{ id: string }>('pages.create', {
          spaceId: fixture.spaceKey,
          title: fixture.unique('Open'),
        });
        const { results } = await call<
          Paged<{ operation: string; users: unknown[]; groups: unknown[] }>
        >('restrictions.get', {
          contentId: page.id,
        });
        expect(results.map((restriction) => restriction.operation).sort()).toEqual([
          'read',
          'update',
        ]);
        expect(
          results.every(
            (restriction) => restriction.users.length === 0 && restriction.groups.length === 0,
          ),
        ).toBe(true);
      },
      ['pages.create'],
    );

    if (fixture.backend.admin) {
      contract(fixture, 'audit.list', 'reads audit records in a date range', async () => {
        const records = await call<Paged<{ creationDate: number; summary: string }>>('audit.list', {
          startDate: '2000-01-01',
          limit: 50,
        });
        expect(Array.isArray(records.results)).toBe(true);
        for (const record of records.results) expect(typeof record.creationDate).toBe('number');
      });
    }
  });
}
