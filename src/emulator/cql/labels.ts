/**
 * `label = x` as SQL over the labels module's tables (src/emulator/labels/schema.ts):
 * `content_labels` / `space_labels` joined to `labels`, whose names are stored lower-case.
 * A value may carry its prefix (`label = "team:roadmap"`); personal `my` labels count only for
 * their owner, as Confluence shows them to nobody else.
 */
import type { SQLInputValue } from 'node:sqlite';
import { type Sql, idIn, placeholders } from './sql.ts';

/** Whether the labels tables exist (an emulator built without the labels module has none). */
export const LABEL_TABLES = ['labels', 'content_labels', 'space_labels'] as const;

/**
 * Content (`idColumn` = `c.id`) or spaces (`s.id`, `target` = `space`) carrying any of `values`.
 * @example labelMatch(['q3', 'team:roadmap'], 'c.id', accountId)
 */
export function labelMatch(
  values: string[],
  idColumn: string,
  accountId: string,
  target: 'content' | 'space' = 'content',
): Sql {
  const names: string[] = [];
  const prefixed: Array<[string, string]> = [];
  for (const value of values) {
    const label = value.trim().toLowerCase();
    const separator = label.indexOf(':');
    if (separator < 0) names.push(label);
    else prefixed.push([label.slice(0, separator), label.slice(separator + 1)]);
  }
  const conditions: string[] = [];
  const params: SQLInputValue[] = [];
  if (names.length) {
    conditions.push(`l.name IN (${placeholders(names.length)})`);
    params.push(...names);
  }
  for (const [prefix, name] of prefixed) {
    conditions.push('(l.prefix = ? AND l.name = ?)');
    params.push(prefix, name);
  }
  const [table, column] =
    target === 'content' ? ['content_labels', 'content_id'] : ['space_labels', 'space_id'];
  return idIn(idColumn, {
    sql: `SELECT x.${column} FROM ${table} x JOIN labels l ON l.id = x.label_id
      WHERE (${conditions.join(' OR ')}) AND (l.prefix != 'my' OR l.owner_id = ?)`,
    params: [...params, accountId],
  });
}
