/**
 * `~` clauses as SQL. Over content, the FTS5 index `content_fts` (title + body text, rowid =
 * content id) answers the words; words with a leading or inner wildcard fall back to LIKE. Over
 * spaces and users (a handful of rows, no index) every word is a LIKE.
 */
import type { CqlClause } from './ast.ts';
import { type Sql, combine, fragment, idIn } from './sql.ts';
import {
  type TextQuery,
  containsPattern,
  ftsGroupExpression,
  parseTextQuery,
} from './text-query.ts';
import { type CompileEnvironment, invalid } from './values.ts';

export interface TextMatch {
  sql: Sql;
  /** The FTS5 expression of the index-able words, for bm25 ranking and highlighting. */
  fts: string | undefined;
}

/**
 * The words of a `~` clause; a value with no word in it is a 400.
 * @example textQueryOf(clause, environment) // [[{ text: 'runbook', prefix: false, like: undefined }]]
 */
export function textQueryOf(clause: CqlClause, environment: CompileEnvironment): TextQuery {
  const value = clause.values[0]!;
  if (value.kind !== 'literal') throw invalid(`'${clause.field} ~' takes text`, value, environment);
  const query = parseTextQuery(value.value);
  if (query.length === 0) {
    throw invalid(
      `'${clause.field} ~' needs at least one word (letters or digits) to search for`,
      value,
      environment,
    );
  }
  return query;
}

const MATCH = 'SELECT rowid FROM content_fts WHERE content_fts MATCH ?';

/**
 * `title ~ …` (scope `title`) or `text ~ …` (scope `all`: title and body) over `content c`.
 * @example contentTextMatch(parseTextQuery('deploy'), 'all').fts // '("deploy")'
 */
export function contentTextMatch(query: TextQuery, scope: 'title' | 'all'): TextMatch {
  const column = scope === 'title' ? 'title' : undefined;
  const expressions = query.map((group) => ftsGroupExpression(group, column));
  const fts = expressions.every((expression) => expression !== undefined)
    ? expressions.join(' OR ')
    : undefined;
  const ranked =
    expressions.filter((expression) => expression !== undefined).join(' OR ') || undefined;
  // Without wildcards, one MATCH answers every alternative.
  if (fts !== undefined) return { sql: idIn('c.id', fragment(MATCH, fts)), fts };
  const groups = query.map((group, index) => {
    const parts: Sql[] = group
      .filter((term) => term.like !== undefined)
      .map((term) =>
        scope === 'title'
          ? fragment(`c.title LIKE ? ESCAPE '\\'`, term.like!)
          : idIn(
              'c.id',
              fragment(
                `SELECT rowid FROM content_fts WHERE title LIKE ? ESCAPE '\\' OR body LIKE ? ESCAPE '\\'`,
                term.like!,
                term.like!,
              ),
            ),
      );
    const expression = expressions[index];
    if (expression !== undefined) parts.unshift(idIn('c.id', fragment(MATCH, expression)));
    return combine(parts, 'AND');
  });
  return { sql: combine(groups, 'OR'), fts: ranked };
}

/**
 * Every word as a case-insensitive substring of `column` (a trusted SQL expression).
 * @example likeTextMatch(parseTextQuery('ops'), 's.name') // s.name LIKE '%ops%' ESCAPE '\\'
 */
export function likeTextMatch(query: TextQuery, column: string): Sql {
  const groups = query.map((group) =>
    combine(
      group.map((term) =>
        fragment(`${column} LIKE ? ESCAPE '\\'`, term.like ?? containsPattern(term.text)),
      ),
      'AND',
    ),
  );
  return combine(groups, 'OR');
}
