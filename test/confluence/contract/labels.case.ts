/** Contract cases: labels on content and spaces, and the site's labels. */
import { describe, expect } from 'vitest';
import { contract, type ContractFixture } from './fixture.ts';

interface Label {
  id: string;
  name: string;
  prefix: string;
}

export function labelCases(fixture: ContractFixture): void {
  const { call } = fixture;
  const page = () =>
    call<{ id: string }>('pages.create', {
      spaceId: fixture.spaceKey,
      title: fixture.unique('Labelled'),
    });

  describe('labels', () => {
    contract(
      fixture,
      'labels.add',
      'adds labels that pages.labels then lists',
      async () => {
        const { id } = await page();
        const added = await call<Label[]>('labels.add', {
          contentId: id,
          labels: ['release-notes', { name: 'q3', prefix: 'global' }],
        });
        expect(added.map((label) => label.name).sort()).toEqual(['q3', 'release-notes']);
        const listed = await call<{ results: Label[] }>('pages.labels', { id });
        expect(listed.results.map((label) => label.name).sort()).toEqual(['q3', 'release-notes']);
        expect(listed.results.every((label) => label.prefix === 'global')).toBe(true);
      },
      ['pages.labels', 'pages.create'],
    );

    contract(
      fixture,
      'labels.remove',
      'removes one label and keeps the others',
      async () => {
        const { id } = await page();
        await call('labels.add', { contentId: id, labels: ['keep', 'drop'] });
        await call('labels.remove', { contentId: id, label: 'drop' });
        const listed = await call<{ results: Label[] }>('pages.labels', { id });
        expect(listed.results.map((label) => label.name)).toEqual(['keep']);
      },
      ['labels.add', 'pages.labels', 'pages.create'],
    );

    contract(
      fixture,
      'labels.list',
      'lists site labels with their ids, and labels.blogposts finds posts by label id',
      async () => {
        const post = await call<{ id: string }>('blogposts.create', {
          spaceId: fixture.spaceKey,
          title: fixture.unique('Announced'),
        });
        const name = `announce-${post.id}`;
        await call('labels.add', { contentId: post.id, labels: [name] });
        const all = await call<{ results: Label[] }>('labels.list', {
          prefix: 'global',
          limit: 250,
        });
        let label = all.results.find((candidate) => candidate.name === name);
        for (let cursor = (all as { nextCursor?: string }).nextCursor; !label && cursor;) {
          const next = await call<{ results: Label[]; nextCursor?: string }>('labels.list', {
            prefix: 'global',
            limit: 250,
            cursor,
          });
          label = next.results.find((candidate) => candidate.name === name);
          cursor = next.nextCursor;
        }
        expect(label, `label ${name} not listed`).toBeDefined();
        const posts = await call<{ results: Array<{ id: string }> }>('labels.blogposts', {
          labelId: label!.id,
          spaceId: fixture.spaceKey,
        });
        expect(posts.results.map((result) => result.id)).toEqual([post.id]);
      },
      ['blogposts.create', 'labels.add', 'labels.blogposts'],
    );

    contract(
      fixture,
      'blogposts.labels',
      'lists the labels of a blog post',
      async () => {
        const post = await call<{ id: string }>('blogposts.create', {
          spaceId: fixture.spaceKey,
          title: fixture.unique('Tagged post'),
        });
        await call('labels.add', { contentId: post.id, labels: 'tagged' });
        const listed = await call<{ results: Label[] }>('blogposts.labels', { id: post.id });
        expect(listed.results.map((label) => label.name)).toEqual(['tagged']);
      },
      ['blogposts.create', 'labels.add'],
    );

    contract(
      fixture,
      'spaces.contentLabels',
      "lists labels used by the space's content",
      async () => {
        const { id } = await page();
        await call('labels.add', { contentId: id, labels: ['space-wide'] });
        const listed = await call<{ results: Label[] }>('spaces.contentLabels', {
          id: fixture.spaceKey,
          limit: 250,
        });
        expect(listed.results.map((label) => label.name)).toContain('space-wide');
      },
      ['labels.add', 'pages.create'],
    );

    contract(
      fixture,
      'spaces.labels',
      'lists the labels of the space itself (none on a new space)',
      async () => {
        const listed = await call<{ results: Label[] }>('spaces.labels', { id: fixture.spaceKey });
        expect(listed.results).toEqual([]);
      },
    );
  });
}
