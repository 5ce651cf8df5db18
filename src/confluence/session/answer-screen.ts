/**
 * Where an answer says its space is, whatever the operation: a v2 object's `spaceId`, a v1 or
 * mapped object's `space.key` / `spaceKey`, a search hit's `content.spaceKey` or `space.key`, or
 * the page or blog post an attachment or comment hangs on. The allowed-spaces policy screens
 * every read answer with it: a listing loses the items of other spaces, a single object from
 * another space is refused.
 */
import type { SpaceReference } from '../operation.ts';

/** The space one object names, or `undefined` when it names none (a label, a user, a count). */
export function spaceReferenceIn(value: unknown): SpaceReference | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const key = textOf(record['spaceKey']) ?? textOf(objectOf(record['space'])?.['key']);
  if (key !== undefined) return { key };
  const id = textOf(record['spaceId']) ?? textOf(objectOf(record['space'])?.['id']);
  if (id !== undefined) return { id };
  const content = objectOf(record['content']);
  if (content) return spaceReferenceIn(content);
  const pageId = textOf(record['pageId']);
  if (pageId !== undefined) return { pageId };
  const blogPostId = textOf(record['blogPostId']);
  if (blogPostId !== undefined) return { blogPostId };
  return undefined;
}

/** The items of a listing answer (`{ results: [...] }`), or `undefined` for any other answer. */
export function listedItems(answer: unknown): unknown[] | undefined {
  const results = objectOf(answer)?.['results'];
  return Array.isArray(results) ? results : undefined;
}

function objectOf(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  return typeof value === 'number' ? String(value) : undefined;
}
