import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DemoFixture, demoFixture } from '../restrictions/fixtures.ts';

let site: DemoFixture;
beforeEach(() => {
  site = demoFixture();
});
afterEach(() => site.close());

const names = (body: { results: Array<{ name: string }> }) =>
  body.results.map((label) => label.name).sort();

describe('addLabelsToContent', () => {
  it('addLabelsToContent: adds an array of labels and answers every label of the content', async () => {
    const page = site.content('Q3 planning');
    const response = await site.admin.post(`/wiki/rest/api/content/${page.id}/label`, [
      { prefix: 'global', name: 'Urgent' },
      { prefix: 'team', name: 'growth' },
    ]);
    expect(response.status).toBe(200);
    expect(names(response.body)).toEqual(['growth', 'marketing', 'planning', 'q3', 'urgent']);
    const urgent = response.body.results.find((label: { name: string }) => label.name === 'urgent');
    expect(urgent).toMatchObject({
      prefix: 'global',
      label: 'urgent',
      id: expect.stringMatching(/^\d+$/),
    });
    const again = await site.admin.post(`/wiki/rest/api/content/${page.id}/label`, [
      { prefix: 'global', name: 'urgent' },
    ]);
    expect(
      again.body.results.filter((label: { name: string }) => label.name === 'urgent'),
    ).toHaveLength(1);
    expect(again.body.results.find((label: { name: string }) => label.name === 'urgent').id).toBe(
      urgent.id,
    );
  });

  it('addLabelsToContent: accepts a single object and defaults the prefix to global', async () => {
    const page = site.content('Launch checklist');
    const response = await site.admin.post(`/wiki/rest/api/content/${page.id}/label`, {
      name: 'launch',
    });
    expect(response.status).toBe(200);
    expect(response.body.results).toContainEqual(
      expect.objectContaining({ name: 'launch', prefix: 'global' }),
    );
  });

  it('addLabelsToContent: labels blog posts and attachments (att-prefixed ids)', async () => {
    const post = site.content('Q3 kickoff recap');
    expect(
      (
        await site.admin.post(`/wiki/rest/api/content/${post.id}/label`, [
          { prefix: 'global', name: 'recap' },
        ])
      ).status,
    ).toBe(200);
    const attachment = site.emulator.context.content.create({
      type: 'attachment',
      status: 'current',
      spaceId: post.space_id,
      containerId: post.id,
      title: 'notes.txt',
      body: '',
      authorId: site.accounts.admin,
    });
    const response = await site.admin.post(`/wiki/rest/api/content/att${attachment.id}/label`, [
      { prefix: 'global', name: 'notes' },
    ]);
    expect(response.status).toBe(200);
    expect(names(response.body)).toEqual(['notes']);
  });

  it('addLabelsToContent: a my label is seen by its owner only', async () => {
    const page = site.content('Brand guidelines');
    await site.alice.post(`/wiki/rest/api/content/${page.id}/label`, [
      { prefix: 'my', name: 'todo' },
    ]);
    const mine = await site.alice.get(`/wiki/api/v2/pages/${page.id}/labels`);
    expect(names(mine.body)).toContain('todo');
    const theirs = await site.bob.get(`/wiki/api/v2/pages/${page.id}/labels`);
    expect(names(theirs.body)).not.toContain('todo');
  });

  it.each([
    ['a space', [{ prefix: 'global', name: 'two words' }], 'body[0].name'],
    ['a colon', [{ prefix: 'global', name: 'a:b' }], 'body[0].name'],
    ['an ampersand', [{ prefix: 'global', name: 'r&d' }], 'body[0].name'],
    ['an empty name', [{ prefix: 'global', name: '  ' }], 'body[0].name'],
    ['a name too long', [{ prefix: 'global', name: 'x'.repeat(256) }], 'body[0].name'],
    ['an unknown prefix', [{ prefix: 'secret', name: 'x' }], 'body[0].prefix'],
    ['the system prefix', [{ prefix: 'system', name: 'x' }], 'body[0].prefix'],
    ['no name', [{ prefix: 'global' }], 'body'],
    ['an empty array', [], 'body'],
    ['a string', 'urgent', 'body'],
  ])('addLabelsToContent: refuses %s with a 400', async (_case, body, field) => {
    const page = site.content('Q3 planning');
    const response = await site.admin.post(`/wiki/rest/api/content/${page.id}/label`, body);
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(new RegExp(field.replace(/[[\].]/g, '\\$&')));
  });

  it('addLabelsToContent: refuses more than 100 labels in one request', async () => {
    const page = site.content('Q3 planning');
    const body = Array.from({ length: 101 }, (_, index) => ({
      prefix: 'global',
      name: `l${index}`,
    }));
    const response = await site.admin.post(`/wiki/rest/api/content/${page.id}/label`, body);
    expect(response.status).toBe(400);
    expect(response.body.message).toContain('at most 100');
  });

  it('addLabelsToContent: refuses malformed JSON', async () => {
    const page = site.content('Q3 planning');
    const response = await site.admin.post(`/wiki/rest/api/content/${page.id}/label`, '[{"name":', {
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(400);
    expect(response.body.message).toContain('not valid JSON');
  });

  it('addLabelsToContent: unknown, malformed and invisible ids are 404/400, an update restriction is 403', async () => {
    expect(
      (
        await site.admin.post('/wiki/rest/api/content/999999/label', [
          { prefix: 'global', name: 'x' },
        ])
      ).status,
    ).toBe(404);
    expect(
      (await site.admin.post('/wiki/rest/api/content/abc/label', [{ prefix: 'global', name: 'x' }]))
        .status,
    ).toBe(400);
    const restricted = site.content('Salary bands 2026');
    expect(
      (
        await site.bob.post(`/wiki/rest/api/content/${restricted.id}/label`, [
          { prefix: 'global', name: 'x' },
        ])
      ).status,
    ).toBe(404);
    const forbidden = await site.alice.post(`/wiki/rest/api/content/${restricted.id}/label`, [
      { prefix: 'global', name: 'x' },
    ]);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.message).toContain('can view but not edit');
    expect(
      (
        await site.carol.post(`/wiki/rest/api/content/${restricted.id}/label`, [
          { prefix: 'global', name: 'x' },
        ])
      ).status,
    ).toBe(200);
  });

  it('addLabelsToContent: no credentials is a 401', async () => {
    const page = site.content('Q3 planning');
    const response = await site.admin.post(
      `/wiki/rest/api/content/${page.id}/label`,
      [{ name: 'x' }],
      { auth: null },
    );
    expect(response.status).toBe(401);
  });
});

describe('removeLabelFromContent', () => {
  it('removeLabelFromContent: removes a label by path', async () => {
    const page = site.content('Q3 budget');
    const response = await site.admin.delete(`/wiki/rest/api/content/${page.id}/label/finance`);
    expect(response.status).toBe(204);
    const labels = await site.admin.get(`/wiki/api/v2/pages/${page.id}/labels`);
    expect(names(labels.body)).toEqual(['q3']);
  });

  it('removeLabelFromContentUsingQueryParameter: removes by name, including names with a slash and prefix:name', async () => {
    const page = site.content('Q3 budget');
    await site.admin.post(`/wiki/rest/api/content/${page.id}/label`, [
      { prefix: 'global', name: 'fy/26' },
      { prefix: 'team', name: 'finance' },
    ]);
    expect(
      (await site.admin.delete(`/wiki/rest/api/content/${page.id}/label?name=fy/26`)).status,
    ).toBe(204);
    expect(
      (await site.admin.delete(`/wiki/rest/api/content/${page.id}/label?name=team:finance`)).status,
    ).toBe(204);
    const labels = await site.admin.get(`/wiki/api/v2/pages/${page.id}/labels`);
    expect(
      labels.body.results
        .map((label: { prefix: string; name: string }) => `${label.prefix}:${label.name}`)
        .sort(),
    ).toEqual(['global:finance', 'global:q3']);
  });

  it('removeLabelFromContent: a percent-encoded name is decoded once', async () => {
    const page = site.content('Q3 budget');
    await site.admin.post(`/wiki/rest/api/content/${page.id}/label`, [{ name: '100%' }]);
    expect((await site.admin.delete(`/wiki/rest/api/content/${page.id}/label/100%25`)).status).toBe(
      204,
    );
    const labels = await site.admin.get(`/wiki/api/v2/pages/${page.id}/labels`);
    expect(names(labels.body)).toEqual(['finance', 'q3']);
  });

  it('removeLabelFromContent: removing a label the content does not carry is a no-op 204', async () => {
    const page = site.content('Q3 budget');
    expect(
      (await site.admin.delete(`/wiki/rest/api/content/${page.id}/label/nothing-here`)).status,
    ).toBe(204);
  });

  it('removeLabelFromContentUsingQueryParameter: a missing or invalid name is a 400', async () => {
    const page = site.content('Q3 budget');
    expect((await site.admin.delete(`/wiki/rest/api/content/${page.id}/label`)).status).toBe(400);
    expect(
      (await site.admin.delete(`/wiki/rest/api/content/${page.id}/label?name=a%20b`)).status,
    ).toBe(400);
    expect(
      (await site.admin.delete(`/wiki/rest/api/content/${page.id}/label?name=bogus:x`)).status,
    ).toBe(400);
  });

  it('removeLabelFromContent: archived content keeps its labels (400), restricted content is 404/403', async () => {
    const page = site.content('Q3 budget');
    site.emulator.context.content.setStatus(page.id, 'archived', site.accounts.admin);
    const archived = await site.admin.delete(`/wiki/rest/api/content/${page.id}/label/q3`);
    expect(archived.status).toBe(400);
    expect(archived.body.message).toContain('archived');
    const restricted = site.content('Salary bands 2026');
    await site.carol.post(`/wiki/rest/api/content/${restricted.id}/label`, [
      { name: 'confidential' },
    ]);
    expect(
      (await site.bob.delete(`/wiki/rest/api/content/${restricted.id}/label/confidential`)).status,
    ).toBe(404);
    expect(
      (await site.alice.delete(`/wiki/rest/api/content/${restricted.id}/label/confidential`))
        .status,
    ).toBe(403);
    expect((await site.admin.delete('/wiki/rest/api/content/999999/label/x')).status).toBe(404);
  });
});
