/**
 * The content store's named prepared statements (the only SQL that writes content).
 */
import type { DatabaseSync } from 'node:sqlite';

export function contentStatements(db: DatabaseSync) {
  return {
    get: db.prepare('SELECT * FROM content WHERE id = ?'),
    insert: db.prepare(
      `INSERT INTO content (type, status, space_id, parent_id, container_id, title, version, author_id,
         owner_id, created_at, updated_at, position, subtype, extra)
       VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
    ),
    updateVersion: db.prepare(
      'UPDATE content SET title = ?, version = ?, updated_at = ?, status = ? WHERE id = ? RETURNING *',
    ),
    updateStatus: db.prepare('UPDATE content SET status = ? WHERE id = ? RETURNING *'),
    updateParent: db.prepare(
      'UPDATE content SET parent_id = ?, position = ? WHERE id = ? RETURNING *',
    ),
    updateOwner: db.prepare('UPDATE content SET owner_id = ? WHERE id = ? RETURNING *'),
    children: db.prepare(
      'SELECT * FROM content WHERE parent_id = ? AND container_id IS NULL ORDER BY position, id',
    ),
    updateSpace: db.prepare('UPDATE content SET space_id = ? WHERE id = ? RETURNING *'),
    updateExtra: db.prepare('UPDATE content SET extra = ? WHERE id = ? RETURNING *'),
    delete: db.prepare('DELETE FROM content WHERE id = ?'),
    nextPosition: db.prepare(
      `SELECT COALESCE(MAX(position) + 1, 0) AS position FROM content
       WHERE space_id IS ? AND parent_id IS ? AND type IN ('page', 'whiteboard', 'database', 'folder', 'embed')`,
    ),
    getVersion: db.prepare('SELECT * FROM content_versions WHERE content_id = ? AND number = ?'),
    insertVersion: db.prepare(
      `INSERT INTO content_versions (content_id, number, title, body, adf, author_id, created_at,
         message, minor_edit) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    getDraft: db.prepare('SELECT * FROM content_drafts WHERE content_id = ?'),
    upsertDraft: db.prepare(
      `INSERT INTO content_drafts (content_id, title, body, adf, author_id, updated_at)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (content_id) DO UPDATE SET title = excluded.title, body = excluded.body,
         adf = excluded.adf, author_id = excluded.author_id, updated_at = excluded.updated_at`,
    ),
    deleteDraft: db.prepare('DELETE FROM content_drafts WHERE content_id = ?'),
    insertText: db.prepare('INSERT INTO content_fts (rowid, title, body) VALUES (?, ?, ?)'),
    deleteText: db.prepare('DELETE FROM content_fts WHERE rowid = ?'),
  };
}
