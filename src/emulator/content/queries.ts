/**
 * Read queries over the content table: filtered keyset listings (with the current version's body
 * and metadata joined), versions, and the page tree (children, ancestors, descendants).
 */
import type { DatabaseSync } from 'node:sqlite';
import { type KeysetOrder, keysetAfter, keysetOrderBy } from '../database/keyset.ts';
import { statementCache } from '../database/open.ts';
import { createWhere } from '../database/where.ts';
import type { CursorPosition } from '../http/pagination.ts';
import type { ContentRow, ContentType, VersionRow } from './schema.ts';
import { visibleContentClause } from './visibility.ts';

/** A content row with its current version's body and metadata. */
export interface ContentWithVersion extends ContentRow {
  body: string;
  adf: string | null;
  version_author_id: string;
  version_created_at: number; // ms since epoch
  version_message: string;
  version_minor_edit: number; // 0 | 1
}

const SELECT_WITH_VERSION = `SELECT c.*, v.body, v.adf, v.author_id AS version_author_id,
  v.created_at AS version_created_at, v.message AS version_message, v.minor_edit AS version_minor_edit
  FROM content c JOIN content_versions v ON v.content_id = c.id AND v.number = c.version`;

/** Spaces the caller may see: not private, or created by the caller. */
const VISIBLE_SPACE =
  '(c.space_id IN (SELECT id FROM spaces WHERE is_private = 0 OR author_id = ?))';

export interface ContentFilter {
  types: ContentType[];
  ids?: number[];
  spaceIds?: number[];
  statuses: string[];
  title?: string | undefined;
  /** Only direct children of this content. */
  parentId?: number;
  /** Only content without a parent (the root level of a space). */
  rootOnly?: boolean;
  subtype?: string | undefined;
  /** accountId of the caller; content in private spaces of others is left out. */
  visibleTo: string;
  order: KeysetOrder;
  after: CursorPosition | undefined;
  limit: number;
}

/** Sort names of the v2 API → trusted column expressions. */
export const CONTENT_SORT_COLUMNS: Record<string, string> = {
  id: 'c.id',
  'created-date': 'c.created_at',
  'modified-date': 'c.updated_at',
  title: 'c.title',
  'child-position': 'c.position',
};

export type ContentQueries = ReturnType<typeof createContentQueries>;

export function createContentQueries(db: DatabaseSync) {
  const prepare = statementCache(db);
  const sql = {
    withVersion: db.prepare(`${SELECT_WITH_VERSION} WHERE c.id = ?`),
    versions: db.prepare('SELECT * FROM content_versions WHERE content_id = ? ORDER BY number'),
    titleTaken: db.prepare(
      `SELECT id FROM content WHERE space_id = ? AND type = ? AND title = ? AND status = 'current' AND id != ? LIMIT 1`,
    ),
    idsInSpace: db.prepare('SELECT id FROM content WHERE space_id = ? ORDER BY id DESC'),
    childrenOf: db.prepare(
      `SELECT * FROM content WHERE parent_id = ? AND type IN ('page', 'whiteboard', 'database', 'folder', 'embed')
       ORDER BY position, id`,
    ),
  };
  return {
    withVersion: (id: number) => sql.withVersion.get(id) as ContentWithVersion | undefined,
    /** All versions, oldest first. */
    versions: (id: number) => sql.versions.all(id) as unknown as VersionRow[],
    /** True when another current content of this type in the space has this title. */
    titleTaken: (spaceId: number, type: ContentType, title: string, exceptId = 0) =>
      sql.titleTaken.get(spaceId, type, title, exceptId) !== undefined,
    /** Every content id of a space, newest first (children before parents). */
    idsInSpace: (spaceId: number) =>
      (sql.idsInSpace.all(spaceId) as Array<{ id: number }>).map((row) => row.id),
    /** Direct children in the tree (any status), in position order. */
    childrenOf: (id: number) => sql.childrenOf.all(id) as unknown as ContentRow[],
    /** One keyset page (limit + 1 rows). */
    list(filter: ContentFilter): ContentWithVersion[] {
      const after = keysetAfter(filter.order, filter.after);
      const where = createWhere()
        .in('c.type', filter.types)
        .in('c.id', filter.ids ?? [])
        .in('c.space_id', filter.spaceIds ?? [])
        .in('c.status', filter.statuses)
        .add(VISIBLE_SPACE, filter.visibleTo)
        .add(after.sql, ...after.params);
      // Content restrictions (and any other registered visibility rule): see visibility.ts.
      const visible = visibleContentClause(db, filter.visibleTo, 'c');
      where.add(visible.sql, ...visible.params);
      if (filter.title !== undefined) where.add('c.title = ?', filter.title);
      if (filter.parentId !== undefined) where.add('c.parent_id = ?', filter.parentId);
      if (filter.rootOnly) where.add('c.parent_id IS NULL');
      if (filter.subtype !== undefined)
        where.add('c.subtype IS ?', filter.subtype === 'page' ? null : filter.subtype);
      const query = `${SELECT_WITH_VERSION} WHERE ${where.sql()} ORDER BY ${keysetOrderBy(filter.order)} LIMIT ?`;
      return prepare(query).all(
        ...where.params,
        filter.limit + 1,
      ) as unknown as ContentWithVersion[];
    },
  };
}
