import { afterEach, describe, expect, it } from 'vitest';
import { basicAuth, contractClient } from '../contract.ts';
import { type DemoSiteFixture, demoSite } from '../fixtures.ts';
import { ADMIN, type SearchSite, searchSite, titles } from './search-site.ts';

let site: SearchSite | undefined;
let demo: DemoSiteFixture | undefined;
afterEach(() => {
  site?.close();
  demo?.close();
  site = demo = undefined;
});

const deploy = 'text ~ deploy ORDER BY title';

describe('searchByCQL: what a search can see', () => {
  it('searchByCQL: trashed content and drafts are left out unless cqlcontext asks for them', async () => {
    site = searchSite();
    expect(titles(await site.search(deploy))).not.toContain('Old plan');
    const trashed = await site.search(deploy, { cqlcontext: '{"contentStatuses":["trashed"]}' });
    expect(titles(trashed)).toEqual(['Old plan']);
    expect(trashed.results[0].content.status).toBe('trashed');
    const both = await site.search(deploy, {
      cqlcontext: '{"contentStatuses":["current","trashed","draft"]}',
    });
    expect(titles(both)).toEqual(
      expect.arrayContaining(['Old plan', 'Draft ideas', 'Deploy runbook']),
    );
  });

  it('searchByCQL: trashing a page through the store hides it and its comments at once', async () => {
    site = searchSite();
    const notes = site.ids['Release notes']!;
    expect(titles(await site.search('type = comment'))).toEqual(['Re: Release notes']);
    site.emulator.context.content.setStatus(notes, 'trashed', ADMIN);
    expect(titles(await site.search('type = comment'))).toEqual([]);
    expect(titles(await site.search('title = "Release notes"'))).toEqual([]);
  });

  it('searchByCQL: content of archived spaces only with includeArchivedSpaces / excludeCurrentSpaces', async () => {
    site = searchSite();
    expect(titles(await site.search(deploy))).not.toContain('Archived deploy notes');
    const archived = await site.search(deploy, { includeArchivedSpaces: 'true' });
    expect(titles(archived)).toContain('Archived deploy notes');
    expect(titles(archived)).toContain('Deploy runbook');
    const only = await site.search(deploy, { excludeCurrentSpaces: 'true' });
    expect(titles(only)).toEqual(['Archived deploy notes']);
  });

  it('searchByCQL: a private space is searchable by its creator only', async () => {
    site = searchSite();
    expect(titles(await site.search(deploy))).not.toContain('Alice private deploy');
    expect(titles(await site.search(deploy, {}, site.alice))).toContain('Alice private deploy');
  });

  it('searchByCQL: a read restriction hides the page from everyone it does not name', async () => {
    site = searchSite();
    const query = 'title = "Restricted deploy keys"';
    expect((await site.search(query)).totalSize).toBe(0);
    expect(titles(await site.search(query, {}, site.alice))).toEqual(['Restricted deploy keys']);
    expect((await site.contentSearch(query)).size).toBe(0);
  });

  it("searchByCQL: the demo site's restricted HR page is invisible to the demo admin", async () => {
    demo = demoSite();
    const cql = encodeURIComponent('title = "Salary bands 2026"');
    expect((await demo.client.get(`/wiki/rest/api/search?cql=${cql}`)).body.totalSize).toBe(0);
    const carol = contractClient(demo.emulator.app, {
      auth: basicAuth('carol@example.com', 'carol-token'),
    });
    const asCarol = await carol.get(`/wiki/rest/api/search?cql=${cql}`);
    expect(asCarol.body.results.map((result: { title: string }) => result.title)).toEqual([
      'Salary bands 2026',
    ]);
    const bob = contractClient(demo.emulator.app, {
      auth: basicAuth('bob@example.com', 'bob-token'),
    });
    expect(
      (await bob.get(`/wiki/rest/api/search?cql=${encodeURIComponent('text ~ salary')}`)).body
        .totalSize,
    ).toBe(0);
  });
});

describe('searchByCQL: cqlcontext', () => {
  it('searchByCQL: currentSpace() and currentContent() resolve from cqlcontext', async () => {
    site = searchSite();
    const context = JSON.stringify({
      spaceKey: 'OPS',
      contentId: String(site.ids['Release notes']),
    });
    expect(
      titles(await site.search('space = currentSpace() ORDER BY title', { cqlcontext: context })),
    ).toEqual(['Incident board', 'Launch recap', 'Operations Home']);
    expect(
      titles(
        await site.search('ancestor = currentContent() ORDER BY title', { cqlcontext: context }),
      ),
    ).toEqual(['Release 1.0', 'Release 1.0 hotfix']);
  });

  it('searchByCQL: cqlcontext that is not the documented JSON object is a 400 naming it', async () => {
    site = searchSite();
    for (const value of [
      '{not json',
      '[1]',
      '{"contentStatuses":["gone"]}',
      '{"contentId":"abc"}',
    ]) {
      const response = await site.client.get(
        `/wiki/rest/api/search?cql=type%3Dpage&cqlcontext=${encodeURIComponent(value)}`,
      );
      expect(response.status).toBe(400);
      expect(response.body.message).toContain('cqlcontext');
    }
  });
});
