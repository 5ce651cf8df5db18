import { describe, expect, it } from 'vitest';
import {
  type CompileEnvironment,
  CqlError,
  compileContentSearch,
  compileUserSearch,
  parseCql,
} from '../../../src/emulator/cql/index.ts';

const environment = (
  query: string,
  extra: Partial<CompileEnvironment> = {},
): CompileEnvironment => ({
  query,
  accountId: '557058:caller',
  timeZone: 'UTC',
  now: Date.UTC(2026, 2, 1, 12),
  labels: true,
  ...extra,
});

const compile = (query: string, extra: Partial<CompileEnvironment> = {}) =>
  compileContentSearch(parseCql(query), environment(query, extra));

function failure(run: () => unknown): CqlError {
  try {
    run();
  } catch (error) {
    if (error instanceof CqlError) return error;
    throw error;
  }
  throw new Error('expected a CqlError');
}

/** [query, code, column, words] */
const SEMANTIC_ERRORS: Array<[string, string, number, string]> = [
  [
    'status = current',
    'CQL_UNKNOWN_FIELD',
    1,
    "No field exists with the name: 'status'. Did you mean one of : space",
  ],
  [
    'type = page AND colour = red',
    'CQL_UNKNOWN_FIELD',
    17,
    "No field exists with the name: 'colour'",
  ],
  ['macro = code', 'CQL_UNKNOWN_FIELD', 1, "The field 'macro' is not supported by the emulator"],
  [
    'type ~ page',
    'CQL_UNSUPPORTED_OPERATOR',
    6,
    "The operator '~' is not supported by the field 'type'; it supports: =, !=, IN, NOT IN",
  ],
  ['text = runbook', 'CQL_UNSUPPORTED_OPERATOR', 6, 'it supports: ~, !~'],
  [
    'label > a',
    'CQL_UNSUPPORTED_OPERATOR',
    7,
    "The operator '>' is not supported by the field 'label'",
  ],
  [
    'type = bogus',
    'CQL_INVALID_VALUE',
    8,
    'Unsupported value for type, got : bogus, expected one of : [space, user, page',
  ],
  ['id = abc', 'CQL_INVALID_VALUE', 6, '\'id\' takes content ids; "abc" is not one'],
  ['title = ""', 'CQL_INVALID_VALUE', 9, "The field 'title' needs a non-empty value"],
  ['text ~ "*"', 'CQL_INVALID_VALUE', 8, 'needs at least one word'],
  ['created > "yesterday"', 'CQL_INVALID_VALUE', 11, '"yesterday" is not a date'],
  ['created > "2026-02-30"', 'CQL_INVALID_VALUE', 11, '"2026-02-30" is not a valid date'],
  ['created > startOfDay("7 days")', 'CQL_INVALID_VALUE', 22, '"7 days" is not an increment'],
  ['created > now(-7)', 'CQL_INVALID_VALUE', 15, '"-7" is not an increment'],
  [
    'space = currentUser()',
    'CQL_UNSUPPORTED_FUNCTION',
    9,
    "The function currentUser() is not supported by the field 'space': it takes currentSpace()",
  ],
  ['creator = me()', 'CQL_UNSUPPORTED_FUNCTION', 11, 'it takes currentUser()'],
  ['title = now()', 'CQL_UNSUPPORTED_FUNCTION', 9, 'it takes no functions'],
  [
    'space = currentSpace()',
    'CQL_INVALID_VALUE',
    9,
    'currentSpace() needs a space: pass cqlcontext',
  ],
  [
    'type != page',
    'CQL_NEGATIVE_FIRST_CLAUSE',
    1,
    'A negative expression cannot be the first clause',
  ],
  ['NOT label = draft AND type = page', 'CQL_NEGATIVE_FIRST_CLAUSE', 1, 'A negative expression'],
  [
    '(label not in (a) OR type = page) AND space = ENG',
    'CQL_NEGATIVE_FIRST_CLAUSE',
    2,
    'A negative expression',
  ],
  ['type = page ORDER BY score', 'CQL_UNKNOWN_FIELD', 22, "Cannot order by 'score'"],
  [
    'user.fullname ~ ann',
    'CQL_WRONG_ENDPOINT',
    1,
    'is a user field: /wiki/rest/api/search no longer supports user fields',
  ],
];

describe('compileContentSearch: semantic errors', () => {
  it.each(SEMANTIC_ERRORS)(
    'compileContentSearch: %j is %s at column %i',
    (query, code, column, words) => {
      const error = failure(() => compile(query));
      expect(error.code).toBe(code);
      expect(error.position.column).toBe(column);
      expect(error.detail).toContain(words);
      expect(error.message).toContain(`at line 1, column ${column}`);
    },
  );

  it('compileContentSearch: label search without the labels tables is a clear error', () => {
    const error = failure(() => compile('label = q3', { labels: false }));
    expect(error.detail).toContain('needs the labels module');
  });
});

describe('compileContentSearch: SQL', () => {
  it('compileContentSearch: values travel as parameters, never in the SQL text', () => {
    const hostile = `x'); DROP TABLE content; --`;
    const compiled = compile(`title = "${hostile}" AND text ~ "${hostile}"`);
    expect(compiled.content.sql).not.toContain('DROP');
    expect(compiled.content.params).toContain(hostile);
  });

  it('compileContentSearch: positive text terms make the ranking expression, negated ones do not', () => {
    expect(compile('type = page AND text ~ "runbook deploy*"').match).toBe(
      '(("runbook" AND "deploy"*))',
    );
    expect(compile('type = page AND title ~ "q3"').match).toBe('(title : ("q3"))');
    expect(compile('type = page AND text !~ "draft"').match).toBeUndefined();
    expect(compile('type = page AND NOT text ~ "draft"').match).toBeUndefined();
  });

  it('compileContentSearch: spaces are searched only when the query asks for type = space', () => {
    expect(compile('type = space').spaces).toBeDefined();
    expect(compile('type IN (page, space) AND title ~ "eng"').spaces).toBeDefined();
    expect(compile('type = page').spaces).toBeUndefined();
    expect(compile('type = page AND NOT type = space').spaces).toBeUndefined();
  });

  it('compileContentSearch: ORDER BY fields are case-insensitive', () => {
    expect(compile('type = page ORDER BY lastModified DESC, Title').orderBy).toEqual([
      { field: 'lastmodified', descending: true },
      { field: 'title', descending: false },
    ]);
  });
});

describe('compileUserSearch', () => {
  const compileUser = (query: string) => compileUserSearch(parseCql(query), environment(query));

  it('compileUserSearch: accepts the user fields', () => {
    expect(compileUser('type = user').sql).toBe('1');
    expect(compileUser('user.accountid = "a" OR user IN (b, c)').params).toEqual(['a', 'b', 'c']);
    expect(compileUser('user = currentUser()').params).toEqual(['557058:caller']);
  });

  it('compileUserSearch: refuses content fields, other types and ORDER BY', () => {
    expect(failure(() => compileUser('space = ENG')).code).toBe('CQL_WRONG_ENDPOINT');
    expect(failure(() => compileUser('type = page')).detail).toContain(
      'type must be user, not page',
    );
    expect(failure(() => compileUser('type = user ORDER BY title')).detail).toContain(
      'does not support ORDER BY',
    );
  });
});
