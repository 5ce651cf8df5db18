/**
 * `describeSdk` and the compact index: names in any spelling, free-text queries that find the
 * right member first, self-contained type declarations, suggestions for misspelt names, and an
 * index small enough for `run_code`'s description (measured in o200k tokens).
 */
import { encode } from 'gpt-tokenizer';
import { describe, expect, it } from 'vitest';
import { describeSdk } from '../../../src/confluence/describe.ts';
import { INDEX_LEGEND, sdkIndex } from '../../../src/confluence/describe-index.ts';
import { HELPERS } from '../../../src/confluence/operations/helpers.ts';
import { OPERATIONS } from '../../../src/confluence/operations/index.ts';
import { typeCheckSnippets } from '../support/typecheck.ts';

/** The share of run_code's ~1,500-token description the index may take. */
const INDEX_TOKEN_BUDGET = 700;

describe('describeSdk', () => {
  it('sdkIndex: lists every operation and helper, marked paged (*) and writes (!)', () => {
    const index = sdkIndex();
    for (const spec of OPERATIONS) {
      const namespace = spec.name.split('.').slice(0, -1).join('.');
      const line = index.split('\n').find((candidate) => candidate.startsWith(`${namespace}: `));
      expect(line, spec.name).toMatch(new RegExp(`[ :]${spec.name.split('.').pop()}\\(`));
    }
    expect(index).toMatch(
      /^pages: get\(id\) list\(\)\* findByTitle\(spaceId,title\) create\(\{…\}\)! /m,
    );
    expect(index).toContain(' edit(id,change)!');
    expect(index.split('\n')[0]).toBe(INDEX_LEGEND);
  });

  it(`sdkIndex: stays under ${INDEX_TOKEN_BUDGET} o200k tokens`, () => {
    const index = sdkIndex();
    const tokens = encode(index).length;
    console.log(
      `sdk index: ${index.length} chars, ${tokens} o200k tokens (chars/4: ${Math.ceil(index.length / 4)})`,
    );
    expect(tokens).toBeLessThanOrEqual(INDEX_TOKEN_BUDGET);
  });

  it('describeSdk: finds an operation by SDK name, Composio name or operationId', () => {
    for (const name of [
      'pages.get',
      'confluence.pages.get',
      'CONFLUENCE_GET_PAGE_BY_ID',
      'getPageById',
    ]) {
      expect(describeSdk({ names: [name] }).operations.map((operation) => operation.name)).toEqual([
        'pages.get',
      ]);
    }
  });

  it('describeSdk: a namespace name gives all its members', () => {
    const names = describeSdk({ names: ['pages.properties'] }).operations.map(
      (operation) => operation.name,
    );
    expect(names).toEqual([
      'pages.properties.list',
      'pages.properties.create',
      'pages.properties.update',
      'pages.properties.delete',
    ]);
  });

  it.each([
    ['add label to page', 'labels.add'],
    ['remove a label', 'labels.remove'],
    ['move page', 'pages.move'],
    ['upload attachment', 'attachments.upload'],
    ['search cql', 'search.cql'],
    ['edit page body', 'pages.edit'],
    ['page tree hierarchy', 'pages.descendants'],
    ['who am i current user', 'users.current'],
    ['CONFLUENCE_CREATE_PAGE', 'pages.create'],
  ])('describeSdk: the query "%s" finds %s first', (query, expected) => {
    const found = describeSdk({ query }).operations;
    expect(found[0]?.name).toBe(expected);
    expect(found.length).toBeLessThanOrEqual(6);
  });

  it('describeSdk: the declarations are self-contained: options and every type they use', () => {
    const described = describeSdk({ names: ['pages.get'] });
    const [operation] = described.operations;
    expect(operation).toMatchObject({
      name: 'pages.get',
      kind: 'read',
      composioName: 'CONFLUENCE_GET_PAGE_BY_ID',
      paged: false,
    });
    expect(operation!.declaration).toContain(
      'get(id: string | number, options?: PagesGetOptions): Promise<Page>;',
    );
    for (const type of [
      'interface PagesGetOptions',
      'interface Page ',
      'interface Version',
      'interface Body',
      'type ContentStatus',
    ]) {
      expect(described.types).toContain(type);
    }
    expect(described.text).toContain('// confluence.pages.get');
  });

  it('describeSdk: its type declarations compile on their own', () => {
    const described = describeSdk({
      names: ['pages.list', 'search.cql', 'pages.edit', 'tasks.list'],
    });
    const declarations = `declare namespace Confluence {\n${described.types}\n}\n`;
    const result = typeCheckSnippets(
      {
        use: 'const page: Confluence.Page | undefined = undefined; const hit: Confluence.SearchHit | undefined = undefined; void page; void hit;',
      },
      declarations,
    );
    expect(result['(confluence.d.ts)']).toBeUndefined();
    expect(result['use']).toEqual([]);
  });

  it('describeSdk: a paged operation documents .all() and .iterate() and brings Paged/AllResult', () => {
    const described = describeSdk({ names: ['spaces.list'] });
    expect(described.operations[0]!.declaration).toMatch(
      /all\(options\?: SpacesListOptions, limits\?: AllOptions\): Promise<AllResult<Space>>;/,
    );
    expect(described.operations[0]!.declaration).toMatch(
      /iterate\(options\?: SpacesListOptions\): AsyncIterableIterator<Space>;/,
    );
    expect(described.types).toContain('interface AllResult<T>');
  });

  it('describeSdk: helpers are described like operations', () => {
    const described = describeSdk({ names: ['pages.edit'] });
    expect(described.operations[0]).toMatchObject({ name: 'pages.edit', kind: 'write' });
    expect(described.types).toContain('interface PageEditDraft');
    expect(HELPERS.map((helper) => helper.name)).toContain('pages.edit');
  });

  it('describeSdk: a misspelt name is reported with close names, and nothing invented', () => {
    const described = describeSdk({ names: ['pages.gett'] });
    expect(described.operations).toEqual([]);
    expect(described.unknown).toEqual([
      { name: 'pages.gett', suggestions: expect.arrayContaining(['pages.get']) },
    ]);
    expect(described.text).toMatch(/No SDK member is named "pages.gett". Did you mean pages.get/);
  });

  it('describeSdk: with nothing asked, or nothing found, it answers with the index', () => {
    expect(describeSdk().text).toBe(sdkIndex());
    expect(describeSdk({ query: 'xylophone' }).text).toContain('Nothing matches "xylophone"');
  });
});
