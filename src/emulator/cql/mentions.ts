/**
 * CQL `mention` (developer.atlassian.com/cloud/confluence/cql-fields/#mentions): content whose
 * current body mentions a user. In storage format a mention is a user link,
 * `<ac:link><ri:user ri:account-id="…" /></ac:link>` (what the editor writes for `@name`, and for
 * a task's assignee). Bodies are stored as clients sent them, so quoting and spacing vary: the
 * body is parsed (htmlparser2, as everywhere in the emulator) by a SQLite function, and only
 * bodies that contain the account id at all are parsed.
 */
import type { DatabaseSync } from 'node:sqlite';
import { findAll } from 'domutils';
import { isElement, parseStorage } from '../bodies/dom.ts';
import { FALSE_SQL, type Sql, combine } from './sql.ts';

/** The SQLite function `cql_mentions(body, accountId)`: 1 when the body mentions the account. */
export const MENTIONS_FUNCTION = 'cql_mentions';

/**
 * The account ids a storage body mentions.
 * @example mentionedAccounts('<p><ac:link><ri:user ri:account-id="557058:a" /></ac:link></p>') // Set { '557058:a' }
 */
export function mentionedAccounts(storage: string): Set<string> {
  const accounts = new Set<string>();
  if (!storage.includes('ri:user')) return accounts;
  const links = findAll((element) => element.name === 'ac:link', parseStorage(storage));
  for (const link of links) {
    for (const user of link.children) {
      if (!isElement(user) || user.name !== 'ri:user') continue;
      const accountId = user.attribs['ri:account-id'];
      if (accountId) accounts.add(accountId);
    }
  }
  return accounts;
}

/** Registers `cql_mentions` on the emulator's database (once, at start). */
export function registerMentionsFunction(db: DatabaseSync): void {
  db.function(MENTIONS_FUNCTION, { deterministic: true }, (body, accountId) =>
    typeof body === 'string' && typeof accountId === 'string'
      ? Number(mentionedAccounts(body).has(accountId))
      : 0,
  );
}

/**
 * Content (alias `c`) whose current version mentions any of `accounts`; 0 or 1, never NULL.
 * @example mentionMatch(['557058:a']) // EXISTS (SELECT 1 FROM content_versions v WHERE …)
 */
export function mentionMatch(accounts: readonly string[]): Sql {
  if (accounts.length === 0) return FALSE_SQL;
  return combine(
    accounts.map((accountId) => ({
      sql: `EXISTS (SELECT 1 FROM content_versions v WHERE v.content_id = c.id AND v.number = c.version AND instr(v.body, ?) > 0 AND ${MENTIONS_FUNCTION}(v.body, ?) = 1)`,
      params: [accountId, accountId],
    })),
    'OR',
  );
}
