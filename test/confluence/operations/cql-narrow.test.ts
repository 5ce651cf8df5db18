/**
 * narrowCql: the wrap `(<query>) AND space IN (…)` can never be escaped. Checked with the
 * emulator's own CQL parser: for any query, either narrowing refuses it, or the parser refuses
 * the result, or the parsed result is the space clause itself or an AND whose last operand is
 * it, so every match is in an allowed space.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  narrowCql,
  UnnarrowableQuery,
} from '../../../src/confluence/operations/support/cql-narrow.ts';
import { CqlError, parseCql } from '../../../src/emulator/cql/index.ts';

const KEYS = ['MKT', 'we"ird\\key'];

const TOKENS = [
  'space = ENG',
  'type = page',
  'title ~ "x',
  'title ~ "a) OR (b"',
  ' OR ',
  ' AND ',
  ' NOT ',
  '(',
  ')',
  '"',
  "'",
  '\\',
  ' order by title',
  ' ORDER BY created DESC',
  ', ',
  'space IN (ENG, MKT)',
];

function spaceClauseLast(narrowed: string): boolean {
  const { where } = parseCql(narrowed);
  // The clause alone (the query was only ORDER BY), or the last operand of the top-level AND.
  const last = where.kind === 'and' ? where.operands.at(-1)! : where;
  return (
    last.kind === 'clause' &&
    last.field === 'space' &&
    last.operator === 'in' &&
    JSON.stringify(last.values.map((value) => value.kind === 'literal' && value.value)) ===
      JSON.stringify(KEYS)
  );
}

describe('narrowCql', () => {
  it('narrowCql: keeps ORDER BY last and quotes keys', () => {
    expect(narrowCql('type = page ORDER BY title DESC', ['MKT'])).toBe(
      '(type = page) AND space IN ("MKT") ORDER BY title DESC',
    );
    expect(narrowCql('order by created', ['A"B'])).toBe('space IN ("A\\"B") order by created');
    expect(narrowCql("title ~ 'it\\'s (x'", ['MKT'])).toBe(
      "(title ~ 'it\\'s (x') AND space IN (\"MKT\")",
    );
  });

  it('narrowCql: refuses what could escape the parentheses', () => {
    for (const query of [
      'x) OR (space = ENG',
      'title ~ "open',
      'a = (b',
      'a order by b OR c = d',
    ]) {
      expect(() => narrowCql(query, ['MKT'])).toThrow(UnnarrowableQuery);
    }
  });

  it('narrowCql: no query escapes the space clause (property, with the emulator parser)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS), { minLength: 1, maxLength: 8 }), (parts) => {
        let narrowed: string;
        try {
          narrowed = narrowCql(parts.join(''), KEYS);
        } catch (error) {
          return error instanceof UnnarrowableQuery;
        }
        try {
          return spaceClauseLast(narrowed);
        } catch (error) {
          return error instanceof CqlError;
        }
      }),
      { numRuns: 2_000 },
    );
  });
});
