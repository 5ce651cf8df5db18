import { describe, expect, it } from 'vitest';
import type { CqlValue } from '../../../src/emulator/cql/ast.ts';
import { dateRange } from '../../../src/emulator/cql/dates.ts';

/** Wednesday 4 March 2026, 15:30 UTC. */
const NOW = Date.UTC(2026, 2, 4, 15, 30);
const span = { start: 0, end: 0 };
const literal = (value: string): CqlValue => ({ kind: 'literal', value, quoted: true, span });
const call = (name: string, ...args: string[]): CqlValue => ({
  kind: 'function',
  name,
  arguments: args.map((value) => ({ kind: 'literal', value, quoted: true, span })),
  span,
});
const range = (value: CqlValue, timeZone = 'UTC') =>
  dateRange(value, { now: NOW, timeZone, query: '' });
const iso = (ms: number) => new Date(ms).toISOString();

describe('dateRange: literals', () => {
  it('dateRange: a day literal covers the whole day, in either separator style', () => {
    for (const text of ['2026-01-05', '2026/01/05', '2026-1-5']) {
      const { start, end } = range(literal(text));
      expect([iso(start), iso(end)]).toEqual([
        '2026-01-05T00:00:00.000Z',
        '2026-01-06T00:00:00.000Z',
      ]);
    }
  });

  it('dateRange: a minute literal covers the minute', () => {
    const { start, end } = range(literal('2026/01/05 09:30'));
    expect([iso(start), iso(end)]).toEqual([
      '2026-01-05T09:30:00.000Z',
      '2026-01-05T09:31:00.000Z',
    ]);
  });

  it("dateRange: literals are read in the caller's time zone", () => {
    expect(iso(range(literal('2026-01-05'), 'Europe/Paris').start)).toBe(
      '2026-01-04T23:00:00.000Z',
    );
    expect(iso(range(literal('2026-07-05 08:00'), 'America/New_York').start)).toBe(
      '2026-07-05T12:00:00.000Z',
    );
  });

  it('dateRange: a relative literal counts from now', () => {
    expect(iso(range(literal('-7d')).start)).toBe('2026-02-25T15:30:00.000Z');
    expect(iso(range(literal('+1w 2h')).start)).toBe('2026-03-11T17:30:00.000Z');
  });
});

describe('dateRange: functions', () => {
  const cases: Array<[CqlValue, string]> = [
    [call('now'), '2026-03-04T15:30:00.000Z'],
    [call('now', '-7d'), '2026-02-25T15:30:00.000Z'],
    [call('now', '-90m'), '2026-03-04T14:00:00.000Z'],
    [call('startOfDay'), '2026-03-04T00:00:00.000Z'],
    [call('startOfDay', '-1'), '2026-03-03T00:00:00.000Z'],
    [call('endOfDay'), '2026-03-04T23:59:59.999Z'],
    [call('startOfWeek'), '2026-03-02T00:00:00.000Z'],
    [call('endOfWeek'), '2026-03-08T23:59:59.999Z'],
    [call('startOfWeek', '+1d'), '2026-03-03T00:00:00.000Z'],
    [call('startOfMonth'), '2026-03-01T00:00:00.000Z'],
    [call('startOfMonth', '-1M'), '2026-02-01T00:00:00.000Z'],
    [call('endOfMonth'), '2026-03-31T23:59:59.999Z'],
    [call('startOfYear'), '2026-01-01T00:00:00.000Z'],
    [call('endOfYear', '-1'), '2025-12-31T23:59:59.999Z'],
  ];
  it.each(cases)('dateRange: %o is %s', (value, expected) => {
    const { start, end } = range(value);
    expect(iso(start)).toBe(expected);
    expect(end - start).toBe(1);
  });

  it("dateRange: startOfDay() is the start of the day in the caller's time zone", () => {
    expect(iso(range(call('startOfDay'), 'Asia/Singapore').start)).toBe('2026-03-03T16:00:00.000Z');
  });
});
