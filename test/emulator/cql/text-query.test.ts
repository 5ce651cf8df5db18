import { describe, expect, it } from 'vitest';
import { ftsGroupExpression, parseTextQuery } from '../../../src/emulator/cql/text-query.ts';

describe('parseTextQuery', () => {
  it('parseTextQuery: words are required terms; AND is ignored; OR makes alternatives', () => {
    expect(parseTextQuery('deploy runbook').map((group) => group.map((term) => term.text))).toEqual(
      [['deploy', 'runbook']],
    );
    expect(parseTextQuery('deploy AND runbook')).toEqual(parseTextQuery('deploy runbook'));
    expect(parseTextQuery('a OR b c').map((group) => group.map((term) => term.text))).toEqual([
      ['a'],
      ['b', 'c'],
    ]);
  });

  it('parseTextQuery: a quoted phrase stays one term', () => {
    expect(parseTextQuery('"release notes" q3')[0]!.map((term) => term.text)).toEqual([
      'release notes',
      'q3',
    ]);
  });

  it('parseTextQuery: a trailing * is a prefix search; other wildcards need LIKE', () => {
    expect(parseTextQuery('deploy*')[0]![0]).toEqual({
      text: 'deploy',
      prefix: true,
      like: undefined,
    });
    expect(parseTextQuery('*ploy')[0]![0]!.like).toBe('%%ploy%');
    expect(parseTextQuery('te?t')[0]![0]!.like).toBe('%te_t%');
    expect(parseTextQuery('50%_off*')[0]![0]).toMatchObject({ prefix: true, like: undefined });
    expect(parseTextQuery('a\\*b*')[0]![0]).toEqual({ text: 'a*b', prefix: true, like: undefined });
  });

  it('parseTextQuery: terms without letters or digits are dropped', () => {
    expect(parseTextQuery('- & *')).toEqual([]);
  });

  it('ftsGroupExpression: quotes every term so no FTS5 syntax gets through', () => {
    const [group] = parseTextQuery('say "NEAR(a b)" run*');
    expect(ftsGroupExpression(group!)).toBe('("say" AND "NEAR(a b)" AND "run"*)');
    expect(ftsGroupExpression(parseTextQuery('x"y')[0]!, 'title')).toBe('title : ("x""y")');
  });
});
