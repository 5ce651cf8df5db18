/**
 * Likes of content: who liked what, when.
 */
import type { DatabaseSync } from 'node:sqlite';

export const LIKES_SCHEMA = `
CREATE TABLE IF NOT EXISTS likes (
  content_id INTEGER NOT NULL,
  account_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (content_id, account_id)
) WITHOUT ROWID;
`;

export interface LikeRow {
  content_id: number;
  account_id: string;
  created_at: number; // ms since epoch
}

export type LikeStore = ReturnType<typeof createLikeStore>;

export function createLikeStore(db: DatabaseSync, now: () => number) {
  const sql = {
    add: db.prepare(
      'INSERT OR IGNORE INTO likes (content_id, account_id, created_at) VALUES (?, ?, ?)',
    ),
    count: db.prepare('SELECT COUNT(*) AS count FROM likes WHERE content_id = ?'),
    page: db.prepare(
      'SELECT * FROM likes WHERE content_id = ? AND account_id > ? ORDER BY account_id LIMIT ?',
    ),
    deleteContent: db.prepare('DELETE FROM likes WHERE content_id = ?'),
  };
  return {
    add: (contentId: number, accountId: string, at = now()) =>
      void sql.add.run(contentId, accountId, at),
    count: (contentId: number) => (sql.count.get(contentId) as { count: number }).count,
    /** Likes ordered by accountId, after `afterAccountId`, `limit` rows. */
    page: (contentId: number, afterAccountId: string, limit: number) =>
      sql.page.all(contentId, afterAccountId, limit) as unknown as LikeRow[],
    deleteContent: (contentId: number) => void sql.deleteContent.run(contentId),
  };
}
