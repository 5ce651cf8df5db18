/**
 * v1 answers → the SDK's DTOs (models/people.ts, models/search.ts). v1 objects nest what matters
 * under expandable envelopes (`_expandable`, `_links`, `results` wrappers); these keep the fields
 * a script uses and drop the plumbing.
 */
import type { ContentSummary, SearchHit, SpaceSummary } from '../models/search.ts';
import type { AnonymousUser, User } from '../models/people.ts';
import { convertBody } from './bodies.ts';
import { compact } from './http.ts';

export interface V1User {
  type?: string;
  accountId?: string;
  accountType?: string;
  email?: string | null;
  publicName?: string;
  displayName?: string | null;
  timeZone?: string | null;
  isGuest?: boolean;
  isExternalCollaborator?: boolean;
  externalCollaborator?: boolean;
  profilePicture?: { path?: string };
  operations?: Array<{ operation: string; targetType: string }> | null;
}

export function userFromV1(user: V1User): User {
  return compact({
    accountId: user.accountId ?? '',
    accountType: user.accountType,
    displayName: user.displayName ?? user.publicName ?? '',
    publicName: user.publicName,
    email: user.email,
    timeZone: user.timeZone,
    type: user.type ?? 'known',
    isGuest: user.isGuest,
    isExternalCollaborator: user.isExternalCollaborator ?? user.externalCollaborator,
    profilePicturePath: user.profilePicture?.path,
  }) as User;
}

export function anonymousFromV1(user: V1User): AnonymousUser {
  return compact({
    type: user.type ?? 'anonymous',
    displayName: user.displayName ?? 'Anonymous',
    profilePicturePath: user.profilePicture?.path,
    operations: user.operations ?? undefined,
  }) as AnonymousUser;
}

export interface V1Content {
  id: string;
  type: string;
  status: string;
  title: string;
  space?: { key?: string };
  version?: { number?: number };
  body?: Record<string, { value?: string; representation?: string } | undefined>;
  _expandable?: { space?: string };
  _links?: { webui?: string };
}

/** `/rest/api/space/ENG` → `ENG` (how v1 names an unexpanded space). */
function keyFromLink(link: string | undefined): string | undefined {
  const match = link?.match(/\/space\/([^/?#]+)/);
  return match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
}

export function contentFromV1(content: V1Content, bodyFormat?: string): ContentSummary {
  const representation = bodyFormat === 'markdown' ? 'storage' : bodyFormat;
  const body = representation === undefined ? undefined : content.body?.[representation];
  const summary = compact({
    id: String(content.id),
    type: content.type,
    status: content.status,
    title: content.title,
    spaceKey: content.space?.key ?? keyFromLink(content._expandable?.space),
    version: content.version?.number,
    webui: content._links?.webui,
    body:
      body?.value === undefined || representation === undefined
        ? undefined
        : { [representation]: { representation, value: body.value } },
  }) as ContentSummary;
  return convertBody(summary, bodyFormat);
}

export interface V1SearchResult {
  entityType?: string;
  title?: string;
  excerpt?: string;
  url?: string;
  lastModified?: string;
  content?: V1Content;
  space?: { id?: number | string; key: string; name: string; type?: string };
  user?: V1User;
  resultGlobalContainer?: { title?: string };
}

export function hitFromV1(hit: V1SearchResult): SearchHit {
  const space: SpaceSummary | undefined =
    hit.space === undefined
      ? undefined
      : (compact({
          id: hit.space.id === undefined ? undefined : String(hit.space.id),
          key: hit.space.key,
          name: hit.space.name,
          type: hit.space.type,
        }) as SpaceSummary);
  return compact({
    entityType: hit.entityType ?? (hit.user ? 'user' : hit.space ? 'space' : 'content'),
    title: hit.title ?? hit.content?.title ?? '',
    excerpt: hit.excerpt ?? '',
    url: hit.url ?? '',
    lastModified: hit.lastModified,
    content: hit.content === undefined ? undefined : contentFromV1(hit.content),
    space,
    user: hit.user === undefined ? undefined : userFromV1(hit.user),
    container: hit.resultGlobalContainer?.title,
  }) as SearchHit;
}
