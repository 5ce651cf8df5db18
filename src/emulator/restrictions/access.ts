/**
 * Loading content for a write: visible (else 404, as `loadContent`) and editable under its update
 * restriction (else 403: "the calling user can view but not edit the content", swagger.v3.json
 * addLabelsToContent / deleteRestrictions).
 */
import type { EmulatorContext } from '../context.ts';
import { loadContent } from '../content/access.ts';
import type { ContentWithVersion } from '../content/queries.ts';
import type { ContentType } from '../content/schema.ts';
import { assertCanEditContent } from '../content/visibility.ts';
import type { UserRow } from '../users/store.ts';

/**
 * @example const page = loadEditableContent(context, user, id, ['page', 'blogpost']);
 */
export function loadEditableContent(
  context: EmulatorContext,
  user: UserRow,
  id: number,
  types: readonly ContentType[],
): ContentWithVersion {
  const row = loadContent(context, user, id, types);
  assertCanEdit(context, user, row.id);
  return row;
}

/** 403 unless `user` may edit content `id` (which it can see). */
export function assertCanEdit(context: EmulatorContext, user: UserRow, id: number): void {
  assertCanEditContent(context.db, user.account_id, id);
}
