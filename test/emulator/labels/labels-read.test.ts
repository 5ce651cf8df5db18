import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectMatchesSpec } from '../contract.ts';
import { type DemoFixture, demoFixture } from '../restrictions/fixtures.ts';

let site: DemoFixture;
beforeEach(() => {
  site = demoFixture();
});
afterEach(() => site.close());

type Label = { id: string; name: string; prefix: string };
const names = (body: { results: Label[] }) => body.results.map((label) => label.name);
const labelId = (name: string, prefix = 'global') =>
  (
    site.emulator.db
      .prepare('SELECT id FROM labels WHERE name = ? AND prefix = ?')
      .get(name, prefix) as { id: number }
  ).id;

describe('getLabels', () => {
  it('getLabels: lists every label with string ids, in id order by default', async () => {
    const response = await site.admin.get('/wiki/api/v2/labels?limit=250');
    expect(response.status).toBe(200);
    const ids = response.body.results.map((label: Label) => Number(label.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(names(response.body)).toEqual(expect.arrayContaining(['q3', 'planning', 'policy']));
    expect(names(response.body)).not.toContain('urgent');
  });

  it('getLabels: hides the my labels of others', async () => {
    expect(names((await site.alice.get('/wiki/api/v2/labels?prefix=my')).body)).toEqual([
      'follow-up',
    ]);
    expect(names((await site.admin.get('/wiki/api/v2/labels?prefix=my')).body)).toEqual([]);
  });

  it('getLabels: filters on label-id (comma-separated or repeated) and prefix', async () => {
    const q3 = labelId('q3');
    const hr = labelId('hr', 'team');
    const both = await site.admin.get(`/wiki/api/v2/labels?label-id=${q3},${hr}`);
    expect(both.body.results.map((label: Label) => label.id).sort()).toEqual(
      [String(q3), String(hr)].sort(),
    );
    const repeated = await site.admin.get(
      `/wiki/api/v2/labels?label-id=${q3}&label-id=${hr}&prefix=team`,
    );
    expect(repeated.body.results).toEqual([{ id: String(hr), name: 'hr', prefix: 'team' }]);
  });

  it('getLabels: sorts by name both ways', async () => {
    const ascending = names((await site.admin.get('/wiki/api/v2/labels?sort=name&limit=250')).body);
    expect(ascending).toEqual([...ascending].sort());
    const descending = names(
      (await site.admin.get('/wiki/api/v2/labels?sort=-name&limit=250')).body,
    );
    expect(descending).toEqual([...ascending].reverse());
  });

  it('getLabels: follows cursors to the end without repeats', async () => {
    const all = names((await site.admin.get('/wiki/api/v2/labels?sort=name&limit=250')).body);
    const seen: string[] = [];
    let next: string | undefined = '/wiki/api/v2/labels?sort=name&limit=4';
    while (next) {
      const response = await site.admin.get(next);
      seen.push(...names(response.body));
      next = response.body._links.next;
      if (next) expect(response.headers.get('link')).toContain('rel="next"');
    }
    expect(seen).toEqual(all);
  });

  it.each([
    ['a bad cursor', 'cursor=not-a-cursor', 'cursor'],
    [
      'a cursor of another sort',
      `cursor=${Buffer.from(JSON.stringify(['id', 1, 1])).toString('base64url')}&sort=name`,
      'cursor',
    ],
    ['limit 0', 'limit=0', 'limit'],
    ['a non-numeric limit', 'limit=ten', 'limit'],
    ['an unknown sort', 'sort=title', 'sort'],
    ['an unknown prefix', 'prefix=secret', 'prefix'],
    ['a non-numeric label-id', 'label-id=abc', 'label-id'],
  ])('getLabels: %s is a 400', async (_case, query, parameter) => {
    const response = await site.admin.get(`/wiki/api/v2/labels?${query}`);
    expect(response.status).toBe(400);
    expect(response.body.errors[0].title).toContain(parameter);
  });

  it('getLabels: a limit over 250 is clamped to 250', async () => {
    const response = await site.admin.get('/wiki/api/v2/labels?limit=1000');
    expect(response.status).toBe(200);
    expect(response.body.results.length).toBeLessThanOrEqual(250);
  });
});

describe('content labels', () => {
  it('getPageLabels: the labels of a page, filtered by prefix', async () => {
    const page = site.content('Q3 planning');
    const all = await site.alice.get(`/wiki/api/v2/pages/${page.id}/labels`);
    expect(names(all.body).sort()).toEqual(['follow-up', 'marketing', 'planning', 'q3']);
    const global = await site.alice.get(
      `/wiki/api/v2/pages/${page.id}/labels?prefix=global&sort=-name`,
    );
    expect(names(global.body)).toEqual(['q3', 'planning', 'marketing']);
  });

  it('getPageLabels: unknown ids, other types and restricted pages are 404; bad ids 400', async () => {
    expect((await site.admin.get('/wiki/api/v2/pages/999999/labels')).status).toBe(404);
    expect(
      (await site.admin.get(`/wiki/api/v2/pages/${site.content('Q3 kickoff recap').id}/labels`))
        .status,
    ).toBe(404);
    expect(
      (await site.admin.get(`/wiki/api/v2/pages/${site.content('Salary bands 2026').id}/labels`))
        .status,
    ).toBe(404);
    expect((await site.admin.get('/wiki/api/v2/pages/x1/labels')).status).toBe(400);
    expect(
      (
        await site.admin.get(
          `/wiki/api/v2/pages/${site.content('Q3 planning').id}/labels?prefix=mine`,
        )
      ).status,
    ).toBe(400);
  });

  it('getBlogPostLabels: the labels of a blog post', async () => {
    const post = site.content('Migrating to Node 24');
    const response = await site.admin.get(`/wiki/api/v2/blogposts/${post.id}/labels`);
    expect(names(response.body).sort()).toEqual(['engineering', 'nodejs']);
    expect(
      (await site.admin.get(`/wiki/api/v2/blogposts/${site.content('Q3 planning').id}/labels`))
        .status,
    ).toBe(404);
  });

  it('getAttachmentLabels: the labels of an attachment, by numeric or att id', async () => {
    const page = site.content('Q3 planning');
    const attachment = site.emulator.context.content.create({
      type: 'attachment',
      status: 'current',
      spaceId: page.space_id,
      containerId: page.id,
      title: 'plan.txt',
      body: '',
      authorId: site.accounts.admin,
    });
    await site.admin.post(`/wiki/rest/api/content/att${attachment.id}/label`, [{ name: 'plan' }]);
    for (const id of [String(attachment.id), `att${attachment.id}`]) {
      const response = await site.admin.get(`/wiki/api/v2/attachments/${id}/labels`);
      expect(names(response.body)).toEqual(['plan']);
    }
    expect((await site.admin.get(`/wiki/api/v2/attachments/${page.id}/labels`)).status).toBe(404);
    expect((await site.admin.get('/wiki/api/v2/attachments/file.txt/labels')).status).toBe(400);
  });

  it('getPageById: include-labels embeds the labels with meta and a self link', async () => {
    const page = site.content('Q3 planning');
    const response = await site.admin.get(`/wiki/api/v2/pages/${page.id}?include-labels=true`);
    expect(response.body.labels.results.map((label: Label) => label.name).sort()).toEqual([
      'marketing',
      'planning',
      'q3',
    ]);
    expect(response.body.labels.meta).toEqual({ hasMore: false });
    expect(response.body.labels._links.self).toBe(`/wiki/api/v2/pages/${page.id}/labels`);
  });
});

describe('space labels', () => {
  it('getSpaceLabels: the labels on the space itself', async () => {
    const response = await site.admin.get(`/wiki/api/v2/spaces/${site.spaceId('MKT')}/labels`);
    expect(response.body.results).toEqual([
      { id: expect.any(String), name: 'marketing', prefix: 'team' },
    ]);
    expect((await site.admin.get('/wiki/api/v2/spaces/1/labels')).status).toBe(404);
  });

  it('getSpaceContentLabels: distinct labels on visible current content of the space', async () => {
    const restricted = site.content('Salary bands 2026');
    await site.carol.post(`/wiki/rest/api/content/${restricted.id}/label`, [
      { name: 'confidential' },
    ]);
    const admin = names(
      (await site.admin.get(`/wiki/api/v2/spaces/${site.spaceId('HR')}/content/labels?sort=name`))
        .body,
    );
    expect(admin).toEqual(['finance', 'hr', 'policy']);
    const carol = names(
      (await site.carol.get(`/wiki/api/v2/spaces/${site.spaceId('HR')}/content/labels?sort=name`))
        .body,
    );
    expect(carol).toEqual(['confidential', 'finance', 'hr', 'policy']);
  });

  it('getLabelsForSpace / addLabelsToSpace / deleteLabelFromSpace: v1 space labels by key', async () => {
    const added = await site.admin.post('/wiki/rest/api/space/ENG/label', [
      { prefix: 'global', name: 'platform' },
    ]);
    expect(added.status).toBe(200);
    expect(added.body.results.map((label: Label) => label.name).sort()).toEqual([
      'engineering',
      'platform',
    ]);
    const onlyTeam = await site.admin.get('/wiki/rest/api/space/ENG/label?prefix=team');
    expect(onlyTeam.body.results.map((label: Label) => label.name)).toEqual(['engineering']);
    expect((await site.admin.delete('/wiki/rest/api/space/ENG/label?name=platform')).status).toBe(
      204,
    );
    const after = await site.admin.get('/wiki/rest/api/space/ENG/label?limit=1');
    expect(after.body).toMatchObject({ size: 1, limit: 1, start: 0 });
    expect((await site.admin.get('/wiki/rest/api/space/NOPE/label')).status).toBe(404);
    expect((await site.admin.delete('/wiki/rest/api/space/ENG/label')).status).toBe(400);
    expect(
      (await site.admin.post('/wiki/rest/api/space/ENG/label', [{ name: 'a b' }])).status,
    ).toBe(400);
  });

  it('GET /content/{id}/label: the v1 offset list (a LabelArray)', async () => {
    const page = site.content('Q3 planning');
    const response = await site.admin.request(
      'GET',
      `/wiki/rest/api/content/${page.id}/label?limit=2`,
      { unchecked: true },
    );
    expect(response.status).toBe(200);
    const checked = await expectMatchesSpec(
      new Response(JSON.stringify(response.body), { status: 200 }),
      'addLabelsToContent',
    );
    expect(checked).toMatchObject({ size: 2, start: 0, limit: 2 });
    expect(response.body._links.next).toContain('start=2');
  });
});

describe('labelled content', () => {
  it('getLabelPages: current pages carrying the label, with bodies on request', async () => {
    const response = await site.admin.get(
      `/wiki/api/v2/labels/${labelId('q3')}/pages?sort=title&body-format=storage`,
    );
    expect(response.body.results.map((page: { title: string }) => page.title)).toEqual([
      'Q3 budget',
      'Q3 campaign brief',
      'Q3 planning',
    ]);
    expect(response.body.results[0].body.storage.value).toContain('Q3 budget');
  });

  it('getLabelPages: filters on space-id, pages through cursors and hides restricted pages', async () => {
    const policy = labelId('policy');
    const engineering = await site.admin.get(
      `/wiki/api/v2/labels/${policy}/pages?space-id=${site.spaceId('ENG')}`,
    );
    expect(engineering.body.results).toEqual([]);
    const first = await site.admin.get(`/wiki/api/v2/labels/${policy}/pages?limit=1`);
    expect(first.body.results).toHaveLength(1);
    const second = await site.admin.get(first.body._links.next);
    expect(second.body.results).toHaveLength(1);
    expect(second.body.results[0].id).not.toBe(first.body.results[0].id);
    const restricted = site.content('Salary bands 2026');
    await site.carol.post(`/wiki/rest/api/content/${restricted.id}/label`, [{ name: 'policy' }]);
    const forAdmin = await site.admin.get(`/wiki/api/v2/labels/${policy}/pages`);
    expect(forAdmin.body.results.map((page: { title: string }) => page.title)).not.toContain(
      'Salary bands 2026',
    );
    const forCarol = await site.carol.get(`/wiki/api/v2/labels/${policy}/pages`);
    expect(forCarol.body.results.map((page: { title: string }) => page.title)).toContain(
      'Salary bands 2026',
    );
  });

  it('getLabelBlogPosts: blog posts carrying the label', async () => {
    const response = await site.admin.get(
      `/wiki/api/v2/labels/${labelId('engineering')}/blogposts?sort=-id`,
    );
    expect(response.body.results.map((post: { title: string }) => post.title)).toEqual([
      'Postmortem: search outage',
      'Migrating to Node 24',
    ]);
  });

  it("getLabelPages: unknown labels, others' my labels and bad parameters are refused", async () => {
    expect((await site.admin.get('/wiki/api/v2/labels/1/pages')).status).toBe(404);
    expect(
      (await site.admin.get(`/wiki/api/v2/labels/${labelId('follow-up', 'my')}/pages`)).status,
    ).toBe(404);
    expect(
      (await site.alice.get(`/wiki/api/v2/labels/${labelId('follow-up', 'my')}/pages`)).body
        .results,
    ).toHaveLength(1);
    expect(
      (await site.admin.get(`/wiki/api/v2/labels/${labelId('q3')}/pages?body-format=view`)).status,
    ).toBe(400);
    expect(
      (await site.admin.get(`/wiki/api/v2/labels/${labelId('q3')}/pages?sort=name`)).status,
    ).toBe(400);
    expect(
      (await site.admin.get(`/wiki/api/v2/labels/${labelId('q3')}/blogposts?sort=title`)).status,
    ).toBe(400);
    const tooMany = Array.from({ length: 101 }, (_, index) => index + 1).join(',');
    expect(
      (await site.admin.get(`/wiki/api/v2/labels/${labelId('q3')}/pages?space-id=${tooMany}`))
        .status,
    ).toBe(400);
  });
});
