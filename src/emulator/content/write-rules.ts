/**
 * The rules Confluence applies to content writes: the next version number, unique titles per
 * space, and where a page may hang in the tree.
 */
import type { EmulatorContext } from '../context.ts';
import { conflict, invalidParameter, notFound } from '../http/errors.ts';
import type { SpaceRow } from '../spaces/store.ts';
import type { UserRow } from '../users/store.ts';
import { loadContent } from './access.ts';
import type { ContentKind } from './kinds.ts';
import type { ContentRow } from './schema.ts';

/**
 * `version.number` must be the current number plus one; anything else is a 409 with Confluence's
 * own message (community.developer.atlassian.com thread 98344).
 */
export function assertNextVersion(kind: ContentKind, current: ContentRow, provided: number): void {
  if (provided === current.version + 1) return;
  throw conflict(
    `Version must be incremented when updating a ${kind.conflictNoun}. Current Version: [${current.version}]. Provided version: [${provided}]`,
  );
}

/** Titles are unique per space among current content of a type ("A page with this title already exists"). */
export function assertTitleFree(
  context: EmulatorContext,
  kind: ContentKind,
  spaceId: number,
  title: string,
  exceptId = 0,
): void {
  if (!context.queries.titleTaken(spaceId, kind.type, title, exceptId)) return;
  throw invalidParameter(
    'body.title',
    `A ${kind.label} with this title already exists: A ${kind.label} already exists with the same TITLE in this space`,
  );
}

/**
 * The parent of a page: the one asked for (a page or whiteboard of the same space, not the page
 * itself or one of its descendants), else null at root level, else the space homepage.
 */
export function resolveParent(
  context: EmulatorContext,
  user: UserRow,
  space: SpaceRow,
  parentId: number | undefined,
  rootLevel: boolean,
  movingId?: number,
): number | null {
  if (parentId === undefined) return rootLevel ? null : space.homepage_id;
  let parent: ContentRow;
  try {
    parent = loadContent(context, user, parentId, [
      'page',
      'whiteboard',
      'folder',
      'database',
      'embed',
    ]);
  } catch {
    throw notFound(`No parent content found with id ${parentId}`);
  }
  if (parent.space_id !== space.id)
    throw invalidParameter(
      'body.parentId',
      `The parent ${parentId} is in another space; a page and its parent must be in the same space`,
    );
  if (movingId !== undefined && isSelfOrDescendant(context, parentId, movingId))
    throw invalidParameter(
      'body.parentId',
      `A page cannot be moved under itself or one of its descendants`,
    );
  return parentId;
}

function isSelfOrDescendant(
  context: EmulatorContext,
  candidateId: number,
  ancestorId: number,
): boolean {
  for (
    let row = context.content.get(candidateId);
    row;
    row = row.parent_id === null ? undefined : context.content.get(row.parent_id)
  ) {
    if (row.id === ancestorId) return true;
  }
  return false;
}
