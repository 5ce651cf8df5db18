import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DemoFixture, demoFixture } from '../restrictions/fixtures.ts';

let site: DemoFixture;
beforeEach(() => {
  site = demoFixture();
});
afterEach(() => site.close());

const storage = (value: string) => ({ representation: 'storage', value });
type Comment = { id: string; title: string; parentCommentId?: string };

async function footer(pageTitle = 'Q3 planning', text = '<p>Looks good</p>') {
  const page = site.content(pageTitle);
  const response = await site.bob.post('/wiki/api/v2/footer-comments', {
    pageId: String(page.id),
    body: storage(text),
  });
  expect(response.status).toBe(201);
  return { page, comment: response.body as Comment & { version: { number: number } } };
}

describe('createFooterComment', () => {
  it('createFooterComment: 201 with a location header, the body as written and the page id', async () => {
    const page = site.content('Q3 planning');
    const response = await site.bob.post('/wiki/api/v2/footer-comments', {
      pageId: String(page.id),
      body: storage('<p>Looks good</p>'),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(
      `/wiki/api/v2/footer-comments/${response.body.id}`,
    );
    expect(response.body).toMatchObject({
      status: 'current',
      title: 'Re: Q3 planning',
      pageId: String(page.id),
      version: { number: 1, authorId: site.accounts.bob },
      body: { storage: { representation: 'storage', value: '<p>Looks good</p>' } },
    });
    const list = await site.admin.get(`/wiki/api/v2/pages/${page.id}/footer-comments`);
    expect(list.body.results.map((comment: Comment) => comment.id)).toContain(response.body.id);
  });

  it('createFooterComment: accepts nested and atlas_doc_format bodies', async () => {
    const post = site.content('Q3 kickoff recap');
    const nested = await site.alice.post('/wiki/api/v2/footer-comments', {
      blogPostId: String(post.id),
      body: { storage: { value: '<p>Nested</p>' } },
    });
    expect(nested.status).toBe(201);
    expect(nested.body.blogPostId).toBe(String(post.id));
    const adf = JSON.stringify({
      type: 'doc',
      version: 1,
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'In ADF' }] }],
    });
    const written = await site.alice.post('/wiki/api/v2/footer-comments', {
      blogPostId: String(post.id),
      body: { representation: 'atlas_doc_format', value: adf },
    });
    expect(written.body.body.atlas_doc_format.value).toBe(adf);
    const asStorage = await site.alice.get(
      `/wiki/api/v2/footer-comments/${written.body.id}?body-format=storage`,
    );
    expect(asStorage.body.body.storage.value).toContain('In ADF');
  });

  it('createFooterComment: replies (parentCommentId) and comments on attachments', async () => {
    const { page, comment } = await footer();
    const reply = await site.alice.post('/wiki/api/v2/footer-comments', {
      parentCommentId: comment.id,
      body: storage('<p>Agreed</p>'),
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ parentCommentId: comment.id, pageId: String(page.id) });
    const attachment = site.emulator.context.content.create({
      type: 'attachment',
      status: 'current',
      spaceId: page.space_id,
      containerId: page.id,
      title: 'plan.pdf',
      body: '',
      authorId: site.accounts.admin,
    });
    const onFile = await site.alice.post('/wiki/api/v2/footer-comments', {
      attachmentId: `att${attachment.id}`,
      body: storage('<p>Which version?</p>'),
    });
    expect(onFile.status).toBe(201);
    expect(onFile.body.attachmentId).toBe(`att${attachment.id}`);
    const onFileList = await site.admin.get(
      `/wiki/api/v2/attachments/att${attachment.id}/footer-comments`,
    );
    expect(onFileList.body.results).toHaveLength(1);
  });

  it.each([
    ['no parent', { body: storage('<p>x</p>') }, 400, 'exactly one'],
    [
      'two parents',
      { pageId: 'PAGE', blogPostId: 'POST', body: storage('<p>x</p>') },
      400,
      'exactly one',
    ],
    ['a non-numeric pageId', { pageId: 'abc', body: storage('<p>x</p>') }, 400, 'body.pageId'],
    ['an unknown page', { pageId: '999999', body: storage('<p>x</p>') }, 404, 'No page'],
    [
      'a page id as blogPostId',
      { blogPostId: 'PAGE', body: storage('<p>x</p>') },
      404,
      'blog post',
    ],
    [
      'custom content',
      { customContentId: '123', body: storage('<p>x</p>') },
      404,
      'custom content',
    ],
    [
      'an unknown parent comment',
      { parentCommentId: '999999', body: storage('<p>x</p>') },
      404,
      'comment',
    ],
    ['no body', { pageId: 'PAGE' }, 400, 'body'],
    ['an empty body', { pageId: 'PAGE', body: storage('<p> </p>') }, 400, 'must not be empty'],
    [
      'a bad representation',
      { pageId: 'PAGE', body: { representation: 'html', value: '<p>x</p>' } },
      400,
      'body',
    ],
    [
      'a bad ADF value',
      { pageId: 'PAGE', body: { representation: 'atlas_doc_format', value: 'not json' } },
      400,
      'atlas_doc_format',
    ],
  ])('createFooterComment: %s is refused', async (_case, template, status, message) => {
    const page = String(site.content('Q3 planning').id);
    const post = String(site.content('Q3 kickoff recap').id);
    const body = JSON.parse(
      JSON.stringify(template).replaceAll('PAGE', page).replaceAll('POST', post),
    );
    const response = await site.admin.post('/wiki/api/v2/footer-comments', body);
    expect(response.status).toBe(status);
    expect(response.body.errors[0].title).toContain(message);
  });

  it('createFooterComment: malformed JSON, restricted and trashed pages are refused', async () => {
    const bad = await site.admin.post('/wiki/api/v2/footer-comments', '{"pageId":', {
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.status).toBe(400);
    const restricted = site.content('Salary bands 2026');
    const hidden = await site.bob.post('/wiki/api/v2/footer-comments', {
      pageId: String(restricted.id),
      body: storage('<p>x</p>'),
    });
    expect(hidden.status).toBe(404);
    // An update restriction does not stop comments.
    const allowed = await site.alice.post('/wiki/api/v2/footer-comments', {
      pageId: String(restricted.id),
      body: storage('<p>x</p>'),
    });
    expect(allowed.status).toBe(201);
    const page = site.content('Launch checklist');
    site.emulator.context.content.setStatus(page.id, 'trashed', site.accounts.admin);
    const trashed = await site.admin.post('/wiki/api/v2/footer-comments', {
      pageId: String(page.id),
      body: storage('<p>x</p>'),
    });
    expect(trashed.status).toBe(404);
    expect(trashed.body.errors[0].title).toContain('trashed');
  });

  it('createFooterComment: an inline comment cannot get a footer reply', async () => {
    const page = site.content('Q3 planning');
    const inline = await site.admin.get(`/wiki/api/v2/pages/${page.id}/inline-comments`);
    const response = await site.admin.post('/wiki/api/v2/footer-comments', {
      parentCommentId: inline.body.results[0].id,
      body: storage('<p>x</p>'),
    });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].title).toContain('inline comment');
  });
});

