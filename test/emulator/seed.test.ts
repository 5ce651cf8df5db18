import { afterEach, describe, expect, it } from 'vitest';
import { createEmulator } from '../../src/emulator/index.ts';
import { generateSite } from '../../src/emulator/seed/generate.ts';
import { type DemoSiteFixture, type Json, demoSite } from './fixtures.ts';

let site: DemoSiteFixture;
afterEach(() => site.close());

describe('demo seed', () => {
  it('seed demo: spaces MKT, ENG, HR; MKT holds "Q3 planning" with a task list, a table and links', async () => {
    site = demoSite();
    const spaces = await site.client.get('/wiki/api/v2/spaces?description-format=plain');
    expect(
      spaces.body.results.map((space: { key: string; name: string }) => [space.key, space.name]),
    ).toEqual([
      ['MKT', 'Marketing'],
      ['ENG', 'Engineering'],
      ['HR', 'HR'],
    ]);
    const q3 = await site.pageByTitle('Q3 planning');
    expect(q3.spaceId).toBe(spaces.body.results[0].id);
    const body = (await site.client.get(`/wiki/api/v2/pages/${q3.id}?body-format=storage`)).body
      .body.storage.value;
    for (const fragment of ['<ac:task-list>', '<table', '<ri:page', '<a href=', '<h2>', '<ol>'])
      expect(body).toContain(fragment);
    const posts = await site.client.get('/wiki/api/v2/blogposts');
    expect(posts.body.results.length).toBeGreaterThanOrEqual(4);
  });

  it('seed demo: deterministic ids, titles and dates whatever the clock', async () => {
    site = demoSite();
    const first = (await site.client.get('/wiki/api/v2/pages?limit=250')).body.results;
    const other = createEmulator({ now: () => 0 });
    try {
      const response = await other.app.request('/wiki/api/v2/pages?limit=250', {
        headers: { authorization: 'Bearer demo-token' },
      });
      const second = ((await response.json()) as Json).results;
      expect(
        second.map((page: { id: string; title: string; createdAt: string }) => [
          page.id,
          page.title,
          page.createdAt,
        ]),
      ).toEqual(
        first.map((page: { id: string; title: string; createdAt: string }) => [
          page.id,
          page.title,
          page.createdAt,
        ]),
      );
    } finally {
      other.close();
    }
  });

  it('seed demo: demo users sign in; only demo@example.com is a site admin', async () => {
    site = demoSite();
    expect((await site.alice.get('/wiki/rest/api/audit')).status).toBe(403);
    expect((await site.client.get('/wiki/rest/api/audit')).status).toBe(200);
  });

  it('seed none: only the admin, no spaces', async () => {
    site = demoSite({ seed: 'none' });
    expect((await site.client.get('/wiki/api/v2/spaces')).body.results).toEqual([]);
    expect((await site.client.get('/wiki/rest/api/user/current')).body.email).toBe(
      'demo@example.com',
    );
  });

  it('generateSite: N pages in trees over N spaces, listed and indexed', async () => {
    site = demoSite({ seed: 'none' });
    const generated = generateSite(site.emulator.context, { pages: 120, spaces: 3, fanOut: 4 });
    expect(generated.pageIds).toHaveLength(120);
    expect(generated.spaceIds).toHaveLength(3);
    const space = await site.client.get(
      `/wiki/api/v2/spaces/${generated.spaceIds[0]}/pages?limit=250`,
    );
    expect(space.body.results).toHaveLength(41);
    const leaf = generated.pageIds[119]!;
    const ancestors = await site.client.get(`/wiki/api/v2/pages/${leaf}/ancestors`);
    expect(ancestors.body.results.length).toBeGreaterThan(2);
    const indexed = site.emulator.db
      .prepare("SELECT COUNT(*) AS count FROM content_fts WHERE content_fts MATCH 'notes'")
      .get() as { count: number };
    expect(indexed.count).toBe(120);
    expect(generateSite(site.emulator.context, { pages: 1, spaces: 1 }).spaceIds).toHaveLength(1);
  });
});
