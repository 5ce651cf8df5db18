/**
 * One CQL clause as SQL over the spaces table (alias `s`), for `type = space` searches, in its
 * positive form. Space entities answer the space fields, `title` (the space name), `text` (name
 * and description), `label` (space labels), `creator` and the dates; content-only fields
 * (`ancestor`, `parent`, `id`, …) match no space.
 */
import type { CqlClause } from './ast.ts';
import { type PositiveOperator, dateComparison } from './compile-content.ts';
import { labelMatch } from './labels.ts';
import { FALSE_SQL, type Sql, TRUE_SQL, memberOf } from './sql.ts';
import { likeTextMatch, textQueryOf } from './text-sql.ts';
import { type CompileEnvironment, labelValues, stringValues, typeValues } from './values.ts';

/**
 * @example spaceClause(clause, 'space', '=', environment) // COALESCE(s.key COLLATE NOCASE IN (?), 0)
 */
export function spaceClause(
  clause: CqlClause,
  field: string,
  operator: PositiveOperator,
  environment: CompileEnvironment,
): Sql {
  if (operator === '~') {
    const query = textQueryOf(clause, environment);
    const column =
      field === 'title' || field === 'space.title' ? 's.name' : `s.name || ' ' || s.description`;
    return likeTextMatch(query, column);
  }
  switch (field) {
    case 'type':
      return typeValues(clause, environment).includes('space') ? TRUE_SQL : FALSE_SQL;
    case 'space':
    case 'space.key':
      return memberOf('s.key', stringValues(clause, environment), ' COLLATE NOCASE');
    case 'title':
    case 'space.title':
      return memberOf('s.name', stringValues(clause, environment), ' COLLATE NOCASE');
    case 'space.type':
      return memberOf('s.type', stringValues(clause, environment), ' COLLATE NOCASE');
    case 'label':
      return labelMatch(labelValues(clause, environment), 's.id', environment.accountId, 'space');
    case 'creator':
      return memberOf('s.author_id', stringValues(clause, environment));
    case 'created':
    case 'lastmodified':
      return dateComparison('s.created_at', clause, operator, environment);
    default:
      return FALSE_SQL;
  }
}
