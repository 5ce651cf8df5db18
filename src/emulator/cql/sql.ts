/**
 * SQL fragments the CQL compiler assembles: trusted SQL text with `?` placeholders plus the values
 * bound to them. User input only ever travels in `params`, never in `sql`.
 */
import type { SQLInputValue } from 'node:sqlite';

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

/** `(a) AND (b)`, `(a) OR (b)`. */
export function combine(parts: Sql[], operator: 'AND' | 'OR'): Sql {
  if (parts.length === 1) return parts[0]!;
  return {
    sql: parts.map((part) => `(${part.sql})`).join(` ${operator} `),
    params: parts.flatMap((part) => part.params),
  };
}

export function negate(part: Sql): Sql {
  return { sql: `NOT (${part.sql})`, params: part.params };
}

/** `?, ?, ?` for `count` values. */
export function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}

/**
 * `column IN (?, …)` that is never NULL (a NULL column gives 0), so that `NOT` of it is the exact
 * complement, as Confluence's index behaves: `parent != 5` includes content without a parent.
 */
export function memberOf(column: string, values: readonly SQLInputValue[], collate = ''): Sql {
  if (values.length === 0) return FALSE_SQL;
  return {
    sql: `COALESCE(${column}${collate} IN (${placeholders(values.length)}), 0)`,
    params: [...values],
  };
}

/** `c.id IN (subquery)`: the subquery must select non-NULL ids. */
export function idIn(column: string, subquery: Sql): Sql {
  return { sql: `${column} IN (${subquery.sql})`, params: subquery.params };
}
