/** Contract cases: attachments (upload, list, download, labels) and comments. */
import { describe, expect } from 'vitest';
import { contract, type ContractFixture } from './fixture.ts';

interface Attachment {
  id: string;
  title: string;
  mediaType: string;
  fileSize: number;
}

export function attachmentCases(fixture: ContractFixture): void {
  const { call } = fixture;
  const page = () =>
    call<{ id: string }>('pages.create', {
      spaceId: fixture.spaceKey,
      title: fixture.unique('With files'),
    });

  describe('attachments and comments', () => {
    contract(
      fixture,
      'attachments.upload',
      'attaches text that download returns byte for byte',
      async () => {
        const { id } = await page();
        const csv = 'name,score\nada,3\n';
        const file = await call<Attachment>('attachments.upload', {
          contentId: id,
          filename: 'scores.csv',
          text: csv,
        });
        expect(file).toMatchObject({ title: 'scores.csv', fileSize: csv.length });
        const downloaded = await call<{ encoding: string; data: string; sizeBytes: number }>(
          'attachments.download',
          {
            contentId: id,
            attachmentId: file.id,
          },
        );
        expect(downloaded).toMatchObject({ encoding: 'text', data: csv, sizeBytes: csv.length });
      },
      ['attachments.download', 'pages.create'],
    );

    contract(
      fixture,
      'attachments.download',
      'returns binary content as base64',
      async () => {
        const { id } = await page();
        const bytes = Buffer.from([0, 1, 2, 250, 251, 252]).toString('base64');
        const file = await call<Attachment>('attachments.upload', {
          contentId: id,
          filename: 'blob.bin',
          base64: bytes,
        });
        const downloaded = await call<{ encoding: string; data: string }>('attachments.download', {
          contentId: id,
          attachmentId: file.id,
        });
        expect(downloaded).toMatchObject({ encoding: 'base64', data: bytes });
      },
      ['attachments.upload', 'pages.create'],
    );

    contract(
      fixture,
      'pages.attachments',
      'lists the files of a page; attachments.list finds them by name',
      async () => {
        const { id } = await page();
        const filename = `${fixture.unique('report').replace(/\W+/g, '-')}.txt`;
        const file = await call<Attachment>('attachments.upload', {
          contentId: id,
          filename,
          text: 'report',
        });
        const onPage = await call<{ results: Attachment[] }>('pages.attachments', { id });
        expect(onPage.results.map((result) => result.id)).toEqual([file.id]);
        const byName = await call<{ results: Attachment[] }>('attachments.list', { filename });
        expect(byName.results.map((result) => result.id)).toEqual([file.id]);
      },
      ['attachments.upload', 'attachments.list', 'pages.create'],
    );

    contract(
      fixture,
      'attachments.labels',
      'lists the labels of an attachment',
      async () => {
        const { id } = await page();
        const file = await call<Attachment>('attachments.upload', {
          contentId: id,
          filename: 'labelled.txt',
          text: 'x',
        });
        await call('labels.add', { contentId: file.id, labels: ['evidence'] });
        const listed = await call<{ results: Array<{ name: string }> }>('attachments.labels', {
          id: file.id,
        });
        expect(listed.results.map((label) => label.name)).toEqual(['evidence']);
      },
      ['attachments.upload', 'labels.add', 'pages.create'],
    );

    contract(
      fixture,
      'comments.create',
      'adds a footer comment and a reply that pages.footerComments lists',
      async () => {
        const { id } = await page();
        const comment = await call<{ id: string; pageId?: string }>('comments.create', {
          pageId: id,
          body: { markdown: 'Looks **good**' },
        });
        expect(comment.pageId).toBe(id);
        await call('comments.create', {
          parentCommentId: comment.id,
          body: { storage: '<p>Thanks</p>' },
        });
        const listed = await call<{
          results: Array<{ id: string; body?: { storage?: { value: string } } }>;
        }>('pages.footerComments', {
          id,
          bodyFormat: 'storage',
        });
        expect(listed.results.map((result) => result.id)).toContain(comment.id);
        expect(
          listed.results.find((result) => result.id === comment.id)?.body?.storage?.value,
        ).toContain('<strong>good</strong>');
        const replies = await call<{
          results: Array<{ body?: { markdown?: { value: string } } }>;
        }>('comments.replies', { id: comment.id, bodyFormat: 'markdown' });
        expect(replies.results.map((reply) => reply.body?.markdown?.value)).toEqual(['Thanks']);
      },
      ['pages.footerComments', 'comments.replies', 'pages.create'],
    );

    contract(
      fixture,
      'pages.inlineComments',
      'lists no inline comments on a new page',
      async () => {
        const { id } = await page();
        expect(await call('pages.inlineComments', { id, resolutionStatus: 'open' })).toEqual({
          results: [],
        });
      },
      ['pages.create'],
    );

    contract(
      fixture,
      'blogposts.inlineComments',
      'lists no inline comments on a new blog post',
      async () => {
        const post = await call<{ id: string }>('blogposts.create', {
          spaceId: fixture.spaceKey,
          title: fixture.unique('Quiet post'),
        });
        expect(await call('blogposts.inlineComments', { id: post.id })).toEqual({ results: [] });
      },
      ['blogposts.create'],
    );
  });
}
