/**
 * Test helper: reads a whole value back through slices only, the way a careful client would
 * (page with nextOffset; descend by path into anything that comes back truncated).
 */
import { formatJsonPath, type PathSegment } from '../../src/runs/json-path.ts';
import type { ResultSlice } from '../../src/runs/types.ts';

export type SliceReader = (options: {
  path: string;
  offset?: number;
}) => Promise<ResultSlice> | ResultSlice;

export async function readBack(read: SliceReader, segments: PathSegment[] = []): Promise<unknown> {
  const path = formatJsonPath(segments);
  const first = await read({ path });
  if (first.type !== 'array' && first.type !== 'object' && first.type !== 'string')
    return first.value;
  let text = '';
  const items: unknown[] = [];
  const entries: Array<[string, unknown]> = [];
  let slice = first;
  for (;;) {
    if (slice.type === 'string') text += slice.value as string;
    else if (slice.type === 'array') {
      if (slice.truncated) items.push(await readBack(read, [...segments, slice.offset]));
      else items.push(...(slice.value as unknown[]));
    } else {
      const keys = Object.keys(slice.value as object);
      if (slice.truncated) {
        const key = keys[0]!;
        entries.push([key, await readBack(read, [...segments, key])]);
      } else
        for (const key of keys) entries.push([key, (slice.value as Record<string, unknown>)[key]]);
    }
    if (!slice.hasMore) break;
    if (slice.nextOffset === undefined || slice.nextOffset <= slice.offset)
      throw new Error(`no progress at ${path}`);
    slice = await read({ path, offset: slice.nextOffset });
  }
  if (first.type === 'string') return text;
  if (first.type === 'array') return items;
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    Object.defineProperty(object, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return object;
}
