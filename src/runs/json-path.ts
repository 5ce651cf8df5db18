/**
 * The JSON path syntax of `readResult` (and the `read_result` tool):
 *
 * | path                 | names                                                         |
 * |----------------------|---------------------------------------------------------------|
 * | `$`                  | the whole value (also the empty string)                       |
 * | `$.results`          | key `results` (a key of letters, digits, `_` or `$`, not starting with a digit) |
 * | `$.results[3]`       | item 3 of an array (0-based)                                  |
 * | `$.results[-1]`      | the last item (negative indexes count from the end)           |
 * | `$["odd key"]`       | any key, written as a JSON string                             |
 *
 * The leading `$` may be left out: `results[3].title` is `$.results[3].title`.
 */
import { RunsError } from './errors.ts';

/** One step of a path: an object key or an array index. */
export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*/;
const INDEX = /^\[(-?\d+)\]/;

/**
 * Parses a path into its steps.
 *
 * @example
 * parseJsonPath('$.results[3]["last name"]'); // ['results', 3, 'last name']
 */
export function parseJsonPath(path: string): PathSegment[] {
  let rest = path.trim();
  if (rest.startsWith('$')) rest = rest.slice(1);
  else if (IDENTIFIER.test(rest)) rest = `.${rest}`;
  const segments: PathSegment[] = [];
  while (rest.length > 0) {
    const step = readStep(rest, path);
    segments.push(step.segment);
    rest = rest.slice(step.length);
  }
  return segments;
}

function readStep(rest: string, path: string): { segment: PathSegment; length: number } {
  if (rest.startsWith('.')) {
    const match = IDENTIFIER.exec(rest.slice(1));
    if (!match) throw invalid(path, rest, 'a key after "." (use ["..."] for other keys)');
    return { segment: match[0], length: 1 + match[0].length };
  }
  const index = INDEX.exec(rest);
  if (index) return { segment: Number(index[1]), length: index[0].length };
  if (rest.startsWith('["')) {
    const end = closingQuote(rest, 2);
    if (end < 0 || rest[end + 1] !== ']') throw invalid(path, rest, 'a JSON string then "]"');
    const literal = rest.slice(1, end + 1);
    try {
      return { segment: JSON.parse(literal) as string, length: end + 2 };
    } catch {
      throw invalid(path, rest, 'a valid JSON string');
    }
  }
  throw invalid(path, rest, '".key", "[index]" or ["key"]');
}

/** Index of the quote closing a JSON string whose contents start at `from`, or -1. */
function closingQuote(text: string, from: number): number {
  for (let index = from; index < text.length; index++) {
    if (text[index] === '\\') index++;
    else if (text[index] === '"') return index;
  }
  return -1;
}

function invalid(path: string, rest: string, expected: string): RunsError {
  const at = path.length - rest.length;
  return new RunsError(
    'RESULT_PATH_INVALID',
    `invalid JSON path "${path}" at character ${at + 1}: expected ${expected}; ` +
      'paths look like $.results[3].title or $["odd key"]',
  );
}

/**
 * Writes steps back as a path, in the canonical form that {@link parseJsonPath} reads.
 *
 * @example
 * formatJsonPath(['results', 3, 'last name']); // '$.results[3]["last name"]'
 */
export function formatJsonPath(segments: readonly PathSegment[]): string {
  let path = '$';
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else if (IDENTIFIER.exec(segment)?.[0] === segment) path += `.${segment}`;
    else path += `[${JSON.stringify(segment)}]`;
  }
  return path;
}

/**
 * Follows a path into a JSON value.
 *
 * @throws RunsError `RESULT_PATH_NOT_FOUND` naming the first step that matches nothing.
 * @example
 * resolveJsonPath({ a: [1, 2] }, ['a', -1]); // 2
 */
export function resolveJsonPath(value: unknown, segments: readonly PathSegment[]): unknown {
  let current = value;
  for (const [depth, segment] of segments.entries()) {
    const next = step(current, segment);
    if (!next.found) {
      const at = formatJsonPath(segments.slice(0, depth + 1));
      throw new RunsError(
        'RESULT_PATH_NOT_FOUND',
        `nothing at ${at}: ${describe(current)} at ${formatJsonPath(segments.slice(0, depth))}`,
      );
    }
    current = next.value;
  }
  return current;
}

function step(current: unknown, segment: PathSegment): { found: boolean; value?: unknown } {
  if (Array.isArray(current) && typeof segment === 'number') {
    const index = segment < 0 ? current.length + segment : segment;
    return index >= 0 && index < current.length
      ? { found: true, value: current[index] }
      : { found: false };
  }
  // `[3]` on an object reads key "3": the reader need not know how the value was built.
  const key = String(segment);
  if (isPlainObject(current) && Object.hasOwn(current, key)) {
    return { found: true, value: current[key] };
  }
  return { found: false };
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return `an array of ${value.length} items is`;
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    const shown = keys
      .slice(0, 10)
      .map((key) => JSON.stringify(key))
      .join(', ');
    return `an object with keys ${shown}${keys.length > 10 ? ', …' : ''} is`;
  }
  return `${value === null ? 'null' : typeof value} is`;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
