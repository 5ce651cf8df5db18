import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SearchSite, searchSite } from './search-site.ts';

let site: SearchSite;
beforeAll(() => {
  site = searchSite();
});
afterAll(() => site.close());

const PATHS = ['/wiki/rest/api/search', '/wiki/rest/api/content/search'];

describe('searchByCQL / searchContentByCQL: errors', () => {
  it.each(PATHS)('%s: a missing or blank cql is a 400 naming the parameter', async (path) => {
    for (const query of ['', '?cql=', '?cql=%20%20', '?limit=5']) {
      const response = await site.client.get(`${path}${query}`);
      expect(response.status).toBe(400);
      expect(response.body.message).toContain("The query parameter 'cql' is required");
    }
  });

  it.each(PATHS)('%s: bad CQL is a v1 400 that says where the syntax broke', async (path) => {
    const cql = 'type = page AND (space = DOCS';
    const response = await site.client.get(`${path}?cql=${encodeURIComponent(cql)}`);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      statusCode: 400,
      data: { valid: false, successful: false },
      message: `Could not parse cql : ${cql} (expected AND, OR or ")" but found the end of the query; at line 1, column 30)`,
    });
    expect(response.body.data.errors[0].message.translation).toBe(response.body.message);
  });

  it('searchByCQL: unknown fields, operators and values are 400s with their position', async () => {
    const cases: Array<[string, string]> = [
      ['status = current', "No field exists with the name: 'status'"],
      [
        'type = page AND title > "a"',
        "The operator '>' is not supported by the field 'title'; it supports: =, !=, IN, NOT IN, ~, !~; at line 1, column 23",
      ],
      ['type = nonsense', 'Unsupported value for type, got : nonsense'],
      ['type = page AND created > "last week"', '"last week" is not a date'],
      ['type != page', 'A negative expression cannot be the first clause'],
      ['user.fullname ~ "ann"', 'use /wiki/rest/api/search/user'],
    ];
    for (const [cql, words] of cases) {
      const response = await site.client.get(
        `/wiki/rest/api/search?cql=${encodeURIComponent(cql)}`,
      );
      expect(response.status, cql).toBe(400);
      expect(response.body.message).toContain(words);
    }
  });

  it('searchByCQL: a runaway query is a 400 quoting the limit, never a 500', async () => {
    const clauses = Array.from({ length: 300 }, () => 'type = page').join(' AND ');
    const ids = `type = page AND id IN (${Array.from({ length: 1_500 }, (_, index) => index + 1).join(',')})`;
    for (const [cql, words] of [
      [clauses, 'more than 200 clauses'],
      [ids, 'more than 1000 values'],
      [`title ~ "${'a '.repeat(6_000)}"`, 'at most 10000 are accepted'],
    ]) {
      const response = await site.client.get(
        `/wiki/rest/api/search?cql=${encodeURIComponent(cql!)}`,
      );
      expect(response.status).toBe(400);
      expect(response.body.message).toContain(words);
    }
  });

  it('searchByCQL: a hostile value is data, not SQL', async () => {
    const cql = `title = "x\\" OR 1=1; DROP TABLE content; --"`;
    const response = await site.client.get(`/wiki/rest/api/search?cql=${encodeURIComponent(cql)}`);
    expect(response.status).toBe(200);
    expect(response.body.totalSize).toBe(0);
    expect((await site.search('type = page')).totalSize).toBe(7);
  });

  it('searchByCQL: a sitePermissionTypeFilter outside the enum is a 400; no credentials is a 401', async () => {
    const filter = await site.client.get(
      '/wiki/rest/api/search?cql=type%3Dpage&sitePermissionTypeFilter=everyone',
    );
    expect(filter.status).toBe(400);
    const anonymous = await site.client.get('/wiki/rest/api/search?cql=type%3Dpage', {
      auth: null,
    });
    expect(anonymous.status).toBe(401);
  });
});
