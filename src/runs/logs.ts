/**
 * The envelope's `logs`: console output rendered one line per entry and capped like the result
 * (JSON length within a budget, at most so many lines, each line at most so long). When cut, the
 * head and the tail are kept (the tail is where a failing script says what went wrong) and one
 * marker line in the middle says how many lines were left out. The full log stays in the store.
 */
import type { LogEntry } from '../../sandbox/types.ts';
import { jsonStringLength } from './json-size.ts';
import { truncateString } from './summarize.ts';

export interface LogCapOptions {
  /** The JSON length of the whole array stays within this. */
  budgetChars: number;
  maxLines: number;
  /** JSON length of one line. */
  maxLineChars: number;
  /** The sandbox dropped output past its own byte limit: say so at the end. */
  droppedBySandbox?: boolean;
}

/** `message` for `log`/`info`, `warn: message` for the other levels. */
export function renderLogLine(entry: LogEntry): string {
  return entry.level === 'log' || entry.level === 'info'
    ? entry.message
    : `${entry.level}: ${entry.message}`;
}

/**
 * Renders and caps a run's console output.
 *
 * @example
 * const { lines, elided } = capLogs(result.logs, { budgetChars: 8_000, maxLines: 200, maxLineChars: 1_000 });
 */
export function capLogs(
  entries: LogEntry[],
  options: LogCapOptions,
): { lines: string[]; elided: boolean } {
  const lineBudget = Math.min(options.maxLineChars, Math.floor(options.budgetChars / 4));
  const all = entries.map((entry) => truncateString(renderLogLine(entry), lineBudget));
  let elided = all.some((line, index) => line !== renderLogLine(entries[index]!));
  const tailNote = options.droppedBySandbox
    ? ['…[more output was dropped: the sandbox log limit was reached]']
    : [];
  if (tailNote.length > 0) elided = true;
  const lines = [...all, ...tailNote];
  if (lines.length <= options.maxLines && arraySize(lines) <= options.budgetChars)
    return { lines, elided };
  return {
    lines: [...headAndTail(all, options, arraySize(tailNote) + 1), ...tailNote],
    elided: true,
  };
}

/** Keeps the first and last lines that fit half the room each, with a marker line between. */
function headAndTail(lines: string[], options: LogCapOptions, reserved: number): string[] {
  const markerRoom = jsonStringLength(`…[+${lines.length} lines]`) + 2;
  const room = Math.floor((options.budgetChars - 2 - reserved - markerRoom) / 2);
  const maxEach = Math.max(0, Math.floor((options.maxLines - 2) / 2));
  const head = take(lines, room, maxEach, 0, lines.length);
  const tail = take([...lines].reverse(), room, maxEach, 0, lines.length - head.length).reverse();
  const missing = lines.length - head.length - tail.length;
  return [...head, `…[+${missing} lines]`, ...tail];
}

function take(
  lines: string[],
  room: number,
  maxCount: number,
  from: number,
  available: number,
): string[] {
  const taken: string[] = [];
  let used = 0;
  for (let index = from; index < available && taken.length < maxCount; index++) {
    const cost = jsonStringLength(lines[index]!) + 1;
    if (used + cost > room) break;
    used += cost;
    taken.push(lines[index]!);
  }
  return taken;
}

function arraySize(lines: string[]): number {
  return Math.max(
    2,
    lines.reduce((sum, line) => sum + jsonStringLength(line) + 1, 1),
  );
}
