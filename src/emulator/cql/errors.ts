/**
 * The one error the CQL layer throws: a stable code, a message that says what is wrong and how to
 * fix it, and where in the query it went wrong. The search routes translate it once into
 * Confluence's v1 400 body (`Could not parse cql : …`), so callers see the position too.
 */
import type { CqlSpan } from './ast.ts';

export type CqlErrorCode =
  /** The text is not CQL: a missing value, an unclosed quote or bracket, a stray word. */
  | 'CQL_SYNTAX'
  /** No such field (`status = current`). */
  | 'CQL_UNKNOWN_FIELD'
  /** The field does not take this operator (`type ~ page`). */
  | 'CQL_UNSUPPORTED_OPERATOR'
  /** A value the field cannot take (`type = bogus`, `created > "yesterday"`, `id = abc`). */
  | 'CQL_INVALID_VALUE'
  /** An unknown function, or one the field does not take (`space = startOfDay()`). */
  | 'CQL_UNSUPPORTED_FUNCTION'
  /** The first clause is negative (documented: "a negative expression cannot be the first clause"). */
  | 'CQL_NEGATIVE_FIRST_CLAUSE'
  /** A field this endpoint does not search (`user.fullname` on /search, `space` on /search/user). */
  | 'CQL_WRONG_ENDPOINT'
  /** Past a limit of limits.ts: too long, too deep, too many clauses or values. */
  | 'CQL_TOO_COMPLEX';

/** Longest part of the query an error message repeats. */
export const MAX_ECHOED_QUERY_CHARS = 500;

/** Where an error is: 0-based offset, 1-based line and column. */
export interface CqlPosition {
  offset: number;
  line: number;
  column: number;
}

/**
 * @example throw new CqlError('CQL_UNKNOWN_FIELD', "No field exists with the name: 'status'", query, span);
 */
export class CqlError extends Error {
  override name = 'CqlError';
  readonly code: CqlErrorCode;
  readonly query: string;
  readonly position: CqlPosition;
  /** What is wrong, without the query and position (`message` adds both). */
  readonly detail: string;

  constructor(code: CqlErrorCode, detail: string, query: string, at: CqlSpan | number) {
    const position = positionOf(query, typeof at === 'number' ? at : at.start);
    const shown =
      query.length > MAX_ECHOED_QUERY_CHARS ? `${query.slice(0, MAX_ECHOED_QUERY_CHARS)}…` : query;
    super(
      `Could not parse cql : ${shown} (${detail}; at line ${position.line}, column ${position.column})`,
    );
    this.code = code;
    this.query = query;
    this.position = position;
    this.detail = detail;
  }
}

/**
 * Line and column (1-based) of a 0-based offset.
 * @example positionOf('a\nbc', 3) // { offset: 3, line: 2, column: 2 }
 */
export function positionOf(text: string, offset: number): CqlPosition {
  const before = text.slice(0, offset);
  const lines = before.split(/\r\n|\r|\n/);
  return { offset, line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}
