/**
 * The CQL syntax tree the parser (`cql.peggy`) builds. Every node keeps where it came from in the
 * query (`span`, 0-based offsets, end exclusive), so that a semantic error (an unknown field, an
 * operator a field does not support, a bad date) can say exactly where the query went wrong.
 */

/** A range of the query text: `start` inclusive, `end` exclusive, 0-based UTF-16 offsets. */
export interface CqlSpan {
  start: number;
  end: number;
}

/** The comparison operators of CQL (developer.atlassian.com/cloud/confluence/cql-operators/). */
export type CqlOperator = '=' | '!=' | '~' | '!~' | '>' | '>=' | '<' | '<=' | 'in' | 'not in';

/** A value written in the query: `page`, `"release notes"`, `'a b'`. */
export interface CqlLiteral {
  kind: 'literal';
  /** The value with quotes removed and `\"`, `\'`, `\\` unescaped. */
  value: string;
  quoted: boolean;
  span: CqlSpan;
}

/** A function call in value position: `currentUser()`, `startOfDay("-7d")`. */
export interface CqlFunction {
  kind: 'function';
  /** As written (CQL function names are matched case-insensitively). */
  name: string;
  arguments: CqlLiteral[];
  span: CqlSpan;
}

export type CqlValue = CqlLiteral | CqlFunction;

/** `field operator value` or `field [NOT] IN (value, …)`. */
export interface CqlClause {
  kind: 'clause';
  /** As written; fields are matched case-insensitively (`lastModified` = `lastmodified`). */
  field: string;
  fieldSpan: CqlSpan;
  operator: CqlOperator;
  operatorSpan: CqlSpan;
  /** One value, or the list of an `IN` / `NOT IN`. */
  values: CqlValue[];
  span: CqlSpan;
}

export interface CqlAnd {
  kind: 'and';
  operands: CqlExpression[];
  span: CqlSpan;
}

export interface CqlOr {
  kind: 'or';
  operands: CqlExpression[];
  span: CqlSpan;
}

export interface CqlNot {
  kind: 'not';
  operand: CqlExpression;
  span: CqlSpan;
}

export type CqlExpression = CqlClause | CqlAnd | CqlOr | CqlNot;

/** One `ORDER BY` key. */
export interface CqlOrder {
  field: string;
  descending: boolean;
  span: CqlSpan;
}

/** A parsed query: the condition and the optional `ORDER BY` keys. */
export interface CqlQuery {
  where: CqlExpression;
  orderBy: CqlOrder[];
}

/**
 * True for the operators that select what does NOT match (`!=`, `!~`, `NOT IN`).
 * @example isNegativeOperator('not in') // true
 */
export function isNegativeOperator(operator: CqlOperator): boolean {
  return operator === '!=' || operator === '!~' || operator === 'not in';
}