describe('getFooterCommentById', () => {
  it('getFooterCommentById: every body format, a historical version, include-version=false', async () => {
    const { comment } = await footer('Q3 planning', '<p>First <strong>draft</strong></p>');
    await site.bob.put(`/wiki/api/v2/footer-comments/${comment.id}`, {
      version: { number: 2 },
      body: storage('<p>Second</p>'),
    });
    const view = await site.admin.get(
      `/wiki/api/v2/footer-comments/${comment.id}?body-format=view`,
    );
    expect(view.body.body.view.value).toContain('Second');
    expect(view.body._links.base).toBe('http://localhost/wiki');
    const old = await site.admin.get(
      `/wiki/api/v2/footer-comments/${comment.id}?version=1&body-format=storage`,
    );
    expect(old.body).toMatchObject({ status: 'historical', version: { number: 1 } });
    expect(old.body.body.storage.value).toContain('<strong>draft</strong>');
    const bare = await site.admin.get(
      `/wiki/api/v2/footer-comments/${comment.id}?include-version=false`,
    );
    expect(bare.body.version).toBeUndefined();
    expect(bare.body.body).toBeUndefined();
  });

  it('getFooterCommentById: unknown ids, inline ids, bad ids and bad formats are refused', async () => {
    const page = site.content('Q3 planning');
    const inline = await site.admin.get(`/wiki/api/v2/pages/${page.id}/inline-comments`);
    expect((await site.admin.get('/wiki/api/v2/footer-comments/999999')).status).toBe(404);
    expect(
      (await site.admin.get(`/wiki/api/v2/footer-comments/${inline.body.results[0].id}`)).status,
    ).toBe(404);
    expect((await site.admin.get(`/wiki/api/v2/footer-comments/${page.id}`)).status).toBe(404);
    expect((await site.admin.get('/wiki/api/v2/footer-comments/abc')).status).toBe(400);
    const { comment } = await footer();
    expect(
      (await site.admin.get(`/wiki/api/v2/footer-comments/${comment.id}?body-format=html`)).status,
    ).toBe(400);
    expect(
      (await site.admin.get(`/wiki/api/v2/footer-comments/${comment.id}?version=7`)).status,
    ).toBe(404);
  });
});

