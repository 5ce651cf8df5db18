/**
 * The v1 `User` / `UserAnonymous` shapes (swagger.v3.json) built from a user row.
 */
import type { UserRow } from './store.ts';

export interface UserJsonOptions {
  /** Site base (`…/wiki`), for `_links.base`. */
  base: string;
  /** Mount prefix, for avatar paths. */
  prefix: string;
}

const DEFAULT_AVATAR = '/wiki/aa-avatar/default.png';

export function userJson(user: UserRow, options: UserJsonOptions) {
  return {
    type: 'known',
    accountId: user.account_id,
    accountType: user.account_type,
    email: user.email,
    publicName: user.display_name,
    profilePicture: {
      path: `${options.prefix}${DEFAULT_AVATAR}`,
      width: 48,
      height: 48,
      isDefault: true,
    },
    displayName: user.display_name,
    timeZone: user.time_zone,
    isExternalCollaborator: false,
    isGuest: false,
    _expandable: { operations: '', personalSpace: '' },
    _links: {
      self: `${options.base}/rest/api/user?accountId=${encodeURIComponent(user.account_id)}`,
      base: options.base,
      context: `${options.prefix}/wiki`,
    },
  };
}

export function anonymousJson(options: UserJsonOptions) {
  return {
    type: 'anonymous',
    profilePicture: {
      path: `${options.prefix}${DEFAULT_AVATAR}`,
      width: 48,
      height: 48,
      isDefault: true,
    },
    displayName: 'Anonymous',
    _expandable: { operations: '' },
    _links: {
      self: `${options.base}/rest/api/user/anonymous`,
      base: options.base,
      context: `${options.prefix}/wiki`,
    },
  };
}

/** The v2 `User` shape of POST /users-bulk. */
export function bulkUserJson(user: UserRow, prefix: string) {
  return {
    accountId: user.account_id,
    accountType: user.account_type,
    accountStatus: 'active',
    email: user.email,
    displayName: user.display_name,
    publicName: user.display_name,
    timeZone: user.time_zone,
    isExternalCollaborator: false,
    profilePicture: { path: `${prefix}${DEFAULT_AVATAR}`, width: 48, height: 48, isDefault: true },
  };
}
