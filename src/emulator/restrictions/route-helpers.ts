/**
 * Shared by the restriction routes: loading the content (visible, of a type that can carry
 * restrictions), reading `expand`/`start`/`limit`, and applying a change atomically — refused
 * (403) for callers who may not edit, and rolled back (400) when it would lock the caller out.
 */
import type { Context } from 'hono';
import type { EmulatorContext } from '../context.ts';
import { contentIdParam } from '../attachments/ids.ts';
import { loadContent } from '../content/access.ts';
import type { ContentWithVersion } from '../content/queries.ts';
import type { ContentType } from '../content/schema.ts';
import { transaction } from '../database/open.ts';
import type { EmulatorEnv } from '../http/env.ts';
import { badRequest } from '../http/errors.ts';
import { queryEnumList, queryInteger } from '../http/query.ts';
import { assertCanEdit } from './access.ts';
import { RESTRICTION_EXPANDS, type RestrictionJsonOptions } from './json.ts';
import type { RestrictionStore } from './store.ts';

/** What can carry restrictions: pages, blog posts, attachments and the other tree content. */
const RESTRICTABLE: readonly ContentType[] = [
  'page',
  'blogpost',
  'attachment',
  'whiteboard',
  'folder',
  'database',
  'embed',
];
/** Users and groups per restriction (swagger.v3.json getRestrictions `limit` default 100). */
export const DEFAULT_RESTRICTION_LIMIT = 100;

type RouteContext = Context<EmulatorEnv>;

export function loadRestrictable(context: EmulatorContext, c: RouteContext): ContentWithVersion {
  return loadContent(context, c.get('user'), contentIdParam(c, 'id'), RESTRICTABLE);
}

export function restrictionOptions(
  c: RouteContext,
  expands: readonly string[] = RESTRICTION_EXPANDS,
): RestrictionJsonOptions {
  return {
    expand: queryEnumList(c, 'expand', expands) as RestrictionJsonOptions['expand'],
    start: queryInteger(c, 'start', { min: 0 }) ?? 0,
    limit: queryInteger(c, 'limit', { min: 0 }) ?? DEFAULT_RESTRICTION_LIMIT,
  };
}

export function writeRestrictions(
  context: EmulatorContext,
  store: RestrictionStore,
  c: RouteContext,
  content: ContentWithVersion,
  change: () => void,
): void {
  const user = c.get('user');
  assertCanEdit(context, user, content.id);
  c.set('audit', {
    summary: 'Content restrictions changed',
    category: 'Permissions',
    affectedObject: { name: content.title, objectType: content.type },
  });
  transaction(context.db, () => {
    change();
    const lockedOut =
      store.isHidden(content.id, user.account_id) || !store.mayUpdate(content.id, user.account_id);
    if (lockedOut)
      throw badRequest(
        `These restrictions would lock the caller (${user.account_id}) out of content ${content.id}: include your own accountId in every read and update restriction you set`,
        'body',
      );
  });
}
