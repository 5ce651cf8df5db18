/**
 * Comment reads: the single GETs (every `body-format`, `version`, `include-*`) and the lists —
 * root comments of a page, blog post or attachment, the replies of a comment, and every comment —
 * with `status`, `resolution-status` (inline), `sort` (`CommentSortOrder`, default
 * `created-date`), `body-format` (`storage` | `atlas_doc_format`) and cursor pages.
 */
import type { Context } from 'hono';
import { LIST_BODY_FORMATS, SINGLE_BODY_FORMATS } from '../bodies/index.ts';
import type { EmulatorContext } from '../context.ts';
import { sortValue } from '../content/read-routes.ts';
import { snapshotFor } from '../content/snapshot.ts';
import { parseSort } from '../content/sort.ts';
import type { EmulatorEnv } from '../http/env.ts';
import { cursorResponse, keysetPage, queryCursor, queryLimit } from '../http/pagination.ts';
import { pathId, queryBoolean, queryEnum, queryEnumList, queryInteger } from '../http/query.ts';
import { loadComment } from './access.ts';
import { type CommentLocation, RESOLUTION_STATUSES } from './extra.ts';
import { createCommentPresenter } from './json.ts';
import {
  COMMENT_SORTS,
  COMMENT_SORT_COLUMNS,
  type CommentScope,
  type CommentStore,
} from './store.ts';

/** Includes of a single GET that come from the include registry. */
const REGISTRY_INCLUDES = ['properties', 'operations', 'likes', 'versions'] as const;
/** Every status a comment may have (openapi-v2 getPageFooterComments `status`). */
const COMMENT_STATUSES = [
  'current',
  'archived',
  'trashed',
  'deleted',
  'historical',
  'draft',
] as const;

export interface CommentListOptions {
  location: CommentLocation;
  scope: CommentScope;
  /** Whether the route takes `status` (the per-container lists do). */
  statusFilter: readonly string[] | undefined;
  /** Whether the route takes `resolution-status` (the inline lists of pages and blog posts). */
  resolutionFilter: boolean;
}

export function listComments(
  context: EmulatorContext,
  store: CommentStore,
  c: Context<EmulatorEnv>,
  options: CommentListOptions,
) {
  const sort = parseSort(
    queryEnum(c, 'sort', COMMENT_SORTS) ?? 'created-date',
    COMMENT_SORT_COLUMNS,
  );
  const bodyFormat = queryEnum(c, 'body-format', LIST_BODY_FORMATS);
  const statuses = options.statusFilter ? queryEnumList(c, 'status', options.statusFilter) : [];
  const resolutionStatuses = options.resolutionFilter
    ? queryEnumList(c, 'resolution-status', RESOLUTION_STATUSES)
    : [];
  const limit = queryLimit(c);
  const after = queryCursor(c, sort.name);
  const rows = store.list({
    scope: options.scope,
    location: options.location,
    statuses: statuses.length > 0 ? statuses : ['current'],
    resolutionStatuses,
    accountId: c.get('user').account_id,
    order: sort.order,
    after,
    limit,
  });
  const page = keysetPage(rows, limit, sort.name, (row) => ({
    value: sortValue(row, sort.order.column),
    id: row.id,
  }));
  const presenter = createCommentPresenter(context, c);
  const results = page.items.map((row) => presenter.comment(row, { bodyFormat }));
  return cursorResponse(c, results, limit, page.next);
}

/** GET /footer-comments/{comment-id}, GET /inline-comments/{comment-id}. */
export function getComment(
  context: EmulatorContext,
  c: Context<EmulatorEnv>,
  location: CommentLocation,
) {
  const id = pathId(c, 'comment-id');
  const bodyFormat = queryEnum(c, 'body-format', SINGLE_BODY_FORMATS);
  const version = queryInteger(c, 'version', { min: 1 });
  const includeVersion = queryBoolean(c, 'include-version', true);
  const comment = loadComment(context, c.get('user'), id, location);
  const snapshot = snapshotFor(context, comment, {
    getDraft: false,
    statuses: COMMENT_STATUSES,
    version,
    label: 'comment',
  });
  const json = createCommentPresenter(context, c).comment(snapshot, {
    bodyFormat,
    includeVersion,
    single: true,
  });
  const target = { type: 'comment', id, collection: `${location}-comments` };
  for (const name of REGISTRY_INCLUDES) {
    if (!queryBoolean(c, `include-${name}`)) continue;
    const included = context.includes.resolve(c, name, target);
    if (!included) continue;
    // Inline comments keep their highlight fields next to the included properties.
    json[name] =
      name === 'properties' && typeof json['properties'] === 'object'
        ? { ...(json['properties'] as object), ...included }
        : included;
  }
  return c.json(json);
}

export { COMMENT_STATUSES };
