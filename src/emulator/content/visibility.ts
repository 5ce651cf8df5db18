/**
 * Who may see and edit a content item: the ONE place every route, listing and search asks.
 *
 * Two layers decide. The core rule: content in a private space is visible to the space's creator
 * only. Then every registered {@link ContentVisibilityRule} (the restrictions module registers
 * page restrictions: a read restriction hides the content, its descendants, comments and
 * attachments from everyone not named in it; an update restriction refuses writes). With no rule
 * registered (an emulator built without the restrictions module) only the core rule applies.
 *
 * Rules are kept per database, so that `content/queries.ts` (which only holds the database) and
 * route code (which holds the context) reach the same rules.
 *
 * @example
 * // SQL: only rows of `content c` the caller may see
 * const visible = visibleContentClause(context.db, user.account_id, 'c');
 * db.prepare(`SELECT c.* FROM content c WHERE ${visible.sql}`).all(...visible.params);
 * // one item
 * if (!canViewContent(context.db, user.account_id, id)) throw notFound();
 */
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import { type StatementCache, statementCache } from '../database/open.ts';
import { forbidden } from '../http/errors.ts';

/** A SQL fragment over a `content` alias, with its bound parameters (user input only as params). */
export interface SqlClause {
  sql: string;
  params: SQLInputValue[];
}

export interface ContentVisibilityRule {
  /** True (as SQL) for rows of `alias` (a `content` alias) that `accountId` may see. */
  visibleClause(alias: string, accountId: string): SqlClause;
  /** Whether `accountId` may edit content `contentId` (which exists and is visible). */
  canEdit(contentId: number, accountId: string): boolean;
}

const rulesByDatabase = new WeakMap<DatabaseSync, ContentVisibilityRule[]>();
const statementsByDatabase = new WeakMap<DatabaseSync, StatementCache>();

function prepared(db: DatabaseSync, sql: string) {
  let prepare = statementsByDatabase.get(db);
  if (!prepare) {
    prepare = statementCache(db);
    statementsByDatabase.set(db, prepare);
  }
  return prepare(sql);
}

/** Adds a rule for this database (a module's `setup` does it once). */
export function registerContentVisibility(db: DatabaseSync, rule: ContentVisibilityRule): void {
  const rules = rulesByDatabase.get(db) ?? [];
  rules.push(rule);
  rulesByDatabase.set(db, rules);
}

/** `alias` must be a trusted identifier: it is pasted into SQL. */
function assertAlias(alias: string): void {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(alias)) throw new Error(`Bad SQL alias: ${alias}`);
}

/**
 * The SQL fragment selecting content rows (`alias`) that `accountId` may see: not in someone
 * else's private space, and allowed by every registered rule (restrictions).
 */
export function visibleContentClause(db: DatabaseSync, accountId: string, alias = 'c'): SqlClause {
  assertAlias(alias);
  const clauses: SqlClause[] = [
    {
      sql: `(${alias}.space_id IS NULL OR ${alias}.space_id IN (SELECT id FROM spaces WHERE is_private = 0 OR author_id = ?))`,
      params: [accountId],
    },
    ...(rulesByDatabase.get(db) ?? []).map((rule) => rule.visibleClause(alias, accountId)),
  ];
  return {
    sql: clauses.map((clause) => clause.sql).join(' AND '),
    params: clauses.flatMap((clause) => clause.params),
  };
}

/** Whether `accountId` may see content `contentId` (false when it does not exist). */
export function canViewContent(db: DatabaseSync, accountId: string, contentId: number): boolean {
  const visible = visibleContentClause(db, accountId, 'c');
  const row = prepared(db, `SELECT 1 AS ok FROM content c WHERE c.id = ? AND ${visible.sql}`).get(
    contentId,
    ...visible.params,
  );
  return row !== undefined;
}

/** Whether `accountId` may edit content `contentId`: it can see it and no rule refuses. */
export function canEditContent(db: DatabaseSync, accountId: string, contentId: number): boolean {
  if (!canViewContent(db, accountId, contentId)) return false;
  return (rulesByDatabase.get(db) ?? []).every((rule) => rule.canEdit(contentId, accountId));
}

/**
 * 403 unless `accountId` may edit content `contentId` ("the calling user can view but not edit
 * the content", swagger.v3.json addLabelsToContent). Write routes call it after loading the
 * content and before writing anything.
 * @example assertCanEditContent(context.db, user.account_id, page.id);
 */
export function assertCanEditContent(db: DatabaseSync, accountId: string, contentId: number): void {
  if (!canEditContent(db, accountId, contentId))
    throw forbidden(
      `The user ${accountId} can view but not edit content ${contentId}: an update restriction does not name them`,
    );
}
