/**
 * A `SearchResult` of /wiki/rest/api/search/user: `entityType` `user` with the v1 `User`, the
 * display name as title, and the profile page as url.
 */
import type { UserRow } from '../users/store.ts';
import { escapeHtml } from './excerpt.ts';
import { friendlyDate } from './friendly-date.ts';
import type { V1Helpers } from './v1-helpers.ts';

/**
 * @example userResult(helpers, context.users.byEmail('alice@example.com')!)
 */
export function userResult(helpers: V1Helpers, user: UserRow): Record<string, unknown> {
  return {
    user: helpers.user(user.account_id),
    title: escapeHtml(user.display_name),
    excerpt: '',
    url: `/people/${encodeURIComponent(user.account_id)}`,
    breadcrumbs: [],
    entityType: 'user',
    iconCssClass: 'aui-icon content-type-profile',
    lastModified: new Date(user.created_at).toISOString(),
    friendlyLastModified: friendlyDate(user.created_at, helpers.now, helpers.timeZone),
    score: 0,
  };
}
