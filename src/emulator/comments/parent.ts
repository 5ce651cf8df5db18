/**
 * Where a new comment goes: exactly one parent field (openapi-v2 createFooterComment: "at the top
 * level (pageId or blogPostId), as a reply (parentCommentId), against an attachment, against a
 * custom content"). Missing, duplicate, malformed, unknown, invisible or non-current parents are
 * refused with a 400 or 404 that names the field.
 */
import type { EmulatorContext } from '../context.ts';
import { parseContentId } from '../attachments/ids.ts';
import { loadContent } from '../content/access.ts';
import type { ContentWithVersion } from '../content/queries.ts';
import type { ContentType } from '../content/schema.ts';
import { badRequest, invalidParameter, notFound } from '../http/errors.ts';
import type { UserRow } from '../users/store.ts';
import { type CommentLocation, commentExtra } from './extra.ts';
import type { ParentField } from './input.ts';

export interface CommentPlace {
  /** The page, blog post or attachment the thread belongs to. */
  container: ContentWithVersion;
  /** The comment replied to. */
  parent: ContentWithVersion | undefined;
}

const CONTAINER_TYPES: Partial<Record<ParentField, ContentType>> = {
  pageId: 'page',
  blogPostId: 'blogpost',
  attachmentId: 'attachment',
};

export function resolveCommentPlace(
  context: EmulatorContext,
  user: UserRow,
  input: Partial<Record<ParentField, string>>,
  allowed: readonly ParentField[],
  location: CommentLocation,
): CommentPlace {
  const given = allowed.filter((field) => input[field] !== undefined);
  if (given.length !== 1)
    throw badRequest(
      `Give exactly one of ${allowed.join(', ')}; got ${given.length === 0 ? 'none' : given.join(' and ')}`,
      'body',
    );
  const field = given[0]!;
  const raw = input[field]!;
  const id = field === 'attachmentId' ? parseContentId(raw) : parseNumeric(raw);
  if (id === undefined)
    throw invalidParameter(`body.${field}`, `body.${field} must be a numeric id; got ${raw}`);
  if (field === 'customContentId')
    throw notFound(`No custom content found with id ${id} (the emulator has no custom content)`);
  if (field === 'parentCommentId') return replyPlace(context, user, id, location);
  const container = loadContent(context, user, id, [CONTAINER_TYPES[field]!]);
  assertCurrent(container);
  return { container, parent: undefined };
}

function replyPlace(
  context: EmulatorContext,
  user: UserRow,
  id: number,
  location: CommentLocation,
): CommentPlace {
  const parent = loadContent(context, user, id, ['comment']);
  const parentLocation = commentExtra(parent).location;
  if (parentLocation !== location)
    throw invalidParameter(
      'body.parentCommentId',
      `Comment ${id} is a ${parentLocation} comment; reply to it with POST /${parentLocation}-comments`,
    );
  assertCurrent(parent);
  const container = context.queries.withVersion(parent.container_id ?? 0);
  if (!container) throw notFound(`The comment ${id} belongs to no content`);
  return { container, parent };
}

function assertCurrent(row: ContentWithVersion): void {
  if (row.status !== 'current')
    throw notFound(`No current ${row.type} found with id ${row.id} (it is ${row.status})`);
}

function parseNumeric(raw: string): number | undefined {
  if (!/^\d{1,15}$/.test(raw.trim())) return undefined;
  const value = Number(raw);
  return value > 0 ? value : undefined;
}
