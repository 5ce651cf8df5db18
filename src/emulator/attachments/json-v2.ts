/**
 * The v2 attachment JSON (openapi-v2 `AttachmentBulk`, `AttachmentSingle`): `att`-prefixed ids,
 * the container as `pageId` / `blogPostId`, the file facts of the shown version, and
 * `downloadLink` / `_links.download` relative to `_links.base`.
 */
import type { Context } from 'hono';
import type { EmulatorContext } from '../context.ts';
import type { EmulatorEnv } from '../http/env.ts';
import { siteBase } from '../http/links.ts';
import { attachmentId } from './ids.ts';
import { downloadPath, webuiPath } from './links.ts';
import { mediaTypeDescription } from './media-types.ts';
import type { AttachmentRow } from './store.ts';

export interface AttachmentJsonOptions {
  /** `include-version` (default true). */
  includeVersion?: boolean;
  /** Single GETs add `_links.base`. */
  single?: boolean;
}

/** The row to show, with `shownStatus` set for a historical version. */
export type AttachmentSnapshot = AttachmentRow & { shownStatus?: string };

const CONTAINER_KEYS: Record<string, string> = { page: 'pageId', blogpost: 'blogPostId' };

export function createAttachmentPresenter(context: EmulatorContext, c: Context<EmulatorEnv>) {
  const containerTypes = new Map<number, string | undefined>();
  const containerType = (id: number) => {
    if (!containerTypes.has(id)) containerTypes.set(id, context.content.get(id)?.type);
    return containerTypes.get(id);
  };
  return {
    attachment(row: AttachmentSnapshot, options: AttachmentJsonOptions = {}) {
      const json: Record<string, unknown> = {
        id: attachmentId(row.id),
        status: row.shownStatus ?? row.status,
        title: row.title,
        createdAt: new Date(row.created_at).toISOString(),
      };
      const key =
        row.container_id === null
          ? undefined
          : CONTAINER_KEYS[containerType(row.container_id) ?? ''];
      if (key) json[key] = String(row.container_id);
      const download = downloadPath(row);
      const webui = webuiPath(row);
      Object.assign(json, {
        mediaType: row.media_type,
        mediaTypeDescription: mediaTypeDescription(row.media_type),
        comment: row.comment,
        fileId: row.file_id,
        fileSize: row.file_size,
        webuiLink: webui,
        downloadLink: download,
      });
      if (options.includeVersion ?? true)
        json['version'] = {
          createdAt: new Date(row.version_created_at).toISOString(),
          message: row.version_message,
          number: row.version,
          minorEdit: row.version_minor_edit === 1,
          authorId: row.version_author_id,
        };
      json['_links'] = { webui, download, ...(options.single ? { base: siteBase(c) } : {}) };
      return json;
    },
  };
}
