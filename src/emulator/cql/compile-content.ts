/**
 * One CQL clause as SQL over the content table (alias `c`), in its positive form: the caller
 * wraps `!=`, `!~` and `NOT IN` in `NOT (…)`, which is exact because every fragment here is 0 or
 * 1, never NULL.
 */
import type { CqlClause, CqlOperator } from './ast.ts';
import { dateRange } from './dates.ts';
import { labelMatch } from './labels.ts';
import { mentionMatch } from './mentions.ts';
import { FALSE_SQL, type Sql, fragment, idIn, memberOf, placeholders } from './sql.ts';
import { type TextMatch, contentTextMatch, likeTextMatch, textQueryOf } from './text-sql.ts';
import {
  type CompileEnvironment,
  idValues,
  labelValues,
  stringValues,
  typeValues,
} from './values.ts';

/** Content that forms the page tree (`ancestor`, `parent`): not comments, which nest by reply. */
export const TREE_TYPES = ['page', 'whiteboard', 'database', 'folder', 'embed'] as const;
const TREE_TYPE_LIST = TREE_TYPES.map((type) => `'${type}'`).join(', ');

/** Positive operators: `=`, `in`, `~` and the date comparisons. */
export type PositiveOperator = Exclude<CqlOperator, '!=' | '!~' | 'not in'>;

/**
 * @example contentClause(clause, 'title', '~', environment) // { sql: c.id IN (SELECT rowid …), fts: 'title : ("release")' }
 */
export function contentClause(
  clause: CqlClause,
  field: string,
  operator: PositiveOperator,
  environment: CompileEnvironment,
): TextMatch {
  if (operator === '~') return textClause(clause, field, environment);
  return { sql: setOrDateClause(clause, field, operator, environment), fts: undefined };
}

function textClause(clause: CqlClause, field: string, environment: CompileEnvironment): TextMatch {
  const query = textQueryOf(clause, environment);
  if (field === 'space.title')
    return { sql: spaceSubquery(likeTextMatch(query, 'name')), fts: undefined };
  return contentTextMatch(query, field === 'title' ? 'title' : 'all');
}

function setOrDateClause(
  clause: CqlClause,
  field: string,
  operator: PositiveOperator,
  environment: CompileEnvironment,
): Sql {
  switch (field) {
    case 'type':
      return memberOf('c.type', typeValues(clause, environment));
    case 'space':
    case 'space.key':
      return spaceSubquery(memberOf('key', stringValues(clause, environment), ' COLLATE NOCASE'));
    case 'space.title':
      return spaceSubquery(memberOf('name', stringValues(clause, environment), ' COLLATE NOCASE'));
    case 'space.type':
      return spaceSubquery(memberOf('type', stringValues(clause, environment), ' COLLATE NOCASE'));
    case 'title':
      return memberOf('c.title', stringValues(clause, environment), ' COLLATE NOCASE');
    case 'label':
      return labelMatch(labelValues(clause, environment), 'c.id', environment.accountId);
    case 'id':
    case 'content':
      return memberOf('c.id', idValues(clause, environment));
    case 'parent':
      return memberOf('c.parent_id', idValues(clause, environment));
    case 'container':
      return memberOf('c.container_id', idValues(clause, environment));
    case 'ancestor':
      return descendantsOf(idValues(clause, environment));
    case 'creator':
      return memberOf('c.author_id', stringValues(clause, environment));
    case 'contributor': {
      const accounts = stringValues(clause, environment);
      return idIn(
        'c.id',
        fragment(
          `SELECT content_id FROM content_versions WHERE author_id IN (${placeholders(accounts.length)})`,
          ...accounts,
        ),
      );
    }
    case 'mention':
      return mentionMatch(stringValues(clause, environment));
    case 'created':
    case 'lastmodified':
      return dateComparison(
        field === 'created' ? 'c.created_at' : 'c.updated_at',
        clause,
        operator,
        environment,
      );
    default:
      return FALSE_SQL;
  }
}

/** Content in a space matching `spaceCondition` (over the `spaces` table). */
function spaceSubquery(spaceCondition: Sql): Sql {
  return {
    sql: `COALESCE(c.space_id IN (SELECT id FROM spaces WHERE ${spaceCondition.sql}), 0)`,
    params: spaceCondition.params,
  };
}

/** Every tree descendant of the given content (recursive over `parent_id`). */
function descendantsOf(ids: number[]): Sql {
  return idIn(
    'c.id',
    fragment(
      `WITH RECURSIVE descendants(id) AS (
         SELECT id FROM content WHERE parent_id IN (${placeholders(ids.length)}) AND type IN (${TREE_TYPE_LIST})
         UNION SELECT child.id FROM content child JOIN descendants d ON child.parent_id = d.id
           WHERE child.type IN (${TREE_TYPE_LIST})
       ) SELECT id FROM descendants`,
      ...ids,
    ),
  );
}

/**
 * A date column (ms since epoch) against a date value: see dates.ts for the range semantics.
 * @example dateComparison('c.created_at', clause, '>', environment) // c.created_at >= ? (end of the day)
 */
export function dateComparison(
  column: string,
  clause: CqlClause,
  operator: PositiveOperator,
  environment: CompileEnvironment,
): Sql {
  const range = dateRange(clause.values[0]!, {
    now: environment.now,
    timeZone: environment.timeZone,
    query: environment.query,
  });
  switch (operator) {
    case '>':
      return fragment(`${column} >= ?`, range.end);
    case '>=':
      return fragment(`${column} >= ?`, range.start);
    case '<':
      return fragment(`${column} < ?`, range.start);
    case '<=':
      return fragment(`${column} < ?`, range.end);
    default:
      return fragment(`(${column} >= ? AND ${column} < ?)`, range.start, range.end);
  }
}
