/**
 * The content-write guard: an update restriction refuses edits by accounts it does not name, even
 * when a route forgot to check (routes should check first with `assertCanEdit`, so that nothing is
 * written before the refusal). Runs inside the write's transaction, so throwing rolls it back.
 */
import type { ContentWriteEvent, ContentWriteKind } from '../content/events.ts';
import { forbidden } from '../http/errors.ts';
import type { RestrictionStore } from './store.ts';

/**
 * Writes that edit the item itself. `created` is not one (creating a child or a comment under an
 * update-restricted page is allowed), nor `moved` (trashing a page re-parents its children, and
 * sibling positions shift when another page moves).
 */
const EDITING_KINDS: ReadonlySet<ContentWriteKind> = new Set([
  'updated',
  'status-changed',
  'draft-saved',
  'draft-deleted',
  'purged',
]);

export function guardContentWrite(store: RestrictionStore, event: ContentWriteEvent): void {
  if (!EDITING_KINDS.has(event.kind)) return;
  const id = event.content.id;
  // Deleting a space removes everything in it whatever the page restrictions say: the space
  // permission governs that, and a restricted page must not make its space undeletable.
  const spaceDeletion = event.cause === 'space-deleted';
  if (!spaceDeletion && !store.mayUpdate(id, event.actorId))
    throw forbidden(
      `The user ${event.actorId} may not edit content ${id}: an update restriction does not name them`,
    );
  if (event.kind === 'purged') store.clear(id);
}
