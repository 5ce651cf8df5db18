/**
 * The `runs result` command that reads on where a summarized result was cut. The summarizer marks
 * each cut (src/runs/markers.ts); the hint names the first one, so its `--path` exists in the
 * stored value whatever the result's shape (a fixed `$.items` did not, for most results).
 */
import { formatJsonPath, isPlainObject, type PathSegment } from '../runs/json-path.ts';
import { MARKER_PREFIX } from '../runs/markers.ts';

/** Where the first cut is: the path of the cut array, string or object, and its first unseen item. */
export interface CutPlace {
  path: PathSegment[];
  /** The first item or character that the summary does not show. */
  offset?: number;
}

const MORE_ITEMS = /^…\[\+?\d+ (more )?items?\]$/;
const CUT_STRING = /…\[\+?\d+ chars?\]$/;

/**
 * @example
 * firstCut({ pages: [{ id: 1 }, '…[+9 more items]'] }); // { path: ['pages'], offset: 1 }
 */
export function firstCut(value: unknown, path: PathSegment[] = []): CutPlace | undefined {
  if (typeof value === 'string') {
    const head = CUT_STRING.exec(value)?.index;
    return head === undefined ? undefined : { path, offset: head };
  }
  if (Array.isArray(value)) {
    const last: unknown = value.at(-1);
    for (const [index, item] of value.entries()) {
      if (index === value.length - 1 && typeof last === 'string' && MORE_ITEMS.test(last))
        return { path, offset: index };
      const inner = firstCut(item, [...path, index]);
      if (inner) return inner;
    }
    return undefined;
  }
  if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (key.startsWith(MARKER_PREFIX) && typeof item === 'string') return { path };
      const inner = firstCut(item, [...path, key]);
      if (inner) return inner;
    }
  }
  return undefined;
}

/**
 * The command line that reads the stored value from its first cut.
 *
 * @example
 * resultCommand('res_1', ['a', '…[+9 more items]']); // "confluence-workbench runs result res_1 --path '$' --offset 1"
 */
export function resultCommand(resultRef: string, summarized: unknown): string {
  const base = `confluence-workbench runs result ${resultRef}`;
  const cut = firstCut(summarized);
  if (!cut) return base;
  const offset = cut.offset === undefined || cut.offset === 0 ? '' : ` --offset ${cut.offset}`;
  return `${base} --path ${shellQuote(formatJsonPath(cut.path))}${offset}`;
}

/** Single-quotes for POSIX shells (`'` becomes `'\''`): one rule, no package needed for it. */
function shellQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}
