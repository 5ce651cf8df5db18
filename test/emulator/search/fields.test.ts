import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALICE, BOB, CAROL, type SearchSite, searchSite, titles } from './search-site.ts';

let site: SearchSite;
beforeAll(() => {
  site = searchSite();
});
afterAll(() => site.close());

/** Titles matching `cql`, sorted, over every page of results. */
async function found(cql: string): Promise<string[]> {
  const body = await site.search(cql, { limit: '250' });
  expect(body.totalSize).toBe(body.size);
  return titles(body).sort();
}

const PAGES = [
  'Budget & "plans"',
  'Deploy runbook',
  'Documentation Home',
  'Operations Home',
  'Release 1.0',
  'Release 1.0 hotfix',
  'Release notes',
];

describe('searchByCQL: type and space', () => {
  it('searchByCQL: type = / != / IN / NOT IN', async () => {
    expect(await found('type = page')).toEqual(PAGES);
    expect(await found('type = blogpost')).toEqual(['Launch recap']);
    expect(await found('type IN (whiteboard, comment)')).toEqual([
      'Incident board',
      'Re: Release notes',
    ]);
    expect(await found('space = OPS AND type != page')).toEqual(['Incident board', 'Launch recap']);
    expect(await found('space = OPS AND type NOT IN (page, whiteboard)')).toEqual(['Launch recap']);
  });

  it('searchByCQL: space, space.key (case-insensitive), space IN, space.title, space.type', async () => {
    expect(await found('space = ops')).toEqual([
      'Incident board',
      'Launch recap',
      'Operations Home',
    ]);
    expect(await found('space.key = "OPS" AND type = page')).toEqual(['Operations Home']);
    expect(await found('type = page AND space IN (OPS, NOPE)')).toEqual(['Operations Home']);
    expect(await found('type = page AND space.title = "operations"')).toEqual(['Operations Home']);
    expect(await found('type = blogpost AND space.title ~ "operat*"')).toEqual(['Launch recap']);
    expect(await found('type = blogpost AND space.type = global')).toEqual(['Launch recap']);
    expect(await found('type = blogpost AND space.type = personal')).toEqual([]);
    expect(await found('type = page AND space != DOCS')).toEqual(['Operations Home']);
  });

  it('searchByCQL: an unknown space key finds nothing rather than failing (as on Cloud)', async () => {
    expect(await found('space = NOSUCH')).toEqual([]);
  });
});

describe('searchByCQL: title and text', () => {
  it('searchByCQL: title = is exact and case-insensitive; != and IN', async () => {
    expect(await found('title = "release NOTES"')).toEqual(['Release notes']);
    expect(await found('title = "Release"')).toEqual([]);
    expect(await found('title IN ("Release 1.0", "Deploy runbook")')).toEqual([
      'Deploy runbook',
      'Release 1.0',
    ]);
    expect(await found('type = page AND space = DOCS AND title != "Release 1.0"')).toEqual(
      PAGES.filter((title) => !['Release 1.0', 'Operations Home'].includes(title)),
    );
  });

  it('searchByCQL: title ~ matches words, prefixes and wildcards; !~ excludes', async () => {
    expect(await found('title ~ release')).toEqual([
      'Re: Release notes',
      'Release 1.0',
      'Release 1.0 hotfix',
      'Release notes',
    ]);
    expect(await found('title ~ "notes release"')).toEqual(['Re: Release notes', 'Release notes']);
    expect(await found('title ~ "hot*"')).toEqual(['Release 1.0 hotfix']);
    expect(await found('title ~ "*fix"')).toEqual(['Release 1.0 hotfix']);
    expect(await found('title ~ "run?ook"')).toEqual(['Deploy runbook']);
    expect(await found('type = page AND title ~ release AND title !~ hotfix')).toEqual([
      'Release 1.0',
      'Release notes',
    ]);
  });

  it('searchByCQL: text ~ searches title and body, every word required, OR and phrases', async () => {
    expect(await found('text ~ "crash"')).toEqual(['Release 1.0 hotfix']);
    expect(await found('text ~ "pipeline dashboards"')).toEqual(['Deploy runbook']);
    expect(await found('text ~ "pipeline nowhere"')).toEqual([]);
    expect(await found('text ~ "crash OR pipeline"')).toEqual([
      'Deploy runbook',
      'Release 1.0 hotfix',
    ]);
    expect(await found('text ~ "\\"roll back\\""')).toEqual(['Deploy runbook']);
    expect(await found('text ~ "\\"back roll\\""')).toEqual([]);
    expect(await found('siteSearch ~ crash')).toEqual(['Release 1.0 hotfix']);
    expect(await found('type = page AND text ~ deploy AND text !~ pipeline')).toEqual([
      'Release 1.0',
      'Release notes',
    ]);
  });
});

