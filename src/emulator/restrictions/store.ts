/**
 * The restrictions store: the only SQL over `content_restrictions`, and the visibility rule built
 * on it (registered with `content/visibility.ts`).
 *
 * Semantics, as on Confluence Cloud (support.atlassian.com "Page restrictions"):
 * - a read restriction hides the content from everyone it does not name, and it is inherited:
 *   descendant pages, comments and attachments of hidden content are hidden too;
 * - an update restriction refuses edits by everyone it does not name; it is not inherited;
 * - no admin bypass (Cloud site admins do not see restricted pages either);
 * - the emulator has no groups, so a group entry is kept and shown but names nobody.
 */
import type { DatabaseSync } from 'node:sqlite';
import { transaction } from '../database/open.ts';
import type { ContentVisibilityRule, SqlClause } from '../content/visibility.ts';
import type { RestrictedOperation, RestrictionRow, RestrictionSubject } from './schema.ts';

export type RestrictionStore = ReturnType<typeof createRestrictionStore>;

/**
 * The ids of content hidden from the account bound to `?`: read-restricted content that does not
 * name it, then (recursively) their child pages/replies and the comments/attachments they contain.
 */
const HIDDEN_CONTENT_SQL = `WITH RECURSIVE hidden(id) AS (
    SELECT content_id FROM content_restrictions WHERE operation = 'read'
    GROUP BY content_id HAVING SUM(subject_type = 'user' AND subject_id = ?) = 0
    UNION SELECT x.id FROM content x JOIN hidden h ON x.parent_id = h.id
    UNION SELECT x.id FROM content x JOIN hidden h ON x.container_id = h.id
  ) SELECT id FROM hidden`;

/**
 * @example const store = createRestrictionStore(db, () => Date.now());
 * store.replace(pageId, 'read', [{ type: 'user', id: accountId }]);
 */
export function createRestrictionStore(db: DatabaseSync, now: () => number) {
  const sql = {
    ofContent: db.prepare(
      `SELECT * FROM content_restrictions WHERE content_id = ?
       ORDER BY operation, subject_type DESC, created_at, subject_id`,
    ),
    insert: db.prepare(
      `INSERT INTO content_restrictions (content_id, operation, subject_type, subject_id, created_at)
       VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    ),
    clearOperation: db.prepare(
      'DELETE FROM content_restrictions WHERE content_id = ? AND operation = ?',
    ),
    clear: db.prepare('DELETE FROM content_restrictions WHERE content_id = ?'),
    removeSubject: db.prepare(
      `DELETE FROM content_restrictions
       WHERE content_id = ? AND operation = ? AND subject_type = ? AND subject_id = ?`,
    ),
    hidden: db.prepare(`SELECT 1 AS hidden FROM (${HIDDEN_CONTENT_SQL}) WHERE id = ?`),
    editors: db.prepare(
      `SELECT COUNT(*) AS total, COALESCE(SUM(subject_type = 'user' AND subject_id = ?), 0) AS mine
       FROM content_restrictions WHERE content_id = ? AND operation = 'update'`,
    ),
  };

  function add(contentId: number, operation: RestrictedOperation, subjects: RestrictionSubject[]) {
    const at = now();
    for (const subject of subjects)
      sql.insert.run(contentId, operation, subject.type, subject.id, at);
  }

  return {
    /** Every entry on one content item (read first, users before groups). */
    ofContent: (contentId: number) => sql.ofContent.all(contentId) as unknown as RestrictionRow[],
    add,
    /** Replaces the subjects of one operation (an empty list lifts that restriction). */
    replace(contentId: number, operation: RestrictedOperation, subjects: RestrictionSubject[]) {
      transaction(db, () => {
        sql.clearOperation.run(contentId, operation);
        add(contentId, operation, subjects);
      });
    },
    /** Lifts every restriction on the content. */
    clear: (contentId: number) => void sql.clear.run(contentId),
    /** @returns whether the subject was there. */
    removeSubject(contentId: number, operation: RestrictedOperation, subject: RestrictionSubject) {
      return sql.removeSubject.run(contentId, operation, subject.type, subject.id).changes > 0;
    },
    /** True when a read restriction on the content or above it hides it from the account. */
    isHidden: (contentId: number, accountId: string) =>
      sql.hidden.get(accountId, contentId) !== undefined,
    /** True when the content has no update restriction or the restriction names the account. */
    mayUpdate(contentId: number, accountId: string): boolean {
      const row = sql.editors.get(accountId, contentId) as { total: number; mine: number };
      return row.total === 0 || row.mine > 0;
    },
  };
}

/** The rule `content/visibility.ts` applies everywhere (routes, listings, CQL search). */
export function restrictionVisibilityRule(store: RestrictionStore): ContentVisibilityRule {
  return {
    visibleClause: (alias: string, accountId: string): SqlClause => ({
      sql: `${alias}.id NOT IN (${HIDDEN_CONTENT_SQL})`,
      params: [accountId],
    }),
    canEdit: (contentId, accountId) => store.mayUpdate(contentId, accountId),
  };
}
