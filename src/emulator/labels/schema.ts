/**
 * Labels: one row per distinct label (prefix + name, plus the owner for personal `my` labels), so
 * label ids are numeric and stable (openapi-v2 `Label.id`, `GET /labels/{id}/pages`); which content
 * and which spaces carry each label.
 *
 * For CQL (`label = x`): `content_labels cl JOIN labels l ON l.id = cl.label_id` and match
 * `l.name` (names are stored lower-case); `my` labels count only for their owner.
 */

/** Label ids start here, so they look like Confluence's and differ from content and space ids. */
export const FIRST_LABEL_ID = 917_505;

export const LABELS_SCHEMA = `
CREATE TABLE IF NOT EXISTS labels (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  prefix TEXT NOT NULL,
  name TEXT NOT NULL,
  owner_id TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  UNIQUE (prefix, name, owner_id)
);
CREATE INDEX IF NOT EXISTS labels_by_name ON labels (name);
CREATE TABLE IF NOT EXISTS content_labels (
  content_id INTEGER NOT NULL,
  label_id INTEGER NOT NULL REFERENCES labels (id),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (content_id, label_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS content_labels_by_label ON content_labels (label_id, content_id);
CREATE TABLE IF NOT EXISTS space_labels (
  space_id INTEGER NOT NULL,
  label_id INTEGER NOT NULL REFERENCES labels (id),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (space_id, label_id)
) WITHOUT ROWID;
INSERT INTO sqlite_sequence (name, seq)
  SELECT 'labels', ${FIRST_LABEL_ID - 1}
  WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'labels');
`;

/** Every prefix Confluence shows; `system` labels are Confluence's own and cannot be written. */
export const LABEL_PREFIXES = ['global', 'my', 'team', 'system'] as const;
export type LabelPrefix = (typeof LABEL_PREFIXES)[number];
/** Prefixes a caller may write (swagger.v3.json LabelCreate: "`global`, `my` `team`, etc."). */
export const WRITABLE_PREFIXES = ['global', 'my', 'team'] as const;

/** openapi-v2 `LabelSortOrder`. */
export const LABEL_SORTS = ['created-date', '-created-date', 'id', '-id', 'name', '-name'] as const;
export const LABEL_SORT_COLUMNS: Record<string, string> = {
  id: 'l.id',
  name: 'l.name',
  'created-date': 'l.created_at',
};

export interface LabelRow {
  id: number;
  prefix: LabelPrefix;
  /** Lower-case. */
  name: string;
  /** accountId of the owner of a `my` label; '' for every other prefix. */
  owner_id: string;
  created_at: number; // ms since epoch
}
