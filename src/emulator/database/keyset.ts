/**
 * Keyset ("seek") pagination in SQL: rows after the last one of the previous page, in a stable
 * order (the sort column, then the id). Used by stores behind v2 cursors.
 */
import type { SQLInputValue } from 'node:sqlite';
import type { CursorPosition } from '../http/pagination.ts';

export interface KeysetOrder {
  /** A trusted column expression (never user input), e.g. `c.created_at`. */
  column: string;
  /** The unique tiebreaker, e.g. `c.id`. */
  idColumn: string;
  descending: boolean;
}

/** `ORDER BY column dir, id dir`. */
export function keysetOrderBy(order: KeysetOrder): string {
  const direction = order.descending ? 'DESC' : 'ASC';
  if (order.column === order.idColumn) return `${order.idColumn} ${direction}`;
  return `${order.column} ${direction}, ${order.idColumn} ${direction}`;
}

/** The WHERE fragment selecting rows after `position`, with its parameters. */
export function keysetAfter(
  order: KeysetOrder,
  position: CursorPosition | undefined,
): { sql: string; params: SQLInputValue[] } {
  if (!position) return { sql: '1 = 1', params: [] };
  const comparison = order.descending ? '<' : '>';
  if (order.column === order.idColumn) {
    return { sql: `${order.idColumn} ${comparison} ?`, params: [position.id] };
  }
  return {
    sql: `(${order.column} ${comparison} ? OR (${order.column} = ? AND ${order.idColumn} ${comparison} ?))`,
    params: [position.value, position.value, position.id],
  };
}

/** `?, ?, ?` for an IN list of `count` values. */
export function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}
