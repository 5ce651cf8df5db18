import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../fixtures.ts';
import { type SearchSite, searchSite } from './search-site.ts';

let site: SearchSite;
beforeAll(() => {
  site = searchSite();
});
afterAll(() => site.close());

async function only(cql: string, excerpt?: string): Promise<Json> {
  const body = await site.search(cql, excerpt === undefined ? {} : { excerpt });
  expect(body.results).toHaveLength(1);
  return body.results[0];
}

describe('searchByCQL: titles and excerpts', () => {
  it('searchByCQL: highlight (the default) marks matched words in the title and the excerpt', async () => {
    const result = await only('type = page AND text ~ "pipeline"');
    expect(result.title).toBe('Deploy runbook');
    expect(result.excerpt).toContain('run the @@@hl@@@pipeline@@@endhl@@@, watch the dashboards');
    const titled = await only('type = page AND title ~ "runbook"');
    expect(titled.title).toBe('Deploy @@@hl@@@runbook@@@endhl@@@');
    expect(titled.content.title).toBe('Deploy runbook');
  });

  it('searchByCQL: a result matched only by other clauses has the start of its body as excerpt', async () => {
    const result = await only(`id = ${site.ids['Release 1.0 hotfix']}`);
    expect(result.title).toBe('Release 1.0 hotfix');
    expect(result.excerpt).toBe('Fixes a crash in search.');
  });

  it('searchByCQL: titles and excerpts are HTML-escaped, content.title is not', async () => {
    const result = await only('type = page AND title ~ "budget"');
    expect(result.title).toBe('@@@hl@@@Budget@@@endhl@@@ &amp; &quot;plans&quot;');
    expect(result.content.title).toBe('Budget & "plans"');
    expect(result.excerpt).toBe('Costs &amp; &quot;forecasts&quot; for 2026 &amp; beyond.');
  });

  it('searchByCQL: the _unescaped strategies keep the raw text', async () => {
    const result = await only('type = page AND title ~ "budget"', 'highlight_unescaped');
    expect(result.title).toBe('@@@hl@@@Budget@@@endhl@@@ & "plans"');
    expect((await only('type = page AND title ~ "budget"', 'indexed_unescaped')).excerpt).toBe(
      'Costs & "forecasts" for 2026 & beyond.',
    );
  });

  it('searchByCQL: indexed gives unmarked text cut to 50 characters', async () => {
    const result = await only('type = page AND text ~ "pipeline"', 'indexed');
    expect(result.title).toBe('Deploy runbook');
    expect(result.excerpt).not.toContain('@@@');
    expect(result.excerpt.length).toBeLessThanOrEqual(50);
    expect(result.excerpt).toBe('How to deploy: run the pipeline, watch the');
  });

  it('searchByCQL: none and unknown strategies give an empty excerpt (as Cloud does)', async () => {
    expect((await only('type = page AND text ~ "pipeline"', 'none')).excerpt).toBe('');
    expect((await only('type = page AND text ~ "pipeline"', 'bogus')).excerpt).toBe('');
  });

  it('searchByCQL: a content result carries its space, url and dates', async () => {
    const result = await only('type = page AND text ~ "pipeline"');
    expect(result).toMatchObject({
      entityType: 'content',
      iconCssClass: 'aui-icon content-type-page',
      url: `/spaces/DOCS/pages/${site.ids['Deploy runbook']}/Deploy+runbook`,
      resultGlobalContainer: { title: 'Documentation', displayUrl: '/spaces/DOCS' },
      lastModified: '2026-01-25T09:00:00.000Z',
      friendlyLastModified: 'Jan 25',
      breadcrumbs: [],
    });
    expect(result.content._links.webui).toBe(result.url);
  });

  it('searchByCQL: a comment result names the content it belongs to', async () => {
    const result = await only('type = comment');
    expect(result.resultParentContainer).toEqual({
      title: 'Release notes',
      displayUrl: `/spaces/DOCS/pages/${site.ids['Release notes']}/Release+notes`,
    });
    expect(result.url).toContain(`?focusedCommentId=${site.ids['Re: Release notes']}`);
  });
});
