/**
 * `sort=` values (`title`, `-modified-date`, ...) → a keyset order over the content table.
 */
import type { Context } from 'hono';
import type { KeysetOrder } from '../database/keyset.ts';
import { queryEnum } from '../http/query.ts';
import { CONTENT_SORT_COLUMNS } from './queries.ts';

export interface ParsedSort {
  /** The sort as written (cursor binding). */
  name: string;
  order: KeysetOrder;
}

export function parseSort(
  name: string,
  columns: Record<string, string> = CONTENT_SORT_COLUMNS,
  idColumn = 'c.id',
): ParsedSort {
  const descending = name.startsWith('-');
  const column = columns[descending ? name.slice(1) : name] ?? idColumn;
  return { name, order: { column, idColumn, descending } };
}

/** Reads `sort` (one of `allowed`), defaulting to `fallback`. */
export function querySort(c: Context, allowed: readonly string[], fallback: string): ParsedSort {
  return parseSort(queryEnum(c, 'sort', allowed) ?? fallback);
}
