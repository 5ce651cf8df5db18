/**
 * Spaces: key, name, type, status, plain-text description, homepage, and whether the space is
 * private (visible to its creator only). Space ids come from their own sequence, as on Confluence.
 */
import type { DatabaseSync } from 'node:sqlite';
import { statementCache } from '../database/open.ts';
import { type KeysetOrder, keysetAfter, keysetOrderBy } from '../database/keyset.ts';
import { createWhere } from '../database/where.ts';
import type { CursorPosition } from '../http/pagination.ts';

/** Space ids start here, so they look like Confluence's and differ from content ids. */
export const FIRST_SPACE_ID = 131_073;

export const SPACES_SCHEMA = `
CREATE TABLE IF NOT EXISTS spaces (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  key TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  type TEXT NOT NULL DEFAULT 'global',
  status TEXT NOT NULL DEFAULT 'current',
  description TEXT NOT NULL DEFAULT '',
  homepage_id INTEGER,
  author_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  is_private INTEGER NOT NULL DEFAULT 0
);
INSERT INTO sqlite_sequence (name, seq)
  SELECT 'spaces', ${FIRST_SPACE_ID - 1}
  WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'spaces');
`;

export type SpaceType =
  | 'global'
  | 'collaboration'
  | 'knowledge_base'
  | 'personal'
  | 'system'
  | 'onboarding'
  | 'xflow_sample_space';

export interface SpaceRow {
  id: number;
  /** Upper-case letters and digits, unique. */
  key: string;
  name: string;
  type: SpaceType;
  status: 'current' | 'archived';
  /** Plain-text description. */
  description: string;
  /** Content id of the homepage, null until it is created. */
  homepage_id: number | null;
  /** accountId of the creator (also the owner). */
  author_id: string;
  created_at: number; // ms since epoch
  is_private: number; // 0 | 1: visible to the creator only
}

export interface NewSpace {
  key: string;
  name: string;
  type?: SpaceType;
  description?: string;
  authorId: string;
  isPrivate?: boolean;
  createdAt?: number;
}

export interface SpaceFilter {
  ids: number[];
  keys: string[];
  type?: string;
  status?: string;
  /** Only spaces this caller may see. */
  visibleTo: string;
  order: KeysetOrder;
  after: CursorPosition | undefined;
  limit: number;
}

export const SPACE_SORT_COLUMNS: Record<string, string> = { id: 'id', key: 'key', name: 'name' };

export type SpaceStore = ReturnType<typeof createSpaceStore>;

export function createSpaceStore(db: DatabaseSync, now: () => number) {
  const prepare = statementCache(db);
  const sql = {
    insert: db.prepare(
      `INSERT INTO spaces (key, name, type, description, author_id, created_at, is_private)
       VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *`,
    ),
    get: db.prepare('SELECT * FROM spaces WHERE id = ?'),
    byKey: db.prepare('SELECT * FROM spaces WHERE key = ?'),
    setHomepage: db.prepare('UPDATE spaces SET homepage_id = ? WHERE id = ?'),
    delete: db.prepare('DELETE FROM spaces WHERE id = ?'),
  };
  return {
    create(space: NewSpace): SpaceRow {
      return sql.insert.get(
        space.key,
        space.name,
        space.type ?? 'global',
        space.description ?? '',
        space.authorId,
        space.createdAt ?? now(),
        space.isPrivate ? 1 : 0,
      ) as unknown as SpaceRow;
    },
    get: (id: number) => sql.get.get(id) as SpaceRow | undefined,
    byKey: (key: string) => sql.byKey.get(key) as SpaceRow | undefined,
    setHomepage: (spaceId: number, homepageId: number) =>
      void sql.setHomepage.run(homepageId, spaceId),
    /** Deletes the space row only; the caller purges its content first. */
    delete: (id: number) => void sql.delete.run(id),
    /** One keyset page (limit + 1 rows). */
    list(filter: SpaceFilter): SpaceRow[] {
      const after = keysetAfter(filter.order, filter.after);
      const where = createWhere()
        .add('(is_private = 0 OR author_id = ?)', filter.visibleTo)
        .in('id', filter.ids)
        .in('key', filter.keys)
        .add(after.sql, ...after.params);
      if (filter.type) where.add('type = ?', filter.type);
      if (filter.status) where.add('status = ?', filter.status);
      const query = `SELECT * FROM spaces WHERE ${where.sql()} ORDER BY ${keysetOrderBy(filter.order)} LIMIT ?`;
      return prepare(query).all(...where.params, filter.limit + 1) as unknown as SpaceRow[];
    },
  };
}

/** Private spaces are visible to their creator only. */
export function canSeeSpace(space: SpaceRow, accountId: string): boolean {
  return space.is_private === 0 || space.author_id === accountId;
}
