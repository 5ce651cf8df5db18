/**
 * Content properties (pages, blog posts, whiteboards) and space properties: a JSON value under a
 * key, unique per owner, with its own version number.
 */
import type { DatabaseSync } from 'node:sqlite';
import { type KeysetOrder, keysetAfter, keysetOrderBy } from '../database/keyset.ts';
import { statementCache } from '../database/open.ts';
import type { CursorPosition } from '../http/pagination.ts';

export const PROPERTIES_SCHEMA = `
CREATE TABLE IF NOT EXISTS properties (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  owner_type TEXT NOT NULL,
  owner_id INTEGER NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  version INTEGER NOT NULL,
  message TEXT NOT NULL DEFAULT '',
  minor_edit INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by TEXT NOT NULL,
  UNIQUE (owner_type, owner_id, key)
);
INSERT INTO sqlite_sequence (name, seq)
  SELECT 'properties', 196607 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'properties');
`;

/** `content` for pages, blog posts and whiteboards; `space` for spaces. */
export type PropertyOwnerType = 'content' | 'space';

export interface PropertyRow {
  id: number;
  owner_type: PropertyOwnerType;
  owner_id: number; // content id or space id
  key: string;
  value: string; // JSON
  version: number;
  message: string;
  minor_edit: number; // 0 | 1
  created_at: number; // ms since epoch
  created_by: string; // accountId
  updated_at: number; // ms since epoch
  updated_by: string; // accountId
}

export interface PropertyListQuery {
  ownerType: PropertyOwnerType;
  ownerId: number;
  key?: string | undefined;
  order: KeysetOrder;
  after: CursorPosition | undefined;
  limit: number;
}

export type PropertyStore = ReturnType<typeof createPropertyStore>;

export function createPropertyStore(db: DatabaseSync, now: () => number) {
  const prepare = statementCache(db);
  const sql = {
    insert: db.prepare(
      `INSERT INTO properties (owner_type, owner_id, key, value, version, created_at, created_by, updated_at, updated_by)
       VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?) RETURNING *`,
    ),
    get: db.prepare('SELECT * FROM properties WHERE id = ? AND owner_type = ? AND owner_id = ?'),
    byKey: db.prepare('SELECT * FROM properties WHERE owner_type = ? AND owner_id = ? AND key = ?'),
    update: db.prepare(
      `UPDATE properties SET key = ?, value = ?, version = ?, message = ?, minor_edit = ?, updated_at = ?, updated_by = ?
       WHERE id = ? RETURNING *`,
    ),
    delete: db.prepare('DELETE FROM properties WHERE id = ?'),
    deleteOwner: db.prepare('DELETE FROM properties WHERE owner_type = ? AND owner_id = ?'),
  };
  return {
    create(
      ownerType: PropertyOwnerType,
      ownerId: number,
      key: string,
      value: unknown,
      accountId: string,
    ): PropertyRow {
      const at = now();
      return sql.insert.get(
        ownerType,
        ownerId,
        key,
        JSON.stringify(value),
        at,
        accountId,
        at,
        accountId,
      ) as unknown as PropertyRow;
    },
    get: (ownerType: PropertyOwnerType, ownerId: number, id: number) =>
      sql.get.get(id, ownerType, ownerId) as PropertyRow | undefined,
    byKey: (ownerType: PropertyOwnerType, ownerId: number, key: string) =>
      sql.byKey.get(ownerType, ownerId, key) as PropertyRow | undefined,
    update(
      id: number,
      change: {
        key: string;
        value: unknown;
        version: number;
        message: string;
        minorEdit: boolean;
        accountId: string;
      },
    ): PropertyRow {
      return sql.update.get(
        change.key,
        JSON.stringify(change.value),
        change.version,
        change.message,
        change.minorEdit ? 1 : 0,
        now(),
        change.accountId,
        id,
      ) as unknown as PropertyRow;
    },
    delete: (id: number) => void sql.delete.run(id),
    /** Removes every property of an owner (when it is purged). */
    deleteOwner: (ownerType: PropertyOwnerType, ownerId: number) =>
      void sql.deleteOwner.run(ownerType, ownerId),
    list(query: PropertyListQuery): PropertyRow[] {
      const after = keysetAfter(query.order, query.after);
      const keyFilter = query.key === undefined ? '' : 'AND key = ?';
      const statement = prepare(
        `SELECT * FROM properties WHERE owner_type = ? AND owner_id = ? ${keyFilter} AND ${after.sql} ORDER BY ${keysetOrderBy(query.order)} LIMIT ?`,
      );
      const params = [
        query.ownerType,
        query.ownerId,
        ...(query.key === undefined ? [] : [query.key]),
        ...after.params,
        query.limit + 1,
      ];
      return statement.all(...params) as unknown as PropertyRow[];
    },
  };
}
