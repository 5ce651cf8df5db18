/**
 * The CQL fields the emulator searches, with the operators and functions each takes
 * (developer.atlassian.com/cloud/confluence/cql-fields/), and the checks that turn an unknown
 * field, an operator a field does not take or a misplaced function into a 400 with its position.
 */
import { distance } from 'fastest-levenshtein';
import type { CqlClause, CqlOperator } from './ast.ts';
import { DATE_FUNCTIONS } from './dates.ts';
import { CqlError } from './errors.ts';

/** Which endpoint a field belongs to: content search (/search, /content/search) or /search/user. */
export type FieldDomain = 'content' | 'user';

export interface CqlFieldSpec {
  /** Canonical lower-case name. */
  name: string;
  domain: FieldDomain;
  operators: readonly CqlOperator[];
  /** Lower-case function names the field accepts as a value. */
  functions: readonly string[];
}

const SET: readonly CqlOperator[] = ['=', '!=', 'in', 'not in'];
const TEXT: readonly CqlOperator[] = ['~', '!~'];
const DATE: readonly CqlOperator[] = ['=', '!=', '>', '>=', '<', '<='];

const field = (
  name: string,
  operators: readonly CqlOperator[],
  functions: readonly string[] = [],
  domain: FieldDomain = 'content',
): CqlFieldSpec => ({ name, domain, operators, functions });

/** Every field, by lower-case name (aliases point at the same spec). */
export const CQL_FIELDS: ReadonlyMap<string, CqlFieldSpec> = new Map(
  [
    field('type', SET),
    field('space', SET, ['currentspace']),
    field('space.key', SET, ['currentspace']),
    field('space.title', [...SET, ...TEXT]),
    field('space.type', SET),
    field('title', [...SET, ...TEXT]),
    field('text', TEXT),
    // Undocumented, but Confluence names it in its own errors and ranks with it (observed 2026).
    field('sitesearch', TEXT),
    field('label', SET),
    field('id', SET, ['currentcontent']),
    field('content', SET, ['currentcontent']),
    field('ancestor', SET, ['currentcontent']),
    field('parent', SET, ['currentcontent']),
    field('container', SET, ['currentcontent']),
    field('creator', SET, ['currentuser']),
    field('contributor', SET, ['currentuser']),
    field('mention', SET, ['currentuser']),
    field('created', DATE, DATE_FUNCTIONS),
    field('lastmodified', DATE, DATE_FUNCTIONS),
    field('type', SET, [], 'user'),
    field('user', SET, ['currentuser'], 'user'),
    field('user.accountid', SET, ['currentuser'], 'user'),
    field('user.fullname', TEXT, [], 'user'),
  ].map((spec) => [`${spec.domain}:${spec.name}`, spec]),
);

/** Documented fields the emulator does not search: named as such rather than as unknown. */
const UNSUPPORTED_FIELDS = new Set([
  'watcher',
  'favourite',
  'favorite',
  'macro',
  'content.property',
  'space.category',
  'subtype',
  'user.userkey',
]);

/** ORDER BY keys (lower case). */
export const ORDER_FIELDS = ['title', 'created', 'lastmodified', 'id'] as const;
export type OrderField = (typeof ORDER_FIELDS)[number];

/**
 * The spec of a clause's field on this endpoint, after checking the operator and any function.
 * @throws {CqlError} unknown field, field of the other endpoint, unsupported operator or function.
 * @example checkClause(clause, 'content', query).name // 'lastmodified' for `lastModified > …`
 */
export function checkClause(clause: CqlClause, domain: FieldDomain, query: string): CqlFieldSpec {
  const name = clause.field.toLowerCase();
  const spec = CQL_FIELDS.get(`${domain}:${name}`);
  if (!spec) throw unknownField(clause, domain, query);
  if (!spec.operators.includes(clause.operator)) {
    const allowed = spec.operators.map((operator) => operator.toUpperCase()).join(', ');
    throw new CqlError(
      'CQL_UNSUPPORTED_OPERATOR',
      `The operator '${clause.operator.toUpperCase()}' is not supported by the field '${clause.field}'; it supports: ${allowed}`,
      query,
      clause.operatorSpan,
    );
  }
  for (const value of clause.values) {
    if (value.kind === 'function' && !spec.functions.includes(value.name.toLowerCase())) {
      const allowed = spec.functions.length
        ? `it takes ${spec.functions.map((name) => `${canonicalFunction(name)}()`).join(', ')}`
        : 'it takes no functions';
      throw new CqlError(
        'CQL_UNSUPPORTED_FUNCTION',
        `The function ${value.name}() is not supported by the field '${clause.field}': ${allowed}`,
        query,
        value.span,
      );
    }
  }
  return spec;
}

function unknownField(clause: CqlClause, domain: FieldDomain, query: string): CqlError {
  const name = clause.field.toLowerCase();
  const other: FieldDomain = domain === 'content' ? 'user' : 'content';
  if (CQL_FIELDS.has(`${other}:${name}`)) {
    const message =
      domain === 'content'
        ? `The field '${clause.field}' is a user field: /wiki/rest/api/search no longer supports user fields; use /wiki/rest/api/search/user`
        : `The field '${clause.field}' is not a user field: /wiki/rest/api/search/user supports only type, user, user.accountid and user.fullname`;
    return new CqlError('CQL_WRONG_ENDPOINT', message, query, clause.fieldSpan);
  }
  if (UNSUPPORTED_FIELDS.has(name)) {
    return new CqlError(
      'CQL_UNKNOWN_FIELD',
      `The field '${clause.field}' is not supported by the emulator`,
      query,
      clause.fieldSpan,
    );
  }
  const suggestions = suggest(name, domain);
  const hint = suggestions.length ? `. Did you mean one of : ${suggestions.join(', ')}` : '';
  return new CqlError(
    'CQL_UNKNOWN_FIELD',
    `No field exists with the name: '${clause.field}'${hint}`,
    query,
    clause.fieldSpan,
  );
}

/**
 * Field names of this endpoint close to `name`: within an edit distance of 2, or sharing its first
 * letter (Confluence suggests `space, subtype, space.key, siteSearch, space.type` for `status`).
 */
function suggest(name: string, domain: FieldDomain): string[] {
  const names = [...CQL_FIELDS.values()]
    .filter((spec) => spec.domain === domain)
    .map((spec) => spec.name);
  const close = names.filter((candidate) => distance(candidate, name) <= 2);
  const sameLetter = names.filter(
    (candidate) => candidate[0] === name[0] && !close.includes(candidate),
  );
  return [...close, ...sameLetter].slice(0, 5);
}

const FUNCTION_NAMES: Record<string, string> = {
  currentuser: 'currentUser',
  currentspace: 'currentSpace',
  currentcontent: 'currentContent',
};

/**
 * `startofday` → `startOfDay`.
 * @example canonicalFunction('startofday') // 'startOfDay'
 */
export function canonicalFunction(name: string): string {
  return (
    FUNCTION_NAMES[name] ??
    name.replace(
      /of(day|week|month|year)$/,
      (_, period: string) => `Of${period[0]!.toUpperCase()}${period.slice(1)}`,
    )
  );
}
