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

/** The share of the 1,200-token tool definitions (tools-list-cost.ts) the index may take. */
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

  it('describeSdk: shows the options and the types the signature names, and names deeper types', () => {
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
    // One level deep: Page's own fields, with short unions inline...
    for (const type of ['interface PagesGetOptions', 'interface Page ', 'type ContentStatus'])
      expect(described.types).toContain(type);
    // ...and the nested model types named, not expanded.
    for (const type of ['Version', 'Body']) {
      expect(described.types).not.toContain(`interface ${type} `);
      expect(described.namedTypes).toContain(type);
    }
    expect(described.text).toContain('// confluence.pages.get');
    expect(described.text).toMatch(/Not expanded: .*Version.*describe_sdk\(\{ names: \['/);
  });

  it('describeSdk: a type asked for by name answers its declaration, not "unknown"', () => {
    const described = describeSdk({ names: ['Version', 'PagesGetOptions'] });
    expect(described.unknown).toEqual([]);
    expect(described.operations).toEqual([]);
    expect(described.types).toContain('interface Version');
    expect(described.types).toContain('interface PagesGetOptions');
    expect(described.text).toContain('interface Version');
    expect(describeSdk({ names: ['Nonesuch'] }).unknown).toHaveLength(1);
  });

  it('describeSdk: answers are small enough to read (pages.edit was 5,847 chars, pages.get 5,758)', () => {
    const sizes = Object.fromEntries(
      ['pages.edit', 'pages.get'].map((name) => [name, describeSdk({ names: [name] }).text.length]),
    );
    const query = describeSdk({ query: 'update a page body' }).text.length;
    console.log(
      `describe_sdk chars: ${JSON.stringify({ ...sizes, 'query "update a page body"': query })}`,
    );
    expect(sizes['pages.edit']).toBeLessThan(3_000);
    expect(sizes['pages.get']).toBeLessThan(4_500);
  });

  it('describeSdk: its type declarations, with the named types asked for in turn, compile on their own', () => {
    let described = describeSdk({
      names: ['pages.list', 'search.cql', 'pages.edit', 'tasks.list'],
    });
    const types = [described.types];
    const asked = new Set<string>();
    // What a model does: ask for the named types until nothing new is named.
    while (described.namedTypes.some((name) => !asked.has(name))) {
      const names = described.namedTypes.filter((name) => !asked.has(name));
      names.forEach((name) => asked.add(name));
      described = describeSdk({ names });
      expect(described.unknown).toEqual([]);
      types.push(described.types);
    }
    const unique = [...new Set(types.join('\n').split(/\n(?=\/\*\*|interface |type )/))];
    const declarations = `declare namespace Confluence {\n${unique.join('\n')}\n}\n`;
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