describe('updateFooterComment', () => {
  it('updateFooterComment: the next version replaces the body', async () => {
    const { comment } = await footer();
    const response = await site.bob.put(`/wiki/api/v2/footer-comments/${comment.id}`, {
      version: { number: 2, message: 'typo' },
      body: storage('<p>Looks great</p>'),
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      version: { number: 2, message: 'typo' },
      body: { storage: { value: '<p>Looks great</p>' } },
    });
  });

  it('updateFooterComment: a stale version is a 409 with the current number', async () => {
    const { comment } = await footer();
    const response = await site.bob.put(`/wiki/api/v2/footer-comments/${comment.id}`, {
      version: { number: 1 },
      body: storage('<p>x</p>'),
    });
    expect(response.status).toBe(409);
    expect(response.body.errors[0].title).toBe(
      'Version must be incremented when updating a comment. Current Version: [1]. Provided version: [1]',
    );
  });

  it('updateFooterComment: bad bodies, other authors and unknown ids are refused', async () => {
    const { comment } = await footer();
    const path = `/wiki/api/v2/footer-comments/${comment.id}`;
    expect((await site.bob.put(path, { body: storage('<p>x</p>') })).status).toBe(400);
    expect((await site.bob.put(path, { version: { number: 2 } })).status).toBe(400);
    expect(
      (await site.bob.put(path, { version: { number: 'two' }, body: storage('<p>x</p>') })).status,
    ).toBe(400);
    const other = await site.carol.put(path, { version: { number: 2 }, body: storage('<p>x</p>') });
    expect(other.status).toBe(404);
    expect(other.body.errors[0].title).toContain('author');
    expect(
      (
        await site.bob.put('/wiki/api/v2/footer-comments/999999', {
          version: { number: 2 },
          body: storage('<p>x</p>'),
        })
      ).status,
    ).toBe(404);
  });
});

describe('deleteFooterComment', () => {
  it('deleteFooterComment: permanent, and the replies go with it', async () => {
    const { page, comment } = await footer();
    const reply = await site.alice.post('/wiki/api/v2/footer-comments', {
      parentCommentId: comment.id,
      body: storage('<p>Agreed</p>'),
    });
    expect((await site.bob.delete(`/wiki/api/v2/footer-comments/${comment.id}`)).status).toBe(204);
    expect((await site.bob.get(`/wiki/api/v2/footer-comments/${comment.id}`)).status).toBe(404);
    expect((await site.bob.get(`/wiki/api/v2/footer-comments/${reply.body.id}`)).status).toBe(404);
    const list = await site.bob.get(`/wiki/api/v2/pages/${page.id}/footer-comments`);
    expect(list.body.results.map((row: Comment) => row.id)).not.toContain(comment.id);
  });

  it('deleteFooterComment: only the author, the space owner or a site admin may delete', async () => {
    const { comment } = await footer();
    expect((await site.carol.delete(`/wiki/api/v2/footer-comments/${comment.id}`)).status).toBe(
      404,
    );
    expect((await site.admin.delete(`/wiki/api/v2/footer-comments/${comment.id}`)).status).toBe(
      204,
    );
    expect((await site.admin.delete(`/wiki/api/v2/footer-comments/${comment.id}`)).status).toBe(
      404,
    );
  });
});

