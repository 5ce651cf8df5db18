import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DemoFixture, demoFixture } from '../restrictions/fixtures.ts';

let site: DemoFixture;
beforeEach(() => {
  site = demoFixture();
});
afterEach(() => site.close());

const storage = (value: string) => ({ representation: 'storage', value });
type Inline = { id: string; resolutionStatus: string; parentCommentId?: string };

async function inline(textSelection = 'Refresh the website homepage', extra: object = {}) {
  const page = site.content('Q3 planning');
  const response = await site.carol.post('/wiki/api/v2/inline-comments', {
    pageId: String(page.id),
    body: storage('<p>Which pages?</p>'),
    inlineCommentProperties: { textSelection, ...extra },
  });
  return { page, response };
}

describe('createInlineComment', () => {
  it('createInlineComment: 201, open, with the highlighted text and a marker reference', async () => {
    const { page, response } = await inline('Refresh the website homepage', {
      textSelectionMatchCount: 1,
      textSelectionMatchIndex: 0,
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(
      `/wiki/api/v2/inline-comments/${response.body.id}`,
    );
    expect(response.body).toMatchObject({
      pageId: String(page.id),
      resolutionStatus: 'open',
      properties: {
        inlineOriginalSelection: 'Refresh the website homepage',
        inlineMarkerRef: expect.stringMatching(/^[0-9a-f-]{36}$/),
      },
    });
    expect(response.body.resolutionLastModifierId).toBeUndefined();
  });

  it('createInlineComment: replies need no selection and share the thread state', async () => {
    const { response } = await inline();
    const reply = await site.bob.post('/wiki/api/v2/inline-comments', {
      parentCommentId: response.body.id,
      body: storage('<p>The homepage only</p>'),
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      parentCommentId: response.body.id,
      resolutionStatus: 'open',
    });
    const children = await site.admin.get(
      `/wiki/api/v2/inline-comments/${response.body.id}/children`,
    );
    expect(children.body.results.map((row: Inline) => row.id)).toEqual([reply.body.id]);
  });

  it('createInlineComment: works on blog posts', async () => {
    const post = site.content('Q3 kickoff recap');
    const response = await site.admin.post('/wiki/api/v2/inline-comments', {
      blogPostId: String(post.id),
      body: storage('<p>Link the slides?</p>'),
      inlineCommentProperties: { textSelection: 'Q3 kickoff' },
    });
    expect(response.status).toBe(201);
    const list = await site.admin.get(`/wiki/api/v2/blogposts/${post.id}/inline-comments`);
    expect(list.body.results.map((row: Inline) => row.id)).toEqual([response.body.id]);
  });

  it.each([
    ['no inlineCommentProperties', undefined, 'inlineCommentProperties'],
    ['text that does not occur', { textSelection: 'no such words' }, 'does not occur'],
    ['an empty selection', { textSelection: '' }, 'textSelection'],
    ['a wrong match count', { textSelection: 'Q3 planning', textSelectionMatchCount: 5 }, 'occurs'],
    [
      'an index past the matches',
      { textSelection: 'Refresh the website homepage', textSelectionMatchIndex: 1 },
      'below 1',
    ],
    [
      'a negative index',
      { textSelection: 'Refresh', textSelectionMatchIndex: -1 },
      'textSelectionMatchIndex',
    ],
  ])('createInlineComment: %s is a 400', async (_case, properties, message) => {
    const page = site.content('Q3 planning');
    const response = await site.admin.post('/wiki/api/v2/inline-comments', {
      pageId: String(page.id),
      body: storage('<p>x</p>'),
      ...(properties ? { inlineCommentProperties: properties } : {}),
    });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].title).toContain(message);
  });

  it('createInlineComment: wrong parents are refused', async () => {
    const page = site.content('Q3 planning');
    const footers = await site.admin.get(`/wiki/api/v2/pages/${page.id}/footer-comments`);
    const onFooter = await site.admin.post('/wiki/api/v2/inline-comments', {
      parentCommentId: footers.body.results[0].id,
      body: storage('<p>x</p>'),
    });
    expect(onFooter.status).toBe(400);
    const onAttachment = await site.admin.post('/wiki/api/v2/inline-comments', {
      attachmentId: '1',
      body: storage('<p>x</p>'),
    });
    expect(onAttachment.status).toBe(400);
    const both = await site.admin.post('/wiki/api/v2/inline-comments', {
      pageId: String(page.id),
      parentCommentId: footers.body.results[0].id,
      body: storage('<p>x</p>'),
    });
    expect(both.status).toBe(400);
    const unknown = await site.admin.post('/wiki/api/v2/inline-comments', {
      pageId: '999999',
      body: storage('<p>x</p>'),
      inlineCommentProperties: { textSelection: 'x' },
    });
    expect(unknown.status).toBe(404);
  });
});

