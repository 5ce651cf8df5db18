/**
 * The shared read routes of pages and blog posts: the list (`GET /pages`), the list per space
 * (`GET /spaces/{id}/pages`) and the single GET with every query parameter of the operation.
 */
import type { Context } from 'hono';
import { LIST_BODY_FORMATS, SINGLE_BODY_FORMATS } from '../bodies/index.ts';
import type { EmulatorContext } from '../context.ts';
import type { EmulatorEnv } from '../http/env.ts';
import { cursorResponse, keysetPage, queryCursor, queryLimit } from '../http/pagination.ts';
import {
  pathId,
  queryBoolean,
  queryEnum,
  queryEnumList,
  queryInteger,
  queryIntegerList,
  queryString,
} from '../http/query.ts';
import { loadContent, loadSpace } from './access.ts';
import { createContentPresenter } from './json.ts';
import type { ContentKind } from './kinds.ts';
import { querySort } from './sort.ts';
import { snapshotFor } from './snapshot.ts';

/** `space-id` accepts at most 100 ids, `id` 250 (openapi-v2 getPages). */
const MAX_SPACE_IDS = 100;
const MAX_IDS = 250;

/** Includes of a single GET that come from the include registry. */
const REGISTRY_INCLUDES = ['labels', 'properties', 'operations', 'likes', 'versions'] as const;

/** GET /pages, GET /blogposts, and (with `spaceId`) GET /spaces/{id}/pages|blogposts. */
export function listContent(
  context: EmulatorContext,
  kind: ContentKind,
  c: Context<EmulatorEnv>,
  spaceId?: number,
) {
  const user = c.get('user');
  if (spaceId !== undefined) loadSpace(context, user, spaceId);
  const sort = querySort(c, kind.sorts, 'id');
  const limit = queryLimit(c);
  const after = queryCursor(c, sort.name);
  const statuses = queryEnumList(c, 'status', kind.listStatuses);
  const bodyFormat = queryEnum(c, 'body-format', LIST_BODY_FORMATS);
  const depth =
    spaceId !== undefined && kind.type === 'page'
      ? (queryEnum(c, 'depth', ['all', 'root']) ?? 'all')
      : 'all';
  const rows = context.queries.list({
    types: [kind.type],
    ids: spaceId === undefined ? queryIntegerList(c, 'id', MAX_IDS) : [],
    spaceIds: spaceId === undefined ? queryIntegerList(c, 'space-id', MAX_SPACE_IDS) : [spaceId],
    statuses: statuses.length > 0 ? statuses : [...kind.defaultListStatuses],
    title: queryString(c, 'title'),
    rootOnly: depth === 'root',
    subtype: kind.type === 'page' ? queryEnum(c, 'subtype', ['live', 'page']) : undefined,
    visibleTo: user.account_id,
    order: sort.order,
    after,
    limit,
  });
  const page = keysetPage(rows, limit, sort.name, (row) => ({
    value: sortValue(row, sort.order.column),
    id: row.id,
  }));
  const presenter = createContentPresenter(context, c);
  return cursorResponse(
    c,
    page.items.map((row) => kind.present(presenter, row, { bodyFormat })),
    limit,
    page.next,
  );
}

/** The value of the keyset column in a row (`c.title` → `row.title`). */
export function sortValue(row: object, column: string): string | number | null {
  const value = (row as Record<string, unknown>)[column.replace(/^c\./, '')];
  return typeof value === 'string' || typeof value === 'number' ? value : null;
}

/** GET /pages/{id}, GET /blogposts/{id}. */
export function getContent(context: EmulatorContext, kind: ContentKind, c: Context<EmulatorEnv>) {
  const user = c.get('user');
  const id = pathId(c, 'id');
  const bodyFormat = queryEnum(c, 'body-format', SINGLE_BODY_FORMATS);
  const statuses = queryEnumList(c, 'status', kind.singleStatuses);
  const snapshot = snapshotFor(context, loadContent(context, user, id, [kind.type]), {
    getDraft: queryBoolean(c, 'get-draft'),
    statuses: statuses.length > 0 ? statuses : kind.defaultSingleStatuses,
    version: queryInteger(c, 'version', { min: 1 }),
    label: kind.label,
  });
  const includeVersion = queryBoolean(c, 'include-version', true);
  const json = kind.present(createContentPresenter(context, c), snapshot, {
    bodyFormat,
    includeVersion,
    single: true,
  });
  const target = { type: kind.type, id, collection: kind.collection };
  for (const name of REGISTRY_INCLUDES) {
    if (!queryBoolean(c, `include-${name}`)) continue;
    const included = context.includes.resolve(c, name, target);
    if (included) json[name] = included;
  }
  if (queryBoolean(c, 'include-favorited-by-current-user-status'))
    json['isFavoritedByCurrentUser'] = false;
  for (const name of ['webresources', 'collaborators', 'direct-children'])
    queryBoolean(c, `include-${name}`);
  return c.json(json);
}