describe('footer comment lists', () => {
  it('getPageFooterComments: root comments only, sorted, paged by cursor', async () => {
    const { page, comment } = await footer();
    await site.alice.post('/wiki/api/v2/footer-comments', {
      parentCommentId: comment.id,
      body: storage('<p>reply</p>'),
    });
    const all = await site.admin.get(
      `/wiki/api/v2/pages/${page.id}/footer-comments?sort=-created-date`,
    );
    expect(all.body.results.map((row: Comment) => row.parentCommentId)).toEqual([
      undefined,
      undefined,
    ]);
    expect(all.body.results[0].id).toBe(comment.id);
    const first = await site.admin.get(`/wiki/api/v2/pages/${page.id}/footer-comments?limit=1`);
    expect(first.headers.get('link')).toContain('rel="next"');
    const second = await site.admin.get(first.body._links.next);
    expect([first.body.results[0].id, second.body.results[0].id]).toEqual(
      [...all.body.results.map((row: Comment) => row.id)].reverse(),
    );
    expect(second.body._links.next).toBeUndefined();
  });

  it('getPageFooterComments: bad parameters, unknown and restricted pages are refused', async () => {
    const page = site.content('Q3 planning');
    for (const query of ['sort=title', 'status=gone', 'body-format=view', 'limit=0', 'cursor=zzz'])
      expect(
        (await site.admin.get(`/wiki/api/v2/pages/${page.id}/footer-comments?${query}`)).status,
      ).toBe(400);
    expect((await site.admin.get('/wiki/api/v2/pages/999999/footer-comments')).status).toBe(404);
    const restricted = site.content('Salary bands 2026');
    await site.carol.post('/wiki/api/v2/footer-comments', {
      pageId: String(restricted.id),
      body: storage('<p>secret</p>'),
    });
    expect((await site.bob.get(`/wiki/api/v2/pages/${restricted.id}/footer-comments`)).status).toBe(
      404,
    );
    expect(
      (await site.carol.get(`/wiki/api/v2/pages/${restricted.id}/footer-comments`)).body.results,
    ).toHaveLength(1);
  });

  it('getBlogPostFooterComments: the seeded comment, with its body', async () => {
    const post = site.content('Migrating to Node 24');
    const response = await site.admin.get(
      `/wiki/api/v2/blogposts/${post.id}/footer-comments?body-format=storage`,
    );
    expect(response.body.results).toHaveLength(1);
    expect(response.body.results[0]).toMatchObject({
      blogPostId: String(post.id),
      body: { storage: { value: expect.stringContaining('Great write-up') } },
    });
    expect(
      (await site.admin.get(`/wiki/api/v2/blogposts/${post.id}/footer-comments?status=archived`))
        .status,
    ).toBe(400);
  });

  it('getFooterComments: every footer comment the caller may see', async () => {
    const restricted = site.content('Salary bands 2026');
    const secret = await site.carol.post('/wiki/api/v2/footer-comments', {
      pageId: String(restricted.id),
      body: storage('<p>secret</p>'),
    });
    const ids = async (client: DemoFixture['admin']) =>
      (await client.get('/wiki/api/v2/footer-comments?limit=250')).body.results.map(
        (row: Comment) => row.id,
      );
    expect(await ids(site.admin)).not.toContain(secret.body.id);
    expect(await ids(site.carol)).toContain(secret.body.id);
    expect((await ids(site.admin)).length).toBe(3);
  });

  it('getFooterCommentChildren: the replies of a comment', async () => {
    const page = site.content('Q3 planning');
    const roots = await site.admin.get(`/wiki/api/v2/pages/${page.id}/footer-comments`);
    const children = await site.admin.get(
      `/wiki/api/v2/footer-comments/${roots.body.results[0].id}/children?body-format=storage`,
    );
    expect(children.body.results).toHaveLength(1);
    expect(children.body.results[0]).toMatchObject({
      parentCommentId: roots.body.results[0].id,
      body: { storage: { value: expect.stringContaining('Mid-August') } },
    });
    expect((await site.admin.get('/wiki/api/v2/footer-comments/999999/children')).status).toBe(404);
  });

  it('deletePage: purging a page purges its comments', async () => {
    const { page, comment } = await footer('Launch checklist');
    expect((await site.admin.delete(`/wiki/api/v2/pages/${page.id}`)).status).toBe(204);
    expect((await site.admin.delete(`/wiki/api/v2/pages/${page.id}?purge=true`)).status).toBe(204);
    expect(site.emulator.context.content.get(Number(comment.id))).toBeUndefined();
  });
});
