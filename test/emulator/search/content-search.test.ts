import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALICE, BOB, CAROL, type SearchSite, searchSite, titles } from './search-site.ts';

let site: SearchSite;
beforeAll(() => {
  site = searchSite();
});
afterAll(() => site.close());

const RUNBOOK = 'title = "Deploy runbook"';

describe('searchContentByCQL: Content objects and expansions', () => {
  it('searchContentByCQL: without expand, content lists what could be expanded', async () => {
    const body = await site.contentSearch(RUNBOOK);
    expect(body).toMatchObject({ start: 0, limit: 25, size: 1 });
    const [content] = body.results;
    const id = String(site.ids['Deploy runbook']);
    expect(content).toMatchObject({ id, type: 'page', status: 'current', title: 'Deploy runbook' });
    expect(content._expandable).toMatchObject({
      space: '/rest/api/space/DOCS',
      history: `/rest/api/content/${id}/history`,
      body: '',
      version: '',
    });
    expect(content._links).toEqual({
      webui: `/spaces/DOCS/pages/${id}/Deploy+runbook`,
      self: `http://localhost/wiki/rest/api/content/${id}`,
      tinyui: expect.stringMatching(/^\/x\//),
    });
    expect(content.body).toBeUndefined();
  });

  it('searchContentByCQL: body.storage, version, space and ancestors', async () => {
    const [content] = (
      await site.contentSearch(RUNBOOK, { expand: 'body.storage,version,space,ancestors' })
    ).results;
    expect(content.body.storage).toMatchObject({
      representation: 'storage',
      value: expect.stringContaining('Page the on-call.'),
    });
    expect(content.body._expandable).toHaveProperty('view');
    expect(content.version).toMatchObject({
      number: 2,
      minorEdit: false,
      when: '2026-01-25T09:00:00.000Z',
      by: { accountId: CAROL },
    });
    expect(content.space).toMatchObject({ key: 'DOCS', name: 'Documentation', status: 'current' });
    expect(content.ancestors.map((ancestor: { title: string }) => ancestor.title)).toEqual([
      'Documentation Home',
    ]);
    expect(content._expandable).not.toHaveProperty('version');
    expect(content._expandable).not.toHaveProperty('space');
  });

  it('searchContentByCQL: ancestors run from the root down', async () => {
    const [content] = (
      await site.contentSearch('title = "Release 1.0 hotfix"', { expand: 'ancestors' })
    ).results;
    expect(content.ancestors.map((ancestor: { title: string }) => ancestor.title)).toEqual([
      'Documentation Home',
      'Release notes',
      'Release 1.0',
    ]);
  });

  it('searchContentByCQL: history with lastUpdated, previousVersion and contributors', async () => {
    const [content] = (
      await site.contentSearch(RUNBOOK, {
        expand: 'history.lastUpdated,history.previousVersion,history.contributors',
      })
    ).results;
    expect(content.history).toMatchObject({
      latest: true,
      createdBy: { accountId: BOB },
      createdDate: '2026-01-13T09:00:00.000Z',
      lastUpdated: { number: 2, by: { accountId: CAROL } },
      previousVersion: { number: 1, by: { accountId: BOB } },
      contributors: { publishers: { userAccountIds: [BOB, CAROL] } },
    });
  });

  it('searchContentByCQL: body.view renders, metadata.labels lists labels, container names the space', async () => {
    const [content] = (
      await site.contentSearch(RUNBOOK, { expand: 'body.view,metadata.labels,container' })
    ).results;
    expect(content.body.view.value).toContain('<p>How to deploy');
    expect(content.metadata.labels.results.map((label: { name: string }) => label.name)).toEqual([
      'ops',
      'q3',
    ]);
    expect(content.container).toMatchObject({ key: 'DOCS' });
    const [asAlice] = (
      await site.alice.get(
        `/wiki/rest/api/content/search?cql=${encodeURIComponent(RUNBOOK)}&expand=metadata.labels`,
      )
    ).body.results;
    expect(asAlice.metadata.labels.results.map((label: { name: string }) => label.name)).toEqual([
      'ops',
      'q3',
      'favourite',
    ]);
  });

  it("searchContentByCQL: a comment's container is the page it is on", async () => {
    const [comment] = (await site.contentSearch('type = comment', { expand: 'container' })).results;
    expect(comment.container).toMatchObject({
      id: String(site.ids['Release notes']),
      type: 'page',
    });
  });

  it('searchContentByCQL: returns content only, even when the query asks for spaces', async () => {
    const body = await site.contentSearch('type IN (space, blogpost)');
    expect(titles(body)).toEqual(['Launch recap']);
  });
});

describe('searchByCQL: expansions inside search results', () => {
  it("searchByCQL: content.* expansions apply to the result's content", async () => {
    const [result] = (await site.search(RUNBOOK, { expand: 'content.space,content.history' }))
      .results;
    expect(result.content.space.key).toBe('DOCS');
    expect(result.content.history.createdBy.accountId).toBe(BOB);
  });

  it('searchByCQL: type = space returns space results, alone or mixed with content', async () => {
    const spaces = await site.search('type = space ORDER BY title');
    expect(titles(spaces)).toEqual(['Documentation', 'Operations']);
    expect(spaces.results[0]).toMatchObject({
      entityType: 'space',
      url: '/spaces/DOCS',
      excerpt: 'Guides, runbooks and release notes.',
      space: { key: 'DOCS', name: 'Documentation' },
    });
    expect(
      titles(
        await site.search(
          'type IN (space, blogpost) AND text ~ "operations OR launched" ORDER BY title',
        ),
      ),
    ).toEqual(['Launch recap', 'Operations']);
    expect(titles(await site.search('type = space AND label = "team:docs"'))).toEqual([
      'Documentation',
    ]);
    expect(titles(await site.search('type = space', {}, site.alice)).sort()).toEqual([
      'Documentation',
      'Operations',
      'Private notes',
    ]);
    expect(titles(await site.search(`type = space AND creator = "${ALICE}"`))).toEqual([]);
  });
});
