/**
 * Attachments are rows of the content table (`type = 'attachment'`, `container_id` = the page or
 * blog post, `title` = the file name, one content version per uploaded version). The bytes and
 * file facts of every version live here, in SQLite.
 */

/** Largest file the emulator accepts in one upload (Confluence's limit is site-configured). */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;
/** Largest multipart request: the file plus room for the other parts. */
export const MAX_UPLOAD_REQUEST_BYTES = MAX_ATTACHMENT_BYTES + 1024 * 1024;

export const ATTACHMENTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS attachment_files (
  content_id INTEGER NOT NULL,
  version INTEGER NOT NULL,
  media_type TEXT NOT NULL,
  file_size INTEGER NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  file_id TEXT NOT NULL,
  bytes BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (content_id, version)
) WITHOUT ROWID;
`;

export interface FileRow {
  content_id: number;
  version: number;
  media_type: string;
  file_size: number; // bytes
  /** The upload's comment (also the version message). */
  comment: string;
  /** The media-store id Confluence puts in ADF bodies; distinct from the attachment id. */
  file_id: string;
  bytes: Uint8Array;
  created_at: number; // ms since epoch
}