describe('inline comment lists', () => {
  it('getPageInlineComments: filters on resolution-status', async () => {
    const page = site.content('Q3 planning');
    const all = await site.admin.get(`/wiki/api/v2/pages/${page.id}/inline-comments`);
    expect(all.body.results.map((row: Inline) => row.resolutionStatus).sort()).toEqual([
      'open',
      'resolved',
    ]);
    const resolved = await site.admin.get(
      `/wiki/api/v2/pages/${page.id}/inline-comments?resolution-status=resolved`,
    );
    expect(resolved.body.results).toHaveLength(1);
    expect(resolved.body.results[0].properties.inlineOriginalSelection).toBe(
      'Launch the partner programme',
    );
    const both = await site.admin.get(
      `/wiki/api/v2/pages/${page.id}/inline-comments?resolution-status=open,resolved`,
    );
    expect(both.body.results).toHaveLength(2);
    expect(
      (
        await site.admin.get(
          `/wiki/api/v2/pages/${page.id}/inline-comments?resolution-status=closed`,
        )
      ).status,
    ).toBe(400);
  });

  it('getInlineComments: every inline comment, never the footer ones', async () => {
    const response = await site.admin.get('/wiki/api/v2/inline-comments');
    expect(response.body.results).toHaveLength(2);
    expect(response.body.results.every((row: Inline) => row.resolutionStatus)).toBe(true);
  });

  it('getBlogPostInlineComments: unknown or wrong-type ids are 404', async () => {
    expect((await site.admin.get('/wiki/api/v2/blogposts/999999/inline-comments')).status).toBe(
      404,
    );
    expect(
      (
        await site.admin.get(
          `/wiki/api/v2/blogposts/${site.content('Q3 planning').id}/inline-comments`,
        )
      ).status,
    ).toBe(404);
  });
});

