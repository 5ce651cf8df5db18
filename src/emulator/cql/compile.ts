/**
 * Compiles a parsed CQL query to SQL: a WHERE over content (`c`), one over spaces (`s`) when the
 * query asks for spaces (`type = space`), the FTS5 expression of its positive text terms (for
 * bm25 ranking and highlighting) and its ORDER BY keys; or, for user search, a WHERE over users
 * (`u`). Every value is a bound parameter.
 */
import { type CqlClause, type CqlExpression, type CqlQuery, isNegativeOperator } from './ast.ts';
import { type PositiveOperator, contentClause } from './compile-content.ts';
import { spaceClause } from './compile-space.ts';
import { userClause } from './compile-user.ts';
import { CqlError } from './errors.ts';
import {
  type CqlFieldSpec,
  type FieldDomain,
  ORDER_FIELDS,
  type OrderField,
  checkClause,
} from './fields.ts';
import { type Sql, combine, negate } from './sql.ts';
import type { CompileEnvironment } from './values.ts';

export interface CompiledOrder {
  field: OrderField;
  descending: boolean;
}

export interface CompiledContentSearch {
  /** WHERE over `content c` (status, visibility and trash are the caller's to add). */
  content: Sql;
  /** WHERE over `spaces s`, present when the query selects spaces (`type = space`). */
  spaces: Sql | undefined;
  /** FTS5 expression of the positive `text ~` / `title ~` terms, for ranking and highlighting. */
  match: string | undefined;
  /** Empty: rank by relevance. */
  orderBy: CompiledOrder[];
}

type Leaf = (
  clause: CqlClause,
  spec: CqlFieldSpec,
  operator: PositiveOperator,
  negated: boolean,
) => Sql;

const POSITIVE: Record<string, PositiveOperator> = { '!=': '=', '!~': '~', 'not in': 'in' };

/**
 * @throws {CqlError} for an unknown field, an unsupported operator, function or value, or a
 *   negative first clause.
 * @example compileContentSearch(parseCql('type = page AND text ~ "q3"'), environment).match // '("q3")'
 */
export function compileContentSearch(
  query: CqlQuery,
  environment: CompileEnvironment,
): CompiledContentSearch {
  rejectNegativeFirstClause(query.where, environment.query);
  const matches: string[] = [];
  let selectsSpaces = false;
  const content = walk(
    query.where,
    false,
    'content',
    environment,
    (clause, spec, operator, negated) => {
      const match = contentClause(clause, spec.name, operator, environment);
      if (!negated && match.fts) matches.push(match.fts);
      if (
        !negated &&
        spec.name === 'type' &&
        clause.values.some(
          (value) => value.kind === 'literal' && value.value.toLowerCase() === 'space',
        )
      ) {
        selectsSpaces = true;
      }
      return match.sql;
    },
  );
  const spaces = selectsSpaces
    ? walk(query.where, false, 'content', environment, (clause, spec, operator) =>
        spaceClause(clause, spec.name, operator, environment),
      )
    : undefined;
  return {
    content,
    spaces,
    match: matches.length ? matches.map((match) => `(${match})`).join(' OR ') : undefined,
    orderBy: query.orderBy.map((order) => {
      const field = order.field.toLowerCase();
      if (!(ORDER_FIELDS as readonly string[]).includes(field)) {
        throw new CqlError(
          'CQL_UNKNOWN_FIELD',
          `Cannot order by '${order.field}': order by ${ORDER_FIELDS.join(', ')}`,
          environment.query,
          order.span,
        );
      }
      return { field: field as OrderField, descending: order.descending };
    }),
  };
}

/**
 * A user search: the WHERE over `users u`.
 * @example compileUserSearch(parseCql('user.fullname ~ ali'), environment).sql
 */
export function compileUserSearch(query: CqlQuery, environment: CompileEnvironment): Sql {
  rejectNegativeFirstClause(query.where, environment.query);
  const order = query.orderBy[0];
  if (order)
    throw new CqlError(
      'CQL_SYNTAX',
      'User search does not support ORDER BY',
      environment.query,
      order.span,
    );
  return walk(query.where, false, 'user', environment, (clause, spec, operator) =>
    userClause(clause, spec.name, operator, environment),
  );
}

function walk(
  node: CqlExpression,
  negated: boolean,
  domain: FieldDomain,
  environment: CompileEnvironment,
  leaf: Leaf,
): Sql {
  switch (node.kind) {
    case 'and':
    case 'or':
      return combine(
        node.operands.map((operand) => walk(operand, negated, domain, environment, leaf)),
        node.kind === 'and' ? 'AND' : 'OR',
      );
    case 'not':
      return negate(walk(node.operand, !negated, domain, environment, leaf));
    case 'clause': {
      const spec = checkClause(node, domain, environment.query);
      const negative = isNegativeOperator(node.operator);
      const operator = POSITIVE[node.operator] ?? (node.operator as PositiveOperator);
      const sql = leaf(node, spec, operator, negated !== negative);
      return negative ? negate(sql) : sql;
    }
  }
}

/**
 * "Currently a negative expression cannot be the first clause in a CQL statement"
 * (developer.atlassian.com/cloud/confluence/cql-operators/): `NOT …`, `!=`, `!~` and `NOT IN`
 * must follow a positive clause, e.g. `type = page AND label != draft`.
 */
function rejectNegativeFirstClause(node: CqlExpression, query: string): void {
  let first = node;
  while (first.kind === 'and' || first.kind === 'or') first = first.operands[0]!;
  if (first.kind === 'not' || isNegativeOperator(first.operator)) {
    throw new CqlError(
      'CQL_NEGATIVE_FIRST_CLAUSE',
      'A negative expression cannot be the first clause: start with a positive clause, e.g. type = page AND label != draft',
      query,
      first.span,
    );
  }
}
