/**
 * The attachments store: the only SQL over `attachment_files`, and the attachment listings over
 * the content table (current version + its file facts, visible to the caller, keyset pages).
 */
import type { DatabaseSync } from 'node:sqlite';
import type { ContentWithVersion } from '../content/queries.ts';
import type { ContentRow } from '../content/schema.ts';
import { visibleContentClause } from '../content/visibility.ts';
import { type KeysetOrder, keysetAfter, keysetOrderBy } from '../database/keyset.ts';
import { statementCache } from '../database/open.ts';
import { createWhere } from '../database/where.ts';
import type { CursorPosition } from '../http/pagination.ts';
import type { FileRow } from './schema.ts';

/** An attachment's content row, its current (or shown) version, and that version's file facts. */
export interface AttachmentRow extends ContentWithVersion {
  media_type: string;
  file_size: number; // bytes
  comment: string;
  file_id: string;
}

export interface AttachmentQuery {
  /** Only attachments of this page or blog post. */
  containerId?: number;
  statuses: readonly string[];
  mediaType?: string | undefined;
  filename?: string | undefined;
  accountId: string;
  order: KeysetOrder;
  after: CursorPosition | undefined;
  limit: number;
}

/** openapi-v2 `AttachmentSortOrder` → columns. */
export const ATTACHMENT_SORT_COLUMNS: Record<string, string> = {
  'created-date': 'c.created_at',
  'modified-date': 'c.updated_at',
};
export const ATTACHMENT_SORTS = [
  'created-date',
  '-created-date',
  'modified-date',
  '-modified-date',
] as const;

const SELECT_ATTACHMENT = `SELECT c.*, v.body, v.adf, v.author_id AS version_author_id,
  v.created_at AS version_created_at, v.message AS version_message, v.minor_edit AS version_minor_edit,
  f.media_type, f.file_size, f.comment, f.file_id
  FROM content c JOIN content_versions v ON v.content_id = c.id AND v.number = c.version
  JOIN attachment_files f ON f.content_id = c.id AND f.version = c.version`;

export type AttachmentStore = ReturnType<typeof createAttachmentStore>;

export function createAttachmentStore(db: DatabaseSync) {
  const prepare = statementCache(db);
  const sql = {
    insertFile: db.prepare(
      `INSERT INTO attachment_files (content_id, version, media_type, file_size, comment, file_id,
         bytes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    file: db.prepare('SELECT * FROM attachment_files WHERE content_id = ? AND version = ?'),
    deleteFiles: db.prepare('DELETE FROM attachment_files WHERE content_id = ?'),
    byTitle: db.prepare(
      `SELECT * FROM content WHERE type = 'attachment' AND container_id = ? AND title = ?
       AND status IN ('current', 'archived') ORDER BY id LIMIT 1`,
    ),
    attachment: db.prepare(`${SELECT_ATTACHMENT} WHERE c.id = ? AND c.type = 'attachment'`),
    inContainer: db.prepare(
      `SELECT id FROM content WHERE type = 'attachment' AND container_id = ?`,
    ),
  };
  return {
    insertFile(file: Omit<FileRow, 'bytes'> & { bytes: Uint8Array }): void {
      sql.insertFile.run(
        file.content_id,
        file.version,
        file.media_type,
        file.file_size,
        file.comment,
        file.file_id,
        file.bytes,
        file.created_at,
      );
    },
    file: (contentId: number, version: number) =>
      sql.file.get(contentId, version) as FileRow | undefined,
    deleteFiles: (contentId: number) => void sql.deleteFiles.run(contentId),
    /** The live (current or archived) attachment of a container with this file name. */
    byTitle: (containerId: number, title: string) =>
      sql.byTitle.get(containerId, title) as ContentRow | undefined,
    /** Every attachment (any status) of a page or blog post. */
    idsInContainer: (containerId: number) =>
      (sql.inContainer.all(containerId) as Array<{ id: number }>).map((row) => row.id),
    /** One attachment with its current version's facts. */
    get: (id: number) => sql.attachment.get(id) as AttachmentRow | undefined,
    /** One keyset page (limit + 1 rows). */
    list(query: AttachmentQuery): AttachmentRow[] {
      const after = keysetAfter(query.order, query.after);
      const visible = visibleContentClause(db, query.accountId, 'c');
      const where = createWhere()
        .add(`c.type = 'attachment'`)
        .in('c.status', query.statuses)
        .add(visible.sql, ...visible.params)
        .add(after.sql, ...after.params);
      if (query.containerId !== undefined) where.add('c.container_id = ?', query.containerId);
      if (query.mediaType !== undefined) where.add('f.media_type = ?', query.mediaType);
      if (query.filename !== undefined) where.add('c.title = ?', query.filename);
      const statement = prepare(
        `${SELECT_ATTACHMENT} WHERE ${where.sql()} ORDER BY ${keysetOrderBy(query.order)} LIMIT ?`,
      );
      return statement.all(...where.params, query.limit + 1) as unknown as AttachmentRow[];
    },
  };
}
