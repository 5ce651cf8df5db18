/**
 * SQL fragments the CQL compiler assembles: trusted SQL text with `?` placeholders plus the values
 * bound to them. User input only ever travels in `params`, never in `sql`.
 */
import type { SQLInputValue } from 'node:sqlite';
import { placeholders } from '../database/keyset.ts';

export interface Sql {
  sql: string;
  params: SQLInputValue[];
}

export const TRUE_SQL: Sql = { sql: '1', params: [] };
export const FALSE_SQL: Sql = { sql: '0', params: [] };

/** @example fragment('c.title = ? COLLATE NOCASE', title) */
export function fragment(sql: string, ...params: SQLInputValue[]): Sql {
  return { sql, params };
}

/**
 * `(a) AND (b)`, `(a) OR (b)`.
 * @example combine([fragment('a = ?', 1), fragment('b = ?', 2)], 'OR') // (a = ?) OR (b = ?)
 */
export function combine(parts: Sql[], operator: 'AND' | 'OR'): Sql {
  if (parts.length === 1) return parts[0]!;
  return {
    sql: parts.map((part) => `(${part.sql})`).join(` ${operator} `),
    params: parts.flatMap((part) => part.params),
  };
}

/**
 * @example negate(fragment('c.type = ?', 'page')) // NOT (c.type = ?)
 */
export function negate(part: Sql): Sql {
  return { sql: `NOT (${part.sql})`, params: part.params };
}

export { placeholders } from '../database/keyset.ts';

/**
 * `column IN (?, …)` that is never NULL (a NULL column gives 0), so that `NOT` of it is the exact
 * complement, as Confluence's index behaves: `parent != 5` includes content without a parent.
 * @example memberOf('c.parent_id', [5, 6]) // COALESCE(c.parent_id IN (?, ?), 0)
 */
export function memberOf(column: string, values: readonly SQLInputValue[], collate = ''): Sql {
  if (values.length === 0) return FALSE_SQL;
  return {
    sql: `COALESCE(${column}${collate} IN (${placeholders(values.length)}), 0)`,
    params: [...values],
  };
}

/**
 * `c.id IN (subquery)`: the subquery must select non-NULL ids.
 * @example idIn('c.id', fragment('SELECT rowid FROM content_fts WHERE content_fts MATCH ?', '"q3"'))
 */
export function idIn(column: string, subquery: Sql): Sql {
  return { sql: `${column} IN (${subquery.sql})`, params: subquery.params };
}
