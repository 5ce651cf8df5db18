/** Contract cases: the same property lifecycle on pages, blog posts, spaces and whiteboards. */
import { describe, expect } from 'vitest';
import { contract, type ContractFixture } from './fixture.ts';

interface Property {
  id: string;
  key: string;
  value: unknown;
  version: { number: number };
}

interface Owner {
  resource: 'pages' | 'blogposts' | 'spaces' | 'whiteboards';
  field: string;
  make(fixture: ContractFixture): Promise<string>;
  listable: boolean;
  creates: string[];
}

const OWNERS: Owner[] = [
  {
    resource: 'pages',
    field: 'pageId',
    listable: true,
    creates: ['pages.create'],
    make: async (fixture) =>
      (
        await fixture.call<{ id: string }>('pages.create', {
          spaceId: fixture.spaceKey,
          title: fixture.unique('Props'),
        })
      ).id,
  },
  {
    resource: 'blogposts',
    field: 'blogPostId',
    listable: true,
    creates: ['blogposts.create'],
    make: async (fixture) =>
      (
        await fixture.call<{ id: string }>('blogposts.create', {
          spaceId: fixture.spaceKey,
          title: fixture.unique('Props post'),
        })
      ).id,
  },
  {
    resource: 'spaces',
    field: 'spaceId',
    listable: true,
    creates: [],
    make: async (fixture) => fixture.spaceKey,
  },
  {
    resource: 'whiteboards',
    field: 'whiteboardId',
    listable: false,
    creates: ['whiteboards.create'],
    make: async (fixture) =>
      (
        await fixture.call<{ id: string }>('whiteboards.create', {
          spaceId: fixture.spaceKey,
          title: fixture.unique('Board'),
        })
      ).id,
  },
];

export function propertyCases(fixture: ContractFixture): void {
  const { call } = fixture;
  describe('properties', () => {
    for (const owner of OWNERS) {
      const name = (method: string) => `${owner.resource}.properties.${method}`;
      contract(
        fixture,
        name('create'),
        'creates, updates with the next version, and deletes a JSON property',
        async () => {
          const ownerId = await owner.make(fixture);
          const key = `review-${crypto.randomUUID().slice(0, 6)}`;
          const created = await call<Property>(name('create'), {
            [owner.field]: ownerId,
            key,
            value: { state: 'draft', n: [1, 2] },
          });
          expect(created).toMatchObject({
            key,
            value: { state: 'draft', n: [1, 2] },
            version: { number: 1 },
          });
          if (owner.listable) {
            const listed = await call<{ results: Property[] }>(name('list'), {
              [owner.field]: ownerId,
              key,
            });
            expect(listed.results.map((property) => property.id)).toEqual([created.id]);
          }
          const updated = await call<Property>(name('update'), {
            [owner.field]: ownerId,
            propertyId: created.id,
            key,
            value: { state: 'approved' },
            version: 2,
          });
          expect(updated).toMatchObject({ value: { state: 'approved' }, version: { number: 2 } });
          await expect(
            call(name('update'), {
              [owner.field]: ownerId,
              propertyId: created.id,
              key,
              value: 1,
              version: 2,
            }),
          ).rejects.toMatchObject({ status: 409 });
          await call(name('delete'), { [owner.field]: ownerId, propertyId: created.id });
          if (owner.listable) {
            const after = await call<{ results: Property[] }>(name('list'), {
              [owner.field]: ownerId,
              key,
            });
            expect(after.results).toEqual([]);
          }
        },
        [
          name('update'),
          name('delete'),
          ...(owner.listable ? [name('list')] : []),
          ...owner.creates,
        ],
      );
    }
  });
}
