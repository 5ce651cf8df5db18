/**
 * Comment listings over the content table (comments are `type = 'comment'` rows; the content store
 * writes them): root comments of a container, replies of a comment, or every comment, filtered by
 * location, status and resolution, visible to the caller, as keyset pages (limit + 1 rows).
 */
import type { DatabaseSync } from 'node:sqlite';
import type { ContentWithVersion } from '../content/queries.ts';
import { visibleContentClause } from '../content/visibility.ts';
import { type KeysetOrder, keysetAfter, keysetOrderBy } from '../database/keyset.ts';
import { statementCache } from '../database/open.ts';
import { createWhere } from '../database/where.ts';
import type { CursorPosition } from '../http/pagination.ts';
import type { CommentLocation } from './extra.ts';

export type CommentScope =
  | { kind: 'container'; containerId: number }
  | { kind: 'children'; parentId: number }
  | { kind: 'all' };

export interface CommentQuery {
  scope: CommentScope;
  location: CommentLocation;
  statuses: readonly string[];
  resolutionStatuses?: readonly string[];
  accountId: string;
  order: KeysetOrder;
  after: CursorPosition | undefined;
  limit: number;
}

/** openapi-v2 `CommentSortOrder` → columns. */
export const COMMENT_SORT_COLUMNS: Record<string, string> = {
  'created-date': 'c.created_at',
  'modified-date': 'c.updated_at',
};
export const COMMENT_SORTS = [
  'created-date',
  '-created-date',
  'modified-date',
  '-modified-date',
] as const;

const WITH_VERSION = `SELECT c.*, v.body, v.adf, v.author_id AS version_author_id,
  v.created_at AS version_created_at, v.message AS version_message, v.minor_edit AS version_minor_edit
  FROM content c JOIN content_versions v ON v.content_id = c.id AND v.number = c.version`;

export type CommentStore = ReturnType<typeof createCommentStore>;

export function createCommentStore(db: DatabaseSync) {
  const prepare = statementCache(db);
  const sql = {
    ofContainer: db.prepare(`SELECT * FROM content WHERE type = 'comment' AND container_id = ?`),
    replies: db.prepare(`SELECT * FROM content WHERE type = 'comment' AND parent_id = ?`),
  };
  return {
    /** Every comment (any depth, any location) held by a page, blog post or attachment. */
    idsInContainer: (containerId: number) =>
      (sql.ofContainer.all(containerId) as Array<{ id: number }>).map((row) => row.id),
    replyIds: (parentId: number) =>
      (sql.replies.all(parentId) as Array<{ id: number }>).map((row) => row.id),
    /** One keyset page (limit + 1 rows). */
    list(query: CommentQuery): ContentWithVersion[] {
      const after = keysetAfter(query.order, query.after);
      const visible = visibleContentClause(db, query.accountId, 'c');
      const where = createWhere()
        .add(`c.type = 'comment'`)
        .add(`COALESCE(json_extract(c.extra, '$.location'), 'footer') = ?`, query.location)
        .in('c.status', query.statuses)
        .in(`json_extract(c.extra, '$.resolutionStatus')`, query.resolutionStatuses ?? [])
        .add(visible.sql, ...visible.params)
        .add(after.sql, ...after.params);
      if (query.scope.kind === 'container')
        where.add('c.container_id = ? AND c.parent_id IS NULL', query.scope.containerId);
      if (query.scope.kind === 'children') where.add('c.parent_id = ?', query.scope.parentId);
      const statement = prepare(
        `${WITH_VERSION} WHERE ${where.sql()} ORDER BY ${keysetOrderBy(query.order)} LIMIT ?`,
      );
      return statement.all(...where.params, query.limit + 1) as unknown as ContentWithVersion[];
    },
  };
}
