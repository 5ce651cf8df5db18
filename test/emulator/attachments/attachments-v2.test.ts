import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DemoFixture, demoFixture } from '../restrictions/fixtures.ts';
import { upload } from './helpers.ts';

let site: DemoFixture;
beforeEach(() => {
  site = demoFixture();
});
afterEach(() => site.close());

type Attachment = { id: string; title: string; status: string; mediaType: string };
const titles = (body: { results: Attachment[] }) => body.results.map((row) => row.title);

describe('getAttachments', () => {
  it('getAttachments: every visible attachment, created-date order by default', async () => {
    const response = await site.admin.get('/wiki/api/v2/attachments');
    expect(titles(response.body)).toEqual(['logo.png', 'q3-goals.txt']);
    const restricted = site.content('Salary bands 2026');
    await upload(site.carol, restricted.id, [{ name: 'bands.csv', content: 'L1,A' }]);
    expect(titles((await site.admin.get('/wiki/api/v2/attachments')).body)).not.toContain(
      'bands.csv',
    );
    expect(titles((await site.carol.get('/wiki/api/v2/attachments')).body)).toContain('bands.csv');
  });

  it('getAttachments: filters on mediaType, filename and status; sorts both ways', async () => {
    expect(
      titles((await site.admin.get('/wiki/api/v2/attachments?mediaType=image/png')).body),
    ).toEqual(['logo.png']);
    expect(
      titles((await site.admin.get('/wiki/api/v2/attachments?filename=q3-goals.txt')).body),
    ).toEqual(['q3-goals.txt']);
    expect(
      titles((await site.admin.get('/wiki/api/v2/attachments?sort=-created-date')).body),
    ).toEqual(['q3-goals.txt', 'logo.png']);
    expect(
      titles((await site.admin.get('/wiki/api/v2/attachments?sort=-modified-date')).body),
    ).toEqual(['q3-goals.txt', 'logo.png']);
    const logo = (await site.admin.get('/wiki/api/v2/attachments?filename=logo.png')).body
      .results[0];
    await site.admin.delete(`/wiki/api/v2/attachments/${logo.id}`);
    expect(titles((await site.admin.get('/wiki/api/v2/attachments')).body)).toEqual([
      'q3-goals.txt',
    ]);
    expect(titles((await site.admin.get('/wiki/api/v2/attachments?status=trashed')).body)).toEqual([
      'logo.png',
    ]);
  });

  it('getAttachments: default limit 50, cursors, clamping and bad parameters', async () => {
    const page = site.content('Launch checklist');
    const files = Array.from({ length: 55 }, (_, index) => ({
      name: `f${String(index).padStart(2, '0')}.txt`,
      content: 'x',
    }));
    expect((await upload(site.admin, page.id, files)).status).toBe(200);
    const first = await site.admin.get(`/wiki/api/v2/pages/${page.id}/attachments`);
    expect(first.body.results).toHaveLength(50);
    expect(first.body._links.next).toContain('limit=50');
    const second = await site.admin.get(first.body._links.next);
    expect(second.body.results).toHaveLength(5);
    expect(second.body._links.next).toBeUndefined();
    expect((await site.admin.get('/wiki/api/v2/attachments?limit=9999')).status).toBe(200);
    for (const query of ['sort=title', 'status=current,gone', 'limit=-1', 'cursor=%%%'])
      expect((await site.admin.get(`/wiki/api/v2/attachments?${query}`)).status).toBe(400);
  });

  it('getPageAttachments / getBlogpostAttachments: per container; unknown or wrong-type ids are 404', async () => {
    const post = site.content('Q3 kickoff recap');
    await upload(site.alice, post.id, [{ name: 'recap.md', content: '# Recap' }]);
    const response = await site.admin.get(`/wiki/api/v2/blogposts/${post.id}/attachments`);
    expect(response.body.results).toEqual([
      expect.objectContaining({
        title: 'recap.md',
        blogPostId: String(post.id),
        mediaType: 'text/markdown',
      }),
    ]);
    expect((await site.admin.get(`/wiki/api/v2/pages/${post.id}/attachments`)).status).toBe(404);
    expect((await site.admin.get('/wiki/api/v2/blogposts/999999/attachments')).status).toBe(404);
    expect(
      (await site.bob.get(`/wiki/api/v2/pages/${site.content('Salary bands 2026').id}/attachments`))
        .status,
    ).toBe(404);
  });
});

