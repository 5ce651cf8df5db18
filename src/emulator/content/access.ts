/**
 * Loading content for a route: a missing id, another content type, or content in a private space
 * of someone else are all the same 404 (v2 never says 403; notes/confluence-api.md §3.6).
 */
import type { EmulatorContext } from '../context.ts';
import { notFound } from '../http/errors.ts';
import { canSeeSpace, type SpaceRow } from '../spaces/store.ts';
import type { UserRow } from '../users/store.ts';
import type { ContentWithVersion } from './queries.ts';
import type { ContentType } from './schema.ts';
import { canViewContent } from './visibility.ts';

/** Human names for messages. */
export const CONTENT_LABELS: Record<string, string> = {
  page: 'page',
  blogpost: 'blog post',
  whiteboard: 'whiteboard',
  comment: 'comment',
  attachment: 'attachment',
};

/**
 * @example const page = loadContent(context, user, id, ['page']);
 */
export function loadContent(
  context: EmulatorContext,
  user: UserRow,
  id: number,
  types: readonly ContentType[],
): ContentWithVersion {
  const row = context.queries.withVersion(id);
  const label = types.map((type) => CONTENT_LABELS[type] ?? type).join(' or ');
  if (!row || !types.includes(row.type)) throw notFound(`No ${label} found with id ${id}`);
  if (row.space_id !== null) {
    const space = context.spaces.get(row.space_id);
    if (!space || !canSeeSpace(space, user.account_id))
      throw notFound(`No ${label} found with id ${id}`);
  }
  // Content restrictions (and any other registered visibility rule): see visibility.ts.
  if (!canViewContent(context.db, user.account_id, id))
    throw notFound(`No ${label} found with id ${id}`);
  return row;
}

/** A space the caller may see, by id; 404 otherwise. */
export function loadSpace(context: EmulatorContext, user: UserRow, id: number): SpaceRow {
  const space = context.spaces.get(id);
  if (!space || !canSeeSpace(space, user.account_id))
    throw notFound(`No space found with id ${id}`);
  return space;
}
