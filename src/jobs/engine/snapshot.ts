/**
 * The item snapshot: each item's key (its `id` when it has one, else its position), checked
 * before anything runs, so that a bad input is refused whole rather than half run.
 */
import { JobsError } from '../errors.ts';
import type { NewItem } from '../store/jobs-store.ts';
import { MAX_ITEM_BYTES, MAX_JOB_ITEMS } from './options.ts';

/**
 * @example
 * snapshotOf([{ id: '42' }, 'b']); // [{ key: '42', item: '{"id":"42"}' }, { key: '1', item: '"b"' }]
 * @throws JobsError `INVALID_JOB`: not an array, too many items, an item too large or not JSON, a duplicate id.
 */
export function snapshotOf(items: unknown): NewItem[] {
  if (!Array.isArray(items)) throw new JobsError('INVALID_JOB', 'items must be an array');
  if (items.length > MAX_JOB_ITEMS) {
    throw new JobsError(
      'INVALID_JOB',
      `a job holds at most ${MAX_JOB_ITEMS} items; got ${items.length}`,
    );
  }
  const seen = new Map<string, number>();
  return items.map((item: unknown, position) => {
    const json = JSON.stringify(item);
    if (json === undefined) {
      throw new JobsError('INVALID_JOB', `item ${position} is not a JSON value (${typeof item})`);
    }
    if (Buffer.byteLength(json) > MAX_ITEM_BYTES) {
      throw new JobsError(
        'INVALID_JOB',
        `item ${position} is ${Buffer.byteLength(json)} bytes of JSON; an item may hold at most ${MAX_ITEM_BYTES}`,
      );
    }
    const key = keyOf(item, position);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw new JobsError(
        'INVALID_JOB',
        `items ${earlier} and ${position} have the same id "${key}"; ids must be unique`,
      );
    }
    seen.set(key, position);
    return { key, item: json };
  });
}

function keyOf(item: unknown, position: number): string {
  const id = (item as { id?: unknown } | null)?.id;
  if (typeof id === 'string' && id !== '') return id;
  if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  return String(position);
}