describe('updateInlineComment', () => {
  it('updateInlineComment: resolves and reopens without a new version', async () => {
    const { response } = await inline();
    const path = `/wiki/api/v2/inline-comments/${response.body.id}`;
    const resolved = await site.bob.put(path, { version: { number: 2 }, resolved: true });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({
      resolutionStatus: 'resolved',
      resolutionLastModifierId: site.accounts.bob,
      version: { number: 1 },
    });
    expect(
      (await site.bob.put(path, { version: { number: 2 }, resolved: true })).body.resolutionStatus,
    ).toBe('resolved');
    const reopened = await site.carol.put(path, { version: { number: 2 }, resolved: false });
    expect(reopened.body).toMatchObject({
      resolutionStatus: 'reopened',
      resolutionLastModifierId: site.accounts.carol,
    });
    const single = await site.admin.get(path);
    expect(single.body.resolutionStatus).toBe('reopened');
  });

  it('updateInlineComment: a body change writes the next version', async () => {
    const { response } = await inline();
    const path = `/wiki/api/v2/inline-comments/${response.body.id}`;
    const updated = await site.carol.put(path, {
      version: { number: 2 },
      body: storage('<p>Which pages exactly?</p>'),
      resolved: true,
    });
    expect(updated.body).toMatchObject({
      version: { number: 2 },
      resolutionStatus: 'resolved',
      body: { storage: { value: '<p>Which pages exactly?</p>' } },
    });
    const stale = await site.carol.put(path, {
      version: { number: 2 },
      body: storage('<p>again</p>'),
    });
    expect(stale.status).toBe(409);
  });

  it('updateInlineComment: refuses empty updates, replies, other authors and dangling comments', async () => {
    const { page, response } = await inline();
    const path = `/wiki/api/v2/inline-comments/${response.body.id}`;
    expect((await site.carol.put(path, { version: { number: 2 } })).status).toBe(400);
    expect((await site.carol.put(path, { version: { number: 2 }, resolved: 'yes' })).status).toBe(
      400,
    );
    expect(
      (await site.bob.put(path, { version: { number: 2 }, body: storage('<p>mine now</p>') }))
        .status,
    ).toBe(404);
    const reply = await site.bob.post('/wiki/api/v2/inline-comments', {
      parentCommentId: response.body.id,
      body: storage('<p>r</p>'),
    });
    const onReply = await site.bob.put(`/wiki/api/v2/inline-comments/${reply.body.id}`, {
      version: { number: 2 },
      resolved: true,
    });
    expect(onReply.status).toBe(400);
    expect(onReply.body.errors[0].title).toContain('reply');
    // Remove the highlighted text from the page: the comment becomes dangling.
    const current = await site.admin.get(`/wiki/api/v2/pages/${page.id}?body-format=storage`);
    const body = current.body.body.storage.value.replace(
      'Refresh the website homepage',
      'Rebuild the website',
    );
    const put = await site.admin.put(`/wiki/api/v2/pages/${page.id}`, {
      id: String(page.id),
      status: 'current',
      title: current.body.title,
      body: storage(body),
      version: { number: current.body.version.number + 1 },
    });
    expect(put.status).toBe(200);
    expect((await site.admin.get(path)).body.resolutionStatus).toBe('dangling');
    const dangling = await site.carol.put(path, { version: { number: 2 }, resolved: true });
    expect(dangling.status).toBe(400);
    expect(dangling.body.errors[0].title).toContain('dangling');
  });
});

describe('getInlineCommentById and deleteInlineComment', () => {
  it('getInlineCommentById: footer ids and unknown ids are 404', async () => {
    const { response } = await inline();
    expect(
      (
        await site.admin.get(
          `/wiki/api/v2/inline-comments/${response.body.id}?body-format=atlas_doc_format`,
        )
      ).body.body.atlas_doc_format.value,
    ).toContain('Which pages?');
    const page = site.content('Q3 planning');
    const footers = await site.admin.get(`/wiki/api/v2/pages/${page.id}/footer-comments`);
    expect(
      (await site.admin.get(`/wiki/api/v2/inline-comments/${footers.body.results[0].id}`)).status,
    ).toBe(404);
    expect((await site.admin.get('/wiki/api/v2/inline-comments/1')).status).toBe(404);
  });

  it('deleteInlineComment: removes the thread', async () => {
    const { page, response } = await inline();
    await site.bob.post('/wiki/api/v2/inline-comments', {
      parentCommentId: response.body.id,
      body: storage('<p>r</p>'),
    });
    expect(
      (await site.carol.delete(`/wiki/api/v2/inline-comments/${response.body.id}`)).status,
    ).toBe(204);
    const list = await site.admin.get(`/wiki/api/v2/pages/${page.id}/inline-comments`);
    expect(list.body.results.map((row: Inline) => row.id)).not.toContain(response.body.id);
    expect(
      (await site.admin.get('/wiki/api/v2/inline-comments?limit=250')).body.results,
    ).toHaveLength(2);
  });
});
