/**
 * Limits on one CQL query, so that a hostile or runaway query is a clear 400 instead of a stack
 * overflow in the parser or an SQLite limit (expression depth 1000, bound variables) as a 500.
 * Each error quotes the limit and the figure reached.
 */
import type { CqlExpression, CqlQuery } from './ast.ts';
import { CqlError } from './errors.ts';

/** Characters in a query (the text is parsed recursively; longer queries are refused unread). */
export const MAX_CQL_CHARS = 10_000;
/** Nested parentheses and NOTs. */
export const MAX_CQL_DEPTH = 32;
/** Clauses (`field op value`) in one query. */
export const MAX_CQL_CLAUSES = 200;
/** Values over all clauses (`IN` lists included). */
export const MAX_CQL_VALUES = 1_000;

/** @example checkLength(cql); // throws past 10,000 characters */
export function checkLength(query: string): void {
  if (query.length > MAX_CQL_CHARS) {
    throw new CqlError(
      'CQL_TOO_COMPLEX',
      `The query has ${query.length} characters; at most ${MAX_CQL_CHARS} are accepted`,
      query,
      MAX_CQL_CHARS,
    );
  }
}

/** @example checkComplexity(parseCql(text), text); */
export function checkComplexity(parsed: CqlQuery, query: string): void {
  let clauses = 0;
  let values = 0;
  const visit = (node: CqlExpression, depth: number): void => {
    if (depth > MAX_CQL_DEPTH) {
      throw new CqlError(
        'CQL_TOO_COMPLEX',
        `The query nests more than ${MAX_CQL_DEPTH} levels of parentheses and NOT`,
        query,
        node.span,
      );
    }
    if (node.kind === 'clause') {
      clauses++;
      values += node.values.length;
      if (clauses > MAX_CQL_CLAUSES) {
        throw new CqlError(
          'CQL_TOO_COMPLEX',
          `The query has more than ${MAX_CQL_CLAUSES} clauses`,
          query,
          node.span,
        );
      }
      if (values > MAX_CQL_VALUES) {
        throw new CqlError(
          'CQL_TOO_COMPLEX',
          `The query has more than ${MAX_CQL_VALUES} values`,
          query,
          node.span,
        );
      }
    } else if (node.kind === 'not') visit(node.operand, depth + 1);
    else for (const operand of node.operands) visit(operand, depth + 1);
  };
  visit(parsed.where, 0);
}
