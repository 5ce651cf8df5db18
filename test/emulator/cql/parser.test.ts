import { describe, expect, it } from 'vitest';
import type { CqlClause, CqlExpression } from '../../../src/emulator/cql/ast.ts';
import { CqlError, parseCql } from '../../../src/emulator/cql/index.ts';

/** The tree without spans, for readable expectations. */
function shape(node: CqlExpression): unknown {
  switch (node.kind) {
    case 'and':
    case 'or':
      return { [node.kind]: node.operands.map(shape) };
    case 'not':
      return { not: shape(node.operand) };
    case 'clause':
      return [
        node.field,
        node.operator,
        ...node.values.map((value) =>
          value.kind === 'literal'
            ? value.value
            : `${value.name}(${value.arguments.map((argument) => argument.value).join(',')})`,
        ),
      ];
  }
}

const where = (query: string) => shape(parseCql(query).where);

describe('parseCql: valid queries', () => {
  it('parseCql: every comparison operator becomes a clause', () => {
    for (const operator of ['=', '!=', '~', '!~', '>', '>=', '<', '<=']) {
      expect(where(`created ${operator} "2026-01-05"`)).toEqual([
        'created',
        operator,
        '2026-01-05',
      ]);
    }
    expect(where('space IN (ENG, "MKT")')).toEqual(['space', 'in', 'ENG', 'MKT']);
    expect(where('label not in (a,b)')).toEqual(['label', 'not in', 'a', 'b']);
  });

  it('parseCql: AND binds tighter than OR, NOT tighter than both, parentheses override', () => {
    expect(where('a = 1 OR b = 2 AND c = 3')).toEqual({
      or: [
        ['a', '=', '1'],
        {
          and: [
            ['b', '=', '2'],
            ['c', '=', '3'],
          ],
        },
      ],
    });
    expect(where('a = 1 AND NOT b = 2 OR c = 3')).toEqual({
      or: [{ and: [['a', '=', '1'], { not: ['b', '=', '2'] }] }, ['c', '=', '3']],
    });
    expect(where('(a = 1 OR b = 2) AND c = 3')).toEqual({
      and: [
        {
          or: [
            ['a', '=', '1'],
            ['b', '=', '2'],
          ],
        },
        ['c', '=', '3'],
      ],
    });
  });

  it('parseCql: keywords are case-insensitive and need no surrounding spaces next to brackets', () => {
    expect(where('type=page and(space=X or space=Y)')).toEqual({
      and: [
        ['type', '=', 'page'],
        {
          or: [
            ['space', '=', 'X'],
            ['space', '=', 'Y'],
          ],
        },
      ],
    });
    expect(where('type = page AnD NoT label = x')).toEqual({
      and: [['type', '=', 'page'], { not: ['label', '=', 'x'] }],
    });
  });

  it('parseCql: quoted values keep spaces and unescape quotes and backslashes', () => {
    expect(where(`title = "Q3 \\"big\\" plan"`)).toEqual(['title', '=', 'Q3 "big" plan']);
    expect(where(`title = 'it\\'s'`)).toEqual(['title', '=', "it's"]);
    expect(where(String.raw`text ~ "a\\b \*"`)).toEqual(['text', '~', String.raw`a\b \*`]);
    expect(where('title ~ "release*"')).toEqual(['title', '~', 'release*']);
  });

  it('parseCql: bare values may hold dates, times, account ids and dashes', () => {
    expect(where('created > 2026/01/05')).toEqual(['created', '>', '2026/01/05']);
    expect(where('creator = 557058:7d3c-0001')).toEqual(['creator', '=', '557058:7d3c-0001']);
    expect(where('lastmodified >= -7d')).toEqual(['lastmodified', '>=', '-7d']);
  });

  it('parseCql: functions with and without arguments', () => {
    expect(where('creator = currentUser()')).toEqual(['creator', '=', 'currentUser()']);
    expect(where('created > startOfDay("-7d")')).toEqual(['created', '>', 'startOfDay(-7d)']);
    expect(where('created > startOfMonth( -1 )')).toEqual(['created', '>', 'startOfMonth(-1)']);
  });

  it('parseCql: ORDER BY keys with directions', () => {
    const query = parseCql('type = page ORDER BY lastModified DESC, title asc, id');
    expect(query.orderBy.map(({ field, descending }) => [field, descending])).toEqual([
      ['lastModified', true],
      ['title', false],
      ['id', false],
    ]);
    expect(parseCql('type = page').orderBy).toEqual([]);
  });

  it('parseCql: nodes carry the spans of their text', () => {
    const query = 'type = page AND title ~ "q3"';
    const clause = (parseCql(query).where as { operands: CqlClause[] }).operands[1]!;
    expect(query.slice(clause.span.start, clause.span.end)).toBe('title ~ "q3"');
    expect(query.slice(clause.fieldSpan.start, clause.fieldSpan.end)).toBe('title');
    expect(query.slice(clause.operatorSpan.start, clause.operatorSpan.end)).toBe('~');
    const value = clause.values[0]!;
    expect(query.slice(value.span.start, value.span.end)).toBe('"q3"');
  });
});

