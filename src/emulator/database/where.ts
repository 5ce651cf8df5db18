/**
 * Builds the WHERE clause of a filtered listing from trusted SQL fragments and bound values (user
 * input only ever travels as a bound parameter).
 */
import type { SQLInputValue } from 'node:sqlite';
import { placeholders } from './keyset.ts';

export interface WhereBuilder {
  /** Adds `fragment` (with `?` placeholders) and its values. */
  add(fragment: string, ...values: SQLInputValue[]): WhereBuilder;
  /** Adds `column IN (…)` unless `values` is empty (no filter). */
  in(column: string, values: readonly SQLInputValue[]): WhereBuilder;
  sql(): string;
  params: SQLInputValue[];
}

/**
 * @example const where = createWhere().add('space_id = ?', 7).in('status', ['current']);
 */
export function createWhere(): WhereBuilder {
  const fragments: string[] = [];
  const builder: WhereBuilder = {
    params: [],
    add(fragment, ...values) {
      fragments.push(fragment);
      builder.params.push(...values);
      return builder;
    },
    in(column, values) {
      if (values.length === 0) return builder;
      return builder.add(`${column} IN (${placeholders(values.length)})`, ...values);
    },
    sql: () => (fragments.length === 0 ? '1 = 1' : fragments.join(' AND ')),
  };
  return builder;
}
