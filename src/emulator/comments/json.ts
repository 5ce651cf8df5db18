/**
 * Comment JSON (openapi-v2 `FooterCommentModel`, `InlineCommentModel` and the list items
 * `PageCommentModel`, `BlogPostCommentModel`, `AttachmentCommentModel`, `ChildrenCommentModel`,
 * `PageInlineCommentModel`, `InlineCommentChildrenModel`): ids as strings, the container as
 * `pageId` / `blogPostId` / `attachmentId`, `parentCommentId` on replies, the body only when a
 * body format was asked for, and for inline comments the resolution and highlighted text of the
 * thread's top-level comment.
 */
import type { Context } from 'hono';
import { type BodyFormat, bodyJson } from '../bodies/index.ts';
import type { EmulatorContext } from '../context.ts';
import type { ContentSnapshot } from '../content/json.ts';
import type { ContentRow } from '../content/schema.ts';
import type { EmulatorEnv } from '../http/env.ts';
import { mountPrefix, siteBase } from '../http/links.ts';
import { attachmentId } from '../attachments/ids.ts';
import { commentExtra } from './extra.ts';

export interface CommentJsonOptions {
  bodyFormat?: BodyFormat | undefined;
  /** `include-version` (default true). */
  includeVersion?: boolean;
  /** Single GETs and writes add `_links.base`. */
  single?: boolean;
}

/** The key naming a comment's container in v2 JSON. */
const CONTAINER_KEYS: Record<string, string> = {
  page: 'pageId',
  blogpost: 'blogPostId',
  attachment: 'attachmentId',
};

export type CommentPresenter = ReturnType<typeof createCommentPresenter>;

export function createCommentPresenter(context: EmulatorContext, c: Context<EmulatorEnv>) {
  const prefix = mountPrefix(c);
  const userName = (accountId: string) => context.users.byId(accountId)?.display_name;
  const rows = new Map<number, ContentRow | undefined>();
  const row = (id: number) => {
    if (!rows.has(id)) rows.set(id, context.content.get(id));
    return rows.get(id);
  };

  /** The top-level comment of a thread (the comment itself when it is not a reply). */
  function rootOf(comment: ContentRow): ContentRow {
    let current = comment;
    while (current.parent_id !== null) {
      const parent = row(current.parent_id);
      if (!parent || parent.type !== 'comment') break;
      current = parent;
    }
    return current;
  }

  function webui(comment: ContentRow, container: ContentRow | undefined): string {
    const space = comment.space_id === null ? undefined : context.spaces.get(comment.space_id);
    const focus = `focusedCommentId=${comment.id}`;
    if (!container || !space)
      return `/pages/viewpage.action?pageId=${comment.container_id}&${focus}`;
    if (container.type === 'blogpost') return `/spaces/${space.key}/blog/${container.id}?${focus}`;
    const pageId = container.type === 'attachment' ? container.container_id : container.id;
    return `/spaces/${space.key}/pages/${pageId}?${focus}#comment-${comment.id}`;
  }

  return {
    comment(snapshot: ContentSnapshot, options: CommentJsonOptions = {}) {
      const container = snapshot.container_id === null ? undefined : row(snapshot.container_id);
      const json: Record<string, unknown> = {
        id: String(snapshot.id),
        status: snapshot.shownStatus ?? snapshot.status,
        title: snapshot.title,
      };
      const containerKey = container ? CONTAINER_KEYS[container.type] : undefined;
      if (container && containerKey)
        json[containerKey] =
          container.type === 'attachment' ? attachmentId(container.id) : String(container.id);
      if (snapshot.parent_id !== null) json['parentCommentId'] = String(snapshot.parent_id);
      if (options.includeVersion ?? true)
        json['version'] = {
          createdAt: new Date(snapshot.version_created_at).toISOString(),
          message: snapshot.version_message,
          number: snapshot.version,
          minorEdit: snapshot.version_minor_edit === 1,
          authorId: snapshot.version_author_id,
        };
      if (options.bodyFormat)
        json['body'] = bodyJson(snapshot, options.bodyFormat, { prefix, userName });
      const extra = commentExtra(snapshot);
      if (extra.location === 'inline') Object.assign(json, inlineFields(rootOf(snapshot)));
      json['_links'] = {
        webui: webui(snapshot, container),
        ...(options.single ? { base: siteBase(c) } : {}),
      };
      return json;
    },
  };
}

/** Resolution and highlight of an inline thread, from its top-level comment. */
function inlineFields(root: ContentRow): Record<string, unknown> {
  const extra = commentExtra(root);
  const fields: Record<string, unknown> = { resolutionStatus: extra.resolutionStatus ?? 'open' };
  // Both are "null until the comment is resolved or reopened"; the schema types them as strings,
  // so they are left out until then.
  if (extra.resolutionLastModifierId)
    fields['resolutionLastModifierId'] = extra.resolutionLastModifierId;
  if (extra.resolutionLastModifiedAt !== undefined)
    fields['resolutionLastModifiedAt'] = new Date(extra.resolutionLastModifiedAt).toISOString();
  fields['properties'] = {
    inlineMarkerRef: extra.inlineMarkerRef ?? '',
    inlineOriginalSelection: extra.inlineOriginalSelection ?? '',
  };
  return fields;
}