describe('searchByCQL: labels, ids and the tree', () => {
  it('searchByCQL: label = / IN / NOT IN / !=, with prefixes; my labels only for their owner', async () => {
    expect(await found('label = release')).toEqual(['Release 1.0', 'Release notes']);
    expect(await found('label = "Q3"')).toEqual([
      'Deploy runbook',
      'Launch recap',
      'Release notes',
    ]);
    expect(await found('label IN (ops, release)')).toEqual([
      'Deploy runbook',
      'Release 1.0',
      'Release notes',
    ]);
    expect(await found('label = q3 AND label NOT IN (release)')).toEqual([
      'Deploy runbook',
      'Launch recap',
    ]);
    expect(await found('label = q3 AND label != ops')).toEqual(['Launch recap', 'Release notes']);
    expect(await found('label = "global:ops"')).toEqual(['Deploy runbook']);
    expect(await found('label = favourite')).toEqual([]);
    const asAlice = await site.search('label = "my:favourite"', {}, site.alice);
    expect(titles(asAlice)).toEqual(['Deploy runbook']);
  });

  it('searchByCQL: id / content = and IN', async () => {
    const { ids } = site;
    expect(await found(`id = ${ids['Release 1.0']}`)).toEqual(['Release 1.0']);
    expect(await found(`content IN (${ids['Release 1.0']}, ${ids['Launch recap']})`)).toEqual([
      'Launch recap',
      'Release 1.0',
    ]);
    expect(
      await found(`type = page AND space = DOCS AND id NOT IN (${ids['Release 1.0']})`),
    ).toHaveLength(5);
  });

  it('searchByCQL: ancestor is every descendant, parent only direct children, container owns comments', async () => {
    const { ids } = site;
    expect(await found(`ancestor = ${ids['Release notes']}`)).toEqual([
      'Release 1.0',
      'Release 1.0 hotfix',
    ]);
    expect(await found(`ancestor = ${ids['Documentation Home']}`)).toEqual(
      PAGES.filter((title) => !title.endsWith('Home')),
    );
    expect(await found(`parent = ${ids['Release notes']}`)).toEqual(['Release 1.0']);
    expect(
      await found(`type = page AND space = DOCS AND parent != ${ids['Documentation Home']}`),
    ).toEqual(['Documentation Home', 'Release 1.0', 'Release 1.0 hotfix']);
    expect(await found(`container = ${ids['Release notes']}`)).toEqual(['Re: Release notes']);
  });
});

describe('searchByCQL: people', () => {
  it('searchByCQL: creator by accountId and currentUser()', async () => {
    expect(await found(`creator = "${BOB}"`)).toEqual([
      'Deploy runbook',
      'Incident board',
      'Release 1.0',
    ]);
    expect(await found(`creator IN ("${CAROL}", "${BOB}") AND type = page`)).toEqual([
      'Budget & "plans"',
      'Deploy runbook',
      'Release 1.0',
    ]);
    const mine = await site.search('creator = currentUser() AND type = blogpost', {}, site.alice);
    expect(titles(mine)).toEqual(['Launch recap']);
    expect(await found(`type = page AND space = OPS AND creator != "${ALICE}"`)).toEqual([
      'Operations Home',
    ]);
  });

  it('searchByCQL: contributor is anyone who wrote a version', async () => {
    expect(await found(`contributor = "${CAROL}"`)).toEqual([
      'Budget & "plans"',
      'Deploy runbook',
      'Re: Release notes',
    ]);
    expect(await found(`contributor = "${BOB}" AND type = page`)).toEqual([
      'Deploy runbook',
      'Release 1.0',
    ]);
  });
});