describe('getAttachmentById', () => {
  it('getAttachmentById: by att id or number, with includes', async () => {
    const logo = (await site.admin.get('/wiki/api/v2/attachments?filename=logo.png')).body
      .results[0];
    const numeric = logo.id.slice(3);
    const response = await site.admin.get(
      `/wiki/api/v2/attachments/${numeric}?include-labels=true&include-version=false`,
    );
    expect(response.body).toMatchObject({
      id: logo.id,
      title: 'logo.png',
      _links: { base: 'http://localhost/wiki' },
    });
    expect(response.body.version).toBeUndefined();
    expect(
      response.body.labels.results.map((label: { name: string }) => label.name).sort(),
    ).toEqual(['brand', 'logo']);
  });

  it('getAttachmentById: unknown ids, other types, bad ids and missing versions', async () => {
    expect((await site.admin.get('/wiki/api/v2/attachments/att999999')).status).toBe(404);
    expect(
      (await site.admin.get(`/wiki/api/v2/attachments/${site.content('Q3 planning').id}`)).status,
    ).toBe(404);
    expect((await site.admin.get('/wiki/api/v2/attachments/logo.png')).status).toBe(400);
    const logo = (await site.admin.get('/wiki/api/v2/attachments?filename=logo.png')).body
      .results[0];
    expect((await site.admin.get(`/wiki/api/v2/attachments/${logo.id}?version=4`)).status).toBe(
      404,
    );
    expect((await site.admin.get(`/wiki/api/v2/attachments/${logo.id}?version=0`)).status).toBe(
      400,
    );
  });
});

describe('deleteAttachment', () => {
  it('deleteAttachment: trash, then purge; purged bytes are gone', async () => {
    const goals = (await site.admin.get('/wiki/api/v2/attachments?filename=q3-goals.txt')).body
      .results[0];
    const path = `/wiki/api/v2/attachments/${goals.id}`;
    expect((await site.admin.delete(`${path}?purge=true`)).status).toBe(400);
    expect((await site.admin.delete(path)).status).toBe(204);
    expect((await site.admin.get(path)).body.status).toBe('trashed');
    expect((await site.admin.delete(path)).status).toBe(400);
    expect((await site.admin.delete(`${path}?purge=true`)).status).toBe(204);
    expect((await site.admin.get(path)).status).toBe(404);
    const files = site.emulator.db
      .prepare('SELECT COUNT(*) AS n FROM attachment_files WHERE content_id = ?')
      .get(Number(goals.id.slice(3))) as { n: number };
    expect(files.n).toBe(0);
  });

  it('deleteAttachment: restricted containers are 404 or 403, bad ids 400/404', async () => {
    const restricted = site.content('Salary bands 2026');
    const secret = (
      await upload(site.carol, restricted.id, [{ name: 'bands.csv', content: 'L1,A' }])
    ).body.results[0];
    expect((await site.bob.delete(`/wiki/api/v2/attachments/${secret.id}`)).status).toBe(404);
    expect((await site.alice.delete(`/wiki/api/v2/attachments/${secret.id}`)).status).toBe(403);
    expect((await site.admin.delete('/wiki/api/v2/attachments/att999999')).status).toBe(404);
    expect((await site.admin.delete('/wiki/api/v2/attachments/x')).status).toBe(400);
    expect(
      (await site.admin.delete(`/wiki/api/v2/attachments/${secret.id}?purge=maybe`)).status,
    ).toBe(400);
  });

  it('deletePage: purging a page purges its attachments and their bytes', async () => {
    const page = site.content('Launch checklist');
    await upload(site.admin, page.id, [{ name: 'list.txt', content: 'x' }]);
    await site.admin.delete(`/wiki/api/v2/pages/${page.id}`);
    await site.admin.delete(`/wiki/api/v2/pages/${page.id}?purge=true`);
    const left = site.emulator.db
      .prepare(`SELECT COUNT(*) AS n FROM content WHERE type = 'attachment' AND container_id = ?`)
      .get(page.id) as { n: number };
    expect(left.n).toBe(0);
  });
});
