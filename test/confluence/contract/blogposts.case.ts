/** Contract cases: blog posts and their versions, likes and permitted operations. */
import { describe, expect } from 'vitest';
import { contract, type ContractFixture } from './fixture.ts';

interface BlogPost {
  id: string;
  title: string;
  status: string;
  spaceId: string;
  version: { number: number };
  body?: Record<string, { value: string }>;
}

export function blogPostCases(fixture: ContractFixture): void {
  const { call } = fixture;
  const create = (title: string) =>
    call<BlogPost>('blogposts.create', {
      spaceId: fixture.spaceKey,
      title,
      body: { markdown: 'We shipped **search**.' },
    });

  describe('blog posts', () => {
    contract(fixture, 'blogposts.create', 'publishes a post from markdown', async () => {
      const title = fixture.unique('Post');
      const post = await create(title);
      expect(post).toMatchObject({
        title,
        status: 'current',
        spaceId: fixture.spaceId,
        version: { number: 1 },
      });
    });

    contract(fixture, 'blogposts.get', 'reads the post with its body as markdown', async () => {
      const post = await create(fixture.unique('Readable post'));
      const read = await call<BlogPost>('blogposts.get', { id: post.id, bodyFormat: 'markdown' });
      expect(read.body?.['markdown']?.value).toContain('**search**');
    });

    contract(fixture, 'blogposts.list', 'finds posts of a space by key', async () => {
      const post = await create(fixture.unique('Listed post'));
      const listed = await call<{ results: BlogPost[] }>('blogposts.list', {
        spaceId: fixture.spaceKey,
        title: post.title,
      });
      expect(listed.results.map((result) => result.id)).toEqual([post.id]);
    });

    contract(
      fixture,
      'blogposts.update',
      'writes a new version; a stale one is a 409',
      async () => {
        const post = await create(fixture.unique('Updated post'));
        const updated = await call<BlogPost>('blogposts.update', {
          id: post.id,
          version: 2,
          body: { storage: '<p>v2</p>' },
        });
        expect(updated.version.number).toBe(2);
        await expect(
          call('blogposts.update', { id: post.id, version: 2, title: 'x' }),
        ).rejects.toMatchObject({ status: 409 });
      },
    );

    contract(
      fixture,
      'blogposts.versions',
      'lists the versions, and versionDetails describes one',
      async () => {
        const post = await create(fixture.unique('Versioned post'));
        await call('blogposts.update', {
          id: post.id,
          version: { number: 2, message: 'edit' },
          title: `${post.title}!`,
        });
        const versions = await call<{ results: Array<{ number: number }> }>('blogposts.versions', {
          id: post.id,
        });
        expect(versions.results.map((version) => version.number).sort()).toEqual([1, 2]);
        const details = await call<{ number: number; message: string; prevVersion?: number }>(
          'blogposts.versionDetails',
          {
            id: post.id,
            versionNumber: 2,
          },
        );
        expect(details).toMatchObject({ number: 2, message: 'edit', prevVersion: 1 });
      },
      ['blogposts.versionDetails'],
    );

    contract(fixture, 'blogposts.likeCount', 'counts no likes on a new post', async () => {
      const post = await create(fixture.unique('Unliked post'));
      expect(await call('blogposts.likeCount', { id: post.id })).toEqual({ count: 0 });
    });

    contract(
      fixture,
      'blogposts.operations',
      'says the author may read and update the post',
      async () => {
        const post = await create(fixture.unique('Permitted post'));
        const { operations } = await call<{ operations: Array<{ operation: string }> }>(
          'blogposts.operations',
          { id: post.id },
        );
        expect(operations.map((entry) => entry.operation)).toEqual(
          expect.arrayContaining(['read', 'update']),
        );
      },
    );
  });
}
