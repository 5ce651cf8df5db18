/**
 * The v2 `SpaceBulk`/`SpaceSingle` and v1 `Space` JSON of a space row.
 */
import type { Context } from 'hono';
import type { EmulatorEnv } from '../http/env.ts';
import { escapeText } from '../bodies/dom.ts';
import { mountPrefix, siteBase } from '../http/links.ts';
import type { SpaceRow } from './store.ts';

export interface SpaceJsonOptions {
  descriptionFormat?: 'plain' | 'view' | undefined;
  includeIcon?: boolean;
  single?: boolean;
}

const ICON_PATH = '/wiki/download/attachments/space-icon.png';

export function spaceJson(
  c: Context<EmulatorEnv>,
  space: SpaceRow,
  options: SpaceJsonOptions = {},
) {
  const json: Record<string, unknown> = {
    id: String(space.id),
    key: space.key,
    name: space.name,
    type: space.type,
    status: space.status,
    authorId: space.author_id,
    spaceOwnerId: space.author_id,
    currentActiveAlias: space.key,
    createdAt: new Date(space.created_at).toISOString(),
  };
  if (space.homepage_id !== null) json['homepageId'] = String(space.homepage_id);
  if (options.descriptionFormat) {
    const value =
      options.descriptionFormat === 'plain'
        ? space.description
        : `<p>${escapeText(space.description)}</p>`;
    json['description'] = {
      [options.descriptionFormat]: { representation: options.descriptionFormat, value },
    };
  }
  if (options.includeIcon)
    json['icon'] = { path: ICON_PATH, apiDownloadLink: `/wiki/api/v2/spaces/${space.id}/icon` };
  json['_links'] = {
    webui: `/spaces/${space.key}`,
    ...(options.single ? { base: siteBase(c) } : {}),
  };
  return json;
}

/** The v1 `Space` (POST /wiki/rest/api/space/_private). */
export function spaceJsonV1(c: Context<EmulatorEnv>, space: SpaceRow) {
  const base = siteBase(c);
  return {
    id: space.id,
    key: space.key,
    alias: space.key,
    name: space.name,
    description: {
      plain: { value: space.description, representation: 'plain', embeddedContent: [] },
    },
    type: space.type,
    status: space.status,
    _expandable: {
      settings: '',
      metadata: '',
      operations: '',
      lookAndFeel: '',
      permissions: '',
      icon: '',
      theme: '',
      history: '',
      homepage: '',
    },
    _links: {
      webui: `/spaces/${space.key}`,
      self: `${base}/rest/api/space/${space.key}`,
      base,
      context: `${mountPrefix(c)}/wiki`,
    },
  };
}
