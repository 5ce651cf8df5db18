/**
 * Users, audit records and restrictions. These come from the v1 API (`User`, `UserAnonymous`,
 * `AuditRecord`, `ContentRestriction`), whose answers carry expandable envelopes (`_expandable`,
 * `_links`, nested `results`); the SDK flattens them into these DTOs. Copied into confluence.d.ts.
 */

/** A Confluence user (v1 `User`, without its envelope). */
export interface User {
  /** The Atlassian account id: what CQL (`creator = "..."`) and v2 fields (`authorId`) use. */
  accountId: string;
  /** `atlassian` for people, `app` for bots. */
  accountType?: string;
  displayName: string;
  publicName?: string;
  /** Only when the user's privacy settings allow it. */
  email?: string | null;
  timeZone?: string | null;
  /** `known`, `unknown`, `anonymous` or `user`. */
  type: string;
  isGuest?: boolean;
  isExternalCollaborator?: boolean;
  /** Relative path of the avatar. */
  profilePicturePath?: string;
}

/** The anonymous user (v1 `UserAnonymous`). */
export interface AnonymousUser {
  type: string;
  displayName: string;
  profilePicturePath?: string;
  /** Operations anonymous users may perform, when asked for. */
  operations?: Array<{ operation: string; targetType: string }>;
}

/** A group (v1 `Group`, without its envelope). */
export interface Group {
  id: string;
  name: string;
}

/** Who may do one operation on a piece of content (v1 `ContentRestriction`, flattened). */
export interface ContentRestriction {
  /** `read` or `update` (Confluence Cloud restricts only these two). */
  operation: string;
  /** Users the operation is restricted to (empty: no user restriction). */
  users: User[];
  /** Groups the operation is restricted to. */
  groups: Group[];
}

/** One audit log record (v1 `AuditRecord`, author flattened). */
export interface AuditRecord {
  author: { accountId?: string; displayName?: string; type?: string };
  remoteAddress: string;
  /** Epoch milliseconds. */
  creationDate: number;
  summary: string;
  description: string;
  category: string;
  sysAdmin: boolean;
  superAdmin?: boolean;
  affectedObject: { name: string; objectType: string };
  changedValues: Array<{ name: string; oldValue: string; newValue: string }>;
  associatedObjects: Array<{ name: string; objectType: string }>;
}
