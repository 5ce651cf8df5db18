/**
 * `friendlyLastModified` / `friendlyWhen`: the relative dates Confluence shows next to search
 * results ("a moment ago", "5 minutes ago", "yesterday at 8:56 AM", "Jan 05, 2025"), in the
 * caller's time zone.
 */
import { wallTime } from '../cql/zoned-time.ts';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * @example friendlyDate(now - 5 * 60_000, now, 'UTC') // '5 minutes ago'
 */
export function friendlyDate(at: number, now: number, timeZone: string): string {
  const elapsed = now - at;
  if (elapsed >= 0 && elapsed < MINUTE_MS) return 'a moment ago';
  if (elapsed >= 0 && elapsed < HOUR_MS) {
    const minutes = Math.floor(elapsed / MINUTE_MS);
    return minutes === 1 ? '1 minute ago' : `${minutes} minutes ago`;
  }
  if (elapsed >= 0 && elapsed < 2 * HOUR_MS) return 'about an hour ago';
  const then = wallTime(at, timeZone);
  const today = wallTime(now, timeZone);
  const dayNumber = (wall: { year: number; month: number; day: number }) =>
    Date.UTC(wall.year, wall.month - 1, wall.day) / 86_400_000;
  const days = dayNumber(today) - dayNumber(then);
  const time = `${((then.hour + 11) % 12) + 1}:${String(then.minute).padStart(2, '0')} ${then.hour < 12 ? 'AM' : 'PM'}`;
  if (days === 0) return `today at ${time}`;
  if (days === 1) return `yesterday at ${time}`;
  const date = `${MONTHS[then.month - 1]} ${String(then.day).padStart(2, '0')}`;
  return then.year === today.year ? date : `${date}, ${then.year}`;
}