/** [query, column (1-based), words the message must contain] */
const MALFORMED: Array<[string, number, string]> = [
  ['', 1, 'expected field name, NOT or "(" but found the end of the query'],
  ['type = page AND', 16, 'expected field name, NOT or "(" but found the end of the query'],
  ['type page', 6, 'expected IN, NOT or operator but found "page"'],
  ['= page', 1, 'expected field name'],
  ['type == page', 7, 'expected value but found "="'],
  ['title ~ "abc', 9, 'The quoted value is not closed'],
  ["title ~ 'abc", 9, 'The quoted value is not closed'],
  ['title ~ test*', 13, 'The character "*" is reserved'],
  ['space = #ENG', 9, 'The character "#" is reserved'],
  ['label = and', 9, '"and" is a reserved word'],
  ['label in ()', 11, 'expected value but found ")"'],
  ['label in (a, b', 15, 'expected "," or ")" but found the end of the query'],
  ['(type = page', 13, 'expected AND, OR or ")"'],
  ['type = page)', 12, 'expected AND, OR, ORDER BY or the end of the query but found ")"'],
  ['type = page foo', 13, 'but found "foo"'],
  ['type = page AND AND space = X', 17, 'expected field name'],
  ['type = page ORDER title', 19, 'expected BY but found "title"'],
  ['type = page ORDER BY', 21, 'expected field name'],
  ['type = page ORDER BY title sideways', 28, 'but found "sideways"'],
  ['created > startOfDay("-7d"', 27, 'expected "," or ")"'],
  ['ORDER BY title', 1, 'expected field name, NOT or "(" but found "ORDER"'],
];

describe('parseCql: malformed queries', () => {
  it.each(MALFORMED)('parseCql: %j fails at column %i', (query, column, words) => {
    let caught: unknown;
    try {
      parseCql(query);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CqlError);
    const error = caught as CqlError;
    expect(error.code).toBe('CQL_SYNTAX');
    expect(error.position).toMatchObject({ line: 1, column, offset: column - 1 });
    expect(error.detail).toContain(words);
    expect(error.message).toBe(
      `Could not parse cql : ${query} (${error.detail}; at line 1, column ${column})`,
    );
  });

  it('parseCql: the position counts lines in a multi-line query', () => {
    expect(() => parseCql('type = page\n  AND')).toThrow(/at line 2, column 6/);
  });
});

describe('parseCql: limits', () => {
  const tooComplex = (query: string, words: string) => {
    let caught: unknown;
    try {
      parseCql(query);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CqlError);
    expect((caught as CqlError).code).toBe('CQL_TOO_COMPLEX');
    expect((caught as CqlError).detail).toContain(words);
    expect((caught as CqlError).message.length).toBeLessThan(700);
  };

  it('parseCql: a query past 10,000 characters is refused unread', () => {
    tooComplex(`title = "${'x'.repeat(10_000)}"`, 'at most 10000 are accepted');
  });

  it('parseCql: conditions nested past 32 levels are refused', () => {
    const nested = (levels: number): string =>
      levels === 0 ? 'type = page' : `type = page OR (${nested(levels - 1)})`;
    expect(() => parseCql(nested(31))).not.toThrow();
    tooComplex(nested(33), 'more than 32 levels');
    tooComplex(`type = page AND ${'NOT '.repeat(40)}type = page`, 'more than 32 levels');
  });

  it('parseCql: more than 200 clauses or 1,000 values is refused', () => {
    tooComplex(Array.from({ length: 201 }, () => 'a = b').join(' OR '), 'more than 200 clauses');
    const ids = Array.from({ length: 1_001 }, (_, index) => index + 1).join(',');
    tooComplex(`id IN (${ids})`, 'more than 1000 values');
  });
});
