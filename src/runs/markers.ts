/**
 * What the summarizer writes in place of what it cut. Each marker is plain JSON (a string, or an
 * object entry), starts with `…` so a reader spots it, and says how much is missing:
 *
 * - an array keeps its first items and ends with `"…[+1224 more items]"` (`"…[1234 items]"` when
 *   no item fits);
 * - a string keeps its head and ends with `…[+4567 chars]` (`"…[4567 chars]"` when no head fits);
 * - an object keeps its keys; when even the keys do not fit, it keeps the first ones and gains the
 *   entry `"…": "+12 more keys"` (`{"…": "40 keys"}` when none fits).
 *
 * The full value stays behind the envelope's `resultRef`.
 */

export const MARKER_PREFIX = '…';

/** The marker element that ends a cut array. */
export function moreItemsMarker(missing: number, shown: number): string {
  return shown > 0
    ? `…[+${missing} more ${plural(missing, 'item')}]`
    : `…[${missing} ${plural(missing, 'item')}]`;
}

/** The marker that ends a cut string. */
export function cutStringMarker(missing: number, headUnits: number): string {
  const unit = plural(missing, 'char');
  return headUnits > 0 ? `…[+${missing} ${unit}]` : `…[${missing} ${unit}]`;
}

/** The value of the marker entry of an object whose keys were cut. */
export function moreKeysMarker(missing: number, shown: number): string {
  const unit = plural(missing, 'key');
  return shown > 0 ? `+${missing} more ${unit}` : `${missing} ${unit}`;
}

/** The key of the marker entry: `…`, lengthened until it is not one of the object's own keys. */
export function markerKey(object: Record<string, unknown>): string {
  let key = MARKER_PREFIX;
  while (Object.hasOwn(object, key)) key += MARKER_PREFIX;
  return key;
}

function plural(count: number, noun: string): string {
  return count === 1 ? noun : `${noun}s`;
}
