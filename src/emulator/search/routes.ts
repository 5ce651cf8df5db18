/**
 * The v1 search routes (swagger.v3.json): GET /wiki/rest/api/search (`searchByCQL`),
 * GET /wiki/rest/api/content/search (`searchContentByCQL`) and GET /wiki/rest/api/search/user
 * (`searchUser`). The first two page with cursors (`_links.next` / `prev`), the third with
 * `start` / `limit`.
 */
import { type Context, Hono } from 'hono';
import type { EmulatorContext } from '../context.ts';
import type { EmulatorEnv } from '../http/env.ts';
import { offsetBody, queryStart } from '../http/pagination.ts';
import { queryEnum, queryString } from '../http/query.ts';
import { contentJsonV1 } from './content-json.ts';
import { cursorOffset, queryFingerprint } from './cursor.ts';
import { excerptStrategy } from './excerpt.ts';
import { expandTree } from './expand.ts';
import { cursorLinks } from './links.ts';
import {
  checkIgnoredParameters,
  cqlContext,
  expandList,
  requiredCql,
  searchLimit,
  spaceStatuses,
} from './params.ts';
import { contentResult, spaceResult } from './results.ts';
import { runContentSearch, runUserSearch } from './run.ts';
import type { SearchStore } from './store.ts';
import { userResult } from './user-result.ts';
import { v1Helpers } from './v1-helpers.ts';

const PERMISSION_FILTERS = ['all', 'externalCollaborator', 'none'] as const;

/**
 * @example app.route('/wiki/rest/api', searchRoutesV1(context, createSearchStore(context.db)));
 */
export function searchRoutesV1(context: EmulatorContext, store: SearchStore): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();
  app.get('/search', searchByCql(context, store));
  app.get('/content/search', searchContentByCql(context, store));
  app.get('/search/user', searchUsers(context, store));
  return app;
}

/** GET /wiki/rest/api/search: SearchResult wrappers of content and spaces. */
function searchByCql(context: EmulatorContext, store: SearchStore) {
  return function searchByCQL(c: Context<EmulatorEnv>) {
    const started = context.now();
    const request = contentRequest(c, false);
    queryEnum(c, 'sitePermissionTypeFilter', PERMISSION_FILTERS);
    const { total, items } = runContentSearch(context, store, c.get('user'), request);
    const helpers = v1Helpers(context, c, store);
    const expand = expandTree(request.expand);
    const results = items.map((item) =>
      item.kind === 'space'
        ? spaceResult(helpers, item.space, request.strategy)
        : contentResult(helpers, item.row, expand, request.strategy, item.facts),
    );
    return c.json({
      results,
      start: request.offset,
      limit: request.limit,
      size: results.length,
      totalSize: total,
      cqlQuery: request.cql,
      searchDuration: Math.max(0, Math.round(context.now() - started)),
      _links: cursorLinks(c, { path: '/rest/api/search', total, ...request }),
    });
  };
}

/** GET /wiki/rest/api/content/search: v1 Content objects. */
function searchContentByCql(context: EmulatorContext, store: SearchStore) {
  return function searchContentByCQL(c: Context<EmulatorEnv>) {
    const request = contentRequest(c, true);
    const { total, items } = runContentSearch(context, store, c.get('user'), request);
    const helpers = v1Helpers(context, c, store);
    const expand = expandTree(request.expand);
    const results = items.flatMap((item) =>
      item.kind === 'content' ? [contentJsonV1(helpers, item.row, expand)] : [],
    );
    return c.json({
      results,
      start: request.offset,
      limit: request.limit,
      size: results.length,
      _links: cursorLinks(c, { path: '/rest/api/content/search', total, ...request }),
    });
  };
}

/** GET /wiki/rest/api/search/user: SearchResult wrappers of users, paged by `start`. */
function searchUsers(context: EmulatorContext, store: SearchStore) {
  return function searchUser(c: Context<EmulatorEnv>) {
    const started = context.now();
    const cql = requiredCql(c);
    const start = queryStart(c);
    const limit = searchLimit(c);
    const filter = queryEnum(c, 'sitePermissionTypeFilter', PERMISSION_FILTERS) ?? 'none';
    const input = { cql, filter, start, limit };
    const { total, rows } = runUserSearch(context, store, c.get('user'), input);
    const helpers = v1Helpers(context, c, store);
    const results = rows.map((row) => userResult(helpers, row));
    const hasMore = limit > 0 && start + limit < total;
    return c.json({
      ...offsetBody(c, results, start, limit, hasMore),
      totalSize: total,
      cqlQuery: cql,
      searchDuration: Math.max(0, Math.round(context.now() - started)),
    });
  };
}

/** The parameters /search and /content/search share, read and checked in one place. */
function contentRequest(c: Context<EmulatorEnv>, contentOnly: boolean) {
  checkIgnoredParameters(c);
  const cql = requiredCql(c);
  const expand = expandList(c);
  const limit = searchLimit(c, expand);
  const context = cqlContext(c);
  const fingerprint = queryFingerprint(cql, queryString(c, 'cqlcontext'));
  return {
    cql,
    expand,
    limit,
    cqlContext: context,
    fingerprint,
    offset: cursorOffset(c, fingerprint),
    spaceStatuses: spaceStatuses(c),
    // Content objects carry no excerpt: /content/search skips the highlight and text lookups.
    strategy: contentOnly ? ('none' as const) : excerptStrategy(c),
    contentOnly,
  };
}
