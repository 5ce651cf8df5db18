/**
 * Wall-clock arithmetic in an IANA time zone with nothing but `Intl`: CQL dates
 * (`created > "2026-01-05"`, `startOfWeek()`) are read in the caller's time zone, as Confluence
 * reads them in the user's profile time zone.
 */

/** A wall-clock time; `month` is 1-based; fields may overflow (Date.UTC normalises them). */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/**
 * A zone name `Intl` knows, else UTC (a user row could hold anything).
 * @example safeTimeZone('Mars/Olympus') // 'UTC'
 */
export function safeTimeZone(timeZone: string): string {
  try {
    formatter(timeZone);
    return timeZone;
  } catch {
    return 'UTC';
  }
}

/**
 * The wall-clock time of `instant` (ms since epoch) in `timeZone`.
 * @example wallTime(Date.UTC(2026, 0, 5, 23, 30), 'Europe/Paris').day // 6
 */
export function wallTime(instant: number, timeZone: string): WallTime & { second: number } {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts['year']!,
    month: parts['month']!,
    day: parts['day']!,
    hour: parts['hour']!,
    minute: parts['minute']!,
    second: parts['second']!,
  };
}

/** How far `timeZone` is ahead of UTC at `instant`, in ms. */
function offsetAt(instant: number, timeZone: string): number {
  const wall = wallTime(instant, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant (ms since epoch) of a wall-clock time in `timeZone`. A time skipped by a DST change
 * lands just after the change.
 * @example instantOf({ year: 2026, month: 1, day: 5, hour: 0, minute: 0 }, 'Europe/Paris')
 */
export function instantOf(wall: WallTime, timeZone: string): number {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const first = asUtc - offsetAt(asUtc, timeZone);
  const second = asUtc - offsetAt(first, timeZone);
  return second;
}
