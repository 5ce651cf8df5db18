/** Contract cases: spaces by key or id, their pages, creating a private one and deleting it. */
import { describe, expect } from 'vitest';
import { uniqueSpaceKey } from './backend.ts';
import { contract, type ContractFixture } from './fixture.ts';

interface Space {
  id: string;
  key: string;
  name: string;
  homepageId?: string;
  description?: { plain?: { value: string } };
}

export function spaceCases(fixture: ContractFixture): void {
  const { call } = fixture;

  describe('spaces', () => {
    contract(fixture, 'spaces.get', 'reads the same space by key and by id', async () => {
      const byKey = await call<Space>('spaces.get', { id: fixture.spaceKey });
      const byId = await call<Space>('spaces.get', {
        id: fixture.spaceId,
        descriptionFormat: 'plain',
      });
      expect(byKey).toMatchObject({ id: fixture.spaceId, key: fixture.spaceKey });
      expect(byId).toMatchObject({ id: fixture.spaceId, key: fixture.spaceKey });
    });

    contract(fixture, 'spaces.get', 'an unknown key is a 404 naming the key', async () => {
      await expect(call('spaces.get', { id: 'NOSUCHSPACE9' })).rejects.toMatchObject({
        status: 404,
      });
    });

    contract(fixture, 'spaces.list', 'finds spaces by key', async () => {
      const { results } = await call<{ results: Space[] }>('spaces.list', {
        keys: [fixture.spaceKey],
      });
      expect(results.map((space) => space.key)).toEqual([fixture.spaceKey]);
    });

    contract(
      fixture,
      'spaces.pages',
      'lists the root pages and all pages of a space',
      async () => {
        const root = await call<{ id: string }>('pages.create', {
          spaceId: fixture.spaceKey,
          title: fixture.unique('Space root'),
          rootLevel: true,
        });
        const roots = await call<{ results: Array<{ id: string }> }>('spaces.pages', {
          id: fixture.spaceKey,
          depth: 'root',
          limit: 250,
        });
        expect(roots.results.map((page) => page.id)).toContain(root.id);
        const all = await call<{ results: Array<{ id: string }> }>('spaces.pages', {
          id: fixture.spaceId,
          limit: 250,
        });
        expect(all.results.length).toBeGreaterThanOrEqual(roots.results.length);
      },
      ['pages.create'],
    );

    contract(
      fixture,
      'spaces.createPrivate',
      'creates a private space, which spaces.delete then deletes',
      async () => {
        const key = uniqueSpaceKey();
        const space = await call<Space>('spaces.createPrivate', {
          name: `Private ${key}`,
          key,
          description: 'scratch',
        });
        expect(space).toMatchObject({ key, name: `Private ${key}` });
        const deletion = await call<{ taskId: string; spaceKey: string }>('spaces.delete', {
          id: space.id,
        });
        expect(deletion.spaceKey).toBe(key);
        expect(deletion.taskId).not.toBe('');
      },
      ['spaces.delete'],
    );

    contract(fixture, 'spaces.create', 'refuses a key that is not letters and digits', async () => {
      await expect(call('spaces.create', { name: 'Bad', key: 'NO-DASH' })).rejects.toMatchObject({
        code: 'VALIDATION',
      });
    });
  });
}
