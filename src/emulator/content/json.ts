/**
 * The v2 JSON of pages, blog posts and whiteboards (openapi-v2 PageSingle/PageBulk,
 * BlogPostSingle/BlogPostBulk, WhiteboardSingle). Ids are strings, dates ISO-8601, and `body`
 * appears only when a body format was asked for, as on Confluence.
 */
import type { Context } from 'hono';
import { type BodyFormat, type StoredBody, bodyJson } from '../bodies/index.ts';
import type { EmulatorContext } from '../context.ts';
import type { EmulatorEnv } from '../http/env.ts';
import { mountPrefix, siteBase } from '../http/links.ts';
import type { ContentWithVersion } from './queries.ts';

/** What the JSON is built from: the content row and the version to show. */
export interface ContentSnapshot extends ContentWithVersion {
  /** Set when showing a historical version or a draft. */
  shownStatus?: string;
}

export interface PresentOptions {
  bodyFormat?: BodyFormat | undefined;
  /** `include-version` (default true). */
  includeVersion?: boolean;
  /** Single GETs add `_links.base`. */
  single?: boolean;
}

export type ContentPresenter = ReturnType<typeof createContentPresenter>;

/** One presenter per request: it caches space keys for the `webui` links. */
export function createContentPresenter(context: EmulatorContext, c: Context<EmulatorEnv>) {
  const spaceKeys = new Map<number, string>();
  const prefix = mountPrefix(c);
  const userName = (accountId: string) => context.users.byId(accountId)?.display_name;

  function spaceKey(spaceId: number | null): string {
    if (spaceId === null) return '';
    let key = spaceKeys.get(spaceId);
    if (key === undefined) {
      key = context.spaces.get(spaceId)?.key ?? '';
      spaceKeys.set(spaceId, key);
    }
    return key;
  }

  function common(row: ContentSnapshot, options: PresentOptions) {
    const json: Record<string, unknown> = {
      id: String(row.id),
      status: row.shownStatus ?? row.status,
      title: row.title,
      spaceId: String(row.space_id),
    };
    const version = {
      createdAt: new Date(row.version_created_at).toISOString(),
      message: row.version_message,
      number: row.version,
      minorEdit: row.version_minor_edit === 1,
      authorId: row.version_author_id,
    };
    return { json, version, include: options.includeVersion ?? true };
  }

  function withBody(json: Record<string, unknown>, stored: StoredBody, options: PresentOptions) {
    if (options.bodyFormat)
      json['body'] = bodyJson(stored, options.bodyFormat, { prefix, userName });
  }

  function links(row: ContentSnapshot, webui: string, options: PresentOptions) {
    const links: Record<string, string> = {
      webui,
      editui: `/pages/resumedraft.action?draftId=${row.id}`,
      tinyui: `/x/${Buffer.from(String(row.id)).toString('base64url')}`,
    };
    if (options.single) links['base'] = siteBase(c);
    return links;
  }

  const slug = (title: string) =>
    encodeURIComponent(title.replace(/\s+/g, '+')).replace(/%2B/g, '+');

  return {
    page(row: ContentSnapshot, options: PresentOptions = {}) {
      const { json, version, include } = common(row, options);
      if (row.parent_id !== null)
        Object.assign(json, { parentId: String(row.parent_id), parentType: 'page' });
      Object.assign(json, {
        position: row.position,
        authorId: row.author_id,
        ownerId: row.owner_id,
        lastOwnerId: null,
        createdAt: new Date(row.created_at).toISOString(),
      });
      if (!options.single) json['subtype'] = row.subtype;
      if (include) json['version'] = version;
      withBody(json, row, options);
      json['_links'] = links(
        row,
        `/spaces/${spaceKey(row.space_id)}/pages/${row.id}/${slug(row.title)}`,
        options,
      );
      return json;
    },
    blogpost(row: ContentSnapshot, options: PresentOptions = {}) {
      const { json, version, include } = common(row, options);
      Object.assign(json, {
        authorId: row.author_id,
        createdAt: new Date(row.created_at).toISOString(),
      });
      if (include) json['version'] = version;
      withBody(json, row, options);
      const date = new Date(row.created_at).toISOString().slice(0, 10).replace(/-/g, '/');
      json['_links'] = links(
        row,
        `/spaces/${spaceKey(row.space_id)}/blog/${date}/${row.id}/${slug(row.title)}`,
        options,
      );
      return json;
    },
    whiteboard(row: ContentSnapshot, options: PresentOptions = {}) {
      const { json, version } = common(row, options);
      json['type'] = 'whiteboard';
      if (row.parent_id !== null)
        Object.assign(json, { parentId: String(row.parent_id), parentType: 'page' });
      Object.assign(json, {
        position: row.position,
        authorId: row.author_id,
        ownerId: row.owner_id ?? row.author_id,
        createdAt: new Date(row.created_at).toISOString(),
        version,
      });
      json['_links'] = {
        webui: `/spaces/${spaceKey(row.space_id)}/whiteboard/${row.id}`,
        editui: `/spaces/${spaceKey(row.space_id)}/whiteboard/${row.id}`,
        tinyui: `/x/${Buffer.from(String(row.id)).toString('base64url')}`,
        ...(options.single ? { base: siteBase(c) } : {}),
      };
      return json;
    },
  };
}
