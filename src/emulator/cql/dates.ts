/**
 * CQL date values (developer.atlassian.com/cloud/confluence/cql-fields/ "created", cql-functions/):
 * literals `"yyyy-MM-dd"`, `"yyyy/MM/dd"`, each optionally with ` HH:mm`; relative literals
 * (`"-7d"`); and the functions `now()`, `startOfDay()`, `endOfDay()`, `startOfWeek()`,
 * `endOfWeek()`, `startOfMonth()`, `endOfMonth()`, `startOfYear()`, `endOfYear()`, each with an
 * optional increment `(+/-)nn(y|M|w|d|h|m)` (`startOfMonth("-1M")`; a bare number counts in the
 * function's own unit: `startOfDay(-1)` is yesterday's start).
 *
 * Every value is a range of instants `[start, end)`: a day literal covers the whole day, a minute
 * literal the whole minute, a function one millisecond. So `created = "2026-01-05"` is "on that
 * day" and `created > "2026-01-05"` is "after that day".
 */
import type { CqlFunction, CqlLiteral, CqlValue } from './ast.ts';
import { CqlError } from './errors.ts';
import { type WallTime, instantOf, wallTime } from './zoned-time.ts';

/** Weeks start on Monday (ISO 8601); Confluence follows the site locale. */
export const FIRST_DAY_OF_WEEK = 1;

const MINUTE_MS = 60_000;

export interface DateRange {
  start: number; // ms since epoch, inclusive
  end: number; // ms since epoch, exclusive
}

export interface DateContext {
  now: number; // ms since epoch
  timeZone: string;
  query: string;
}

type Unit = 'y' | 'M' | 'w' | 'd' | 'h' | 'm';
type Period = 'day' | 'week' | 'month' | 'year';

const PERIOD_UNIT: Record<Period, Unit> = { day: 'd', week: 'w', month: 'M', year: 'y' };

/** The date functions, lower-cased. */
export const DATE_FUNCTIONS = [
  'now',
  'startofday',
  'endofday',
  'startofweek',
  'endofweek',
  'startofmonth',
  'endofmonth',
  'startofyear',
  'endofyear',
] as const;

const LITERAL = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/;
const INCREMENT = /^(?:\s*[+-]?\d+[yMwdhm])+\s*$/;
const INCREMENT_PART = /([+-]?\d+)([yMwdhm])/g;

/**
 * @throws {CqlError} `CQL_INVALID_VALUE` for anything that is not a date.
 * @example dateRange({ kind: 'literal', value: '2026-01-05', … }, { now, timeZone: 'UTC', query })
 */
export function dateRange(value: CqlValue, context: DateContext): DateRange {
  if (value.kind === 'function') return instant(functionInstant(value, context));
  const text = value.value.trim();
  if (INCREMENT.test(text)) return instant(add(context.now, text, 'd', context, value));
  const match = LITERAL.exec(text);
  if (!match)
    throw invalid(
      `"${value.value}" is not a date: use "yyyy-MM-dd", "yyyy/MM/dd", optionally with " HH:mm", or a function such as now("-7d")`,
      value,
      context,
    );
  const [year, month, day, hour, minute] = match
    .slice(1)
    .map((part) => (part === undefined ? undefined : Number(part)));
  if (!validDay(year!, month!, day!) || (hour ?? 0) > 23 || (minute ?? 0) > 59) {
    throw invalid(`"${value.value}" is not a valid date`, value, context);
  }
  const wall = { year: year!, month: month!, day: day!, hour: hour ?? 0, minute: minute ?? 0 };
  const start = instantOf(wall, context.timeZone);
  const end =
    hour === undefined
      ? instantOf({ ...wall, day: wall.day + 1 }, context.timeZone)
      : start + MINUTE_MS;
  return { start, end };
}

function instant(at: number): DateRange {
  return { start: at, end: at + 1 };
}

function functionInstant(call: CqlFunction, context: DateContext): number {
  const name = call.name.toLowerCase();
  if (call.arguments.length > 1)
    throw invalid(`${call.name}() takes at most one increment, such as "-7d"`, call, context);
  const increment = call.arguments[0];
  if (name === 'now')
    return increment
      ? add(context.now, increment.value, undefined, context, increment)
      : context.now;
  const match = /^(start|end)of(day|week|month|year)$/.exec(name);
  if (!match)
    throw new CqlError(
      'CQL_UNSUPPORTED_FUNCTION',
      `${call.name}() is not a date function`,
      context.query,
      call.span,
    );
  const period = match[2] as Period;
  const start = truncate(wallTime(context.now, context.timeZone), period);
  const boundary = match[1] === 'start' ? start : shift(start, 1, PERIOD_UNIT[period]);
  const base = instantOf(boundary, context.timeZone) - (match[1] === 'end' ? 1 : 0);
  return increment ? add(base, increment.value, PERIOD_UNIT[period], context, increment) : base;
}

/** `at` moved by an increment such as `-7d` or `+1M 2d`, on the wall clock of the time zone. */
function add(
  at: number,
  text: string,
  defaultUnit: Unit | undefined,
  context: DateContext,
  source: CqlLiteral,
): number {
  const written =
    /^\s*[+-]?\d+\s*$/.test(text) && defaultUnit ? `${text.trim()}${defaultUnit}` : text;
  if (!INCREMENT.test(written)) {
    throw invalid(
      `"${text}" is not an increment: use (+/-)nn followed by y, M, w, d, h or m, e.g. "-7d"`,
      source,
      context,
    );
  }
  let wall: WallTime = wallTime(at, context.timeZone);
  let exactMs = 0;
  for (const [, amount, unit] of written.matchAll(INCREMENT_PART)) {
    if (unit === 'h' || unit === 'm')
      exactMs += Number(amount) * (unit === 'h' ? 60 : 1) * MINUTE_MS;
    else wall = shift(wall, Number(amount), unit as Unit);
  }
  const seconds = at - Math.floor(at / MINUTE_MS) * MINUTE_MS;
  return instantOf(wall, context.timeZone) + seconds + exactMs;
}

function shift(wall: WallTime, amount: number, unit: Unit): WallTime {
  switch (unit) {
    case 'y':
      return { ...wall, year: wall.year + amount };
    case 'M':
      return { ...wall, month: wall.month + amount };
    case 'w':
      return { ...wall, day: wall.day + 7 * amount };
    case 'd':
      return { ...wall, day: wall.day + amount };
    case 'h':
      return { ...wall, hour: wall.hour + amount };
    case 'm':
      return { ...wall, minute: wall.minute + amount };
  }
}

function truncate(wall: WallTime, period: Period): WallTime {
  const day = { ...wall, hour: 0, minute: 0 };
  if (period === 'day') return day;
  if (period === 'month') return { ...day, day: 1 };
  if (period === 'year') return { ...day, month: 1, day: 1 };
  const weekday = new Date(Date.UTC(wall.year, wall.month - 1, wall.day)).getUTCDay();
  return { ...day, day: wall.day - ((weekday - FIRST_DAY_OF_WEEK + 7) % 7) };
}

function validDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function invalid(message: string, value: CqlValue, context: DateContext): CqlError {
  return new CqlError('CQL_INVALID_VALUE', message, context.query, value.span);
}
