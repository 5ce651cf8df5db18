/**
 * Content restrictions (v1 `/content/{id}/restriction`): per content item and operation (`read`,
 * `update`), the users and groups allowed. No row for an operation means "not restricted".
 */

export const RESTRICTIONS_SCHEMA = `
CREATE TABLE IF NOT EXISTS content_restrictions (
  content_id INTEGER NOT NULL,
  operation TEXT NOT NULL CHECK (operation IN ('read', 'update')),
  subject_type TEXT NOT NULL CHECK (subject_type IN ('user', 'group')),
  subject_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (content_id, operation, subject_type, subject_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS content_restrictions_by_operation ON content_restrictions (operation, content_id);
`;

/** The operations Confluence restricts on content (the others in the enum are space-level). */
export const RESTRICTED_OPERATIONS = ['read', 'update'] as const;
export type RestrictedOperation = (typeof RESTRICTED_OPERATIONS)[number];

export type SubjectType = 'user' | 'group';

export interface RestrictionRow {
  content_id: number;
  operation: RestrictedOperation;
  subject_type: SubjectType;
  /** accountId for users, the group id for groups. */
  subject_id: string;
  created_at: number; // ms since epoch
}

/** One allowed subject of a restriction. */
export interface RestrictionSubject {
  type: SubjectType;
  id: string;
}
