/**
 * The content schema: ONE table for every content type (page, blogpost, whiteboard, comment,
 * attachment, ...) so ids come from one sequence and are unique across types, as on Confluence;
 * every version's title and storage body; the drafts of published content; and the FTS5 index over
 * title + body text that CQL `text ~` / `title ~` queries (rowid = content id).
 */

/** Content ids start here, so they look like Confluence's (and never collide with small test numbers). */
export const FIRST_CONTENT_ID = 65_537;

export const CONTENT_SCHEMA = `
CREATE TABLE IF NOT EXISTS content (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  type TEXT NOT NULL,
  status TEXT NOT NULL,
  space_id INTEGER,
  parent_id INTEGER,
  container_id INTEGER,
  title TEXT NOT NULL,
  version INTEGER NOT NULL,
  author_id TEXT NOT NULL,
  owner_id TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  position INTEGER,
  subtype TEXT,
  extra TEXT
);
CREATE INDEX IF NOT EXISTS content_by_space ON content (space_id, type, status);
CREATE INDEX IF NOT EXISTS content_by_parent ON content (parent_id);
CREATE INDEX IF NOT EXISTS content_by_container ON content (container_id, type);
CREATE INDEX IF NOT EXISTS content_by_title ON content (space_id, title);

CREATE TABLE IF NOT EXISTS content_versions (
  content_id INTEGER NOT NULL REFERENCES content (id) ON DELETE CASCADE,
  number INTEGER NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  adf TEXT,
  author_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  message TEXT NOT NULL DEFAULT '',
  minor_edit INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (content_id, number)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS content_drafts (
  content_id INTEGER PRIMARY KEY REFERENCES content (id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  adf TEXT,
  author_id TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE VIRTUAL TABLE IF NOT EXISTS content_fts USING fts5 (
  title, body, tokenize = 'porter unicode61 remove_diacritics 2'
);

INSERT INTO sqlite_sequence (name, seq)
  SELECT 'content', ${FIRST_CONTENT_ID - 1}
  WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'content');
`;

/** Every content type the emulator stores. */
export type ContentType =
  'page' | 'blogpost' | 'whiteboard' | 'comment' | 'attachment' | 'database' | 'folder' | 'embed';

/** Confluence's content statuses (openapi-v2 `ContentStatus`, minus the query-only `any`). */
export type ContentStatus = 'current' | 'draft' | 'trashed' | 'deleted' | 'archived' | 'historical';

export interface ContentRow {
  id: number;
  type: ContentType;
  status: ContentStatus;
  space_id: number | null;
  /** Tree parent: a page's parent page, a reply's parent comment. */
  parent_id: number | null;
  /** What a comment or attachment belongs to (page, blog post, ...). */
  container_id: number | null;
  title: string;
  /** The current version number (1 on creation). */
  version: number;
  /** accountId of the creator. */
  author_id: string;
  owner_id: string | null;
  created_at: number; // ms since epoch
  updated_at: number; // ms since epoch: when the current version was written
  /** Order among siblings (0-based). */
  position: number | null;
  subtype: string | null;
  /** Type-specific fields as JSON (e.g. an attachment's media type, a comment's resolution). */
  extra: string | null;
}

export interface VersionRow {
  content_id: number;
  number: number;
  title: string;
  /** The storage-format body of this version. */
  body: string;
  /** The atlas_doc_format JSON exactly as written, when this version was written in ADF. */
  adf: string | null;
  author_id: string;
  created_at: number; // ms since epoch
  message: string;
  minor_edit: number; // 0 | 1
}

export interface DraftRow {
  content_id: number;
  title: string;
  body: string;
  adf: string | null;
  author_id: string;
  updated_at: number; // ms since epoch
}
