/**
 * CQL, the Confluence Query Language: a parser (peggy grammar `cql.peggy`) to a syntax tree, and a
 * compiler from that tree to parameterised SQL over the emulator's tables. The search routes
 * (src/emulator/search) are its callers; a `CqlError` becomes the v1 400 body at their edge.
 *
 * @example
 * const query = parseCql('type = page AND space = ENG AND text ~ "runbook" ORDER BY title');
 * const compiled = compileContentSearch(query, { query: text, accountId, timeZone: 'UTC', now, labels: true });
 * db.prepare(`SELECT c.id FROM content c WHERE ${compiled.content.sql}`).all(...compiled.content.params);
 */
export type { CqlQuery, CqlExpression, CqlClause, CqlValue, CqlSpan, CqlOperator } from './ast.ts';
export { parseCql, CQL_RESERVED_WORDS } from './parser.ts';
export { CqlError, type CqlErrorCode, type CqlPosition } from './errors.ts';
export {
  compileContentSearch,
  compileUserSearch,
  type CompiledContentSearch,
  type CompiledOrder,
} from './compile.ts';
export type { CompileEnvironment } from './values.ts';
export type { Sql } from './sql.ts';
export { LABEL_TABLES } from './labels.ts';
