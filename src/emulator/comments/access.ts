/**
 * Loading a comment for a route: it must exist, be visible (its container's restrictions apply),
 * and be of the route's location (a footer comment id on /inline-comments is a 404). Editing is
 * for the author (and site admins); deleting also for the space owner. Refusals are 404, as the
 * document says for "a user forbidden from updating a comment tied to a resource they can view".
 */
import type { EmulatorContext } from '../context.ts';
import { loadContent } from '../content/access.ts';
import type { ContentWithVersion } from '../content/queries.ts';
import { notFound } from '../http/errors.ts';
import type { UserRow } from '../users/store.ts';
import { type CommentLocation, commentExtra } from './extra.ts';

export function loadComment(
  context: EmulatorContext,
  user: UserRow,
  id: number,
  location: CommentLocation,
): ContentWithVersion {
  let row: ContentWithVersion;
  try {
    row = loadContent(context, user, id, ['comment']);
  } catch {
    throw notFound(`No ${location} comment found with id ${id}`);
  }
  if (commentExtra(row).location !== location)
    throw notFound(`No ${location} comment found with id ${id}`);
  return row;
}

export function assertMayEdit(user: UserRow, comment: ContentWithVersion): void {
  if (comment.author_id === user.account_id || user.is_admin === 1) return;
  throw notFound(`Comment ${comment.id} can only be edited by its author`);
}

export function assertMayDelete(
  context: EmulatorContext,
  user: UserRow,
  comment: ContentWithVersion,
): void {
  if (comment.author_id === user.account_id || user.is_admin === 1) return;
  const space = comment.space_id === null ? undefined : context.spaces.get(comment.space_id);
  if (space?.author_id === user.account_id) return;
  throw notFound(`Comment ${comment.id} can only be deleted by its author or a space admin`);
}
