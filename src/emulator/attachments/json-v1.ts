/**
 * The v1 JSON of uploads (swagger.v3.json `ContentArray` of attachment `Content`): `att` ids,
 * `version` with its author, the `container`, `metadata.mediaType`/`comment`, `extensions` with
 * the file facts, and `_links.download`.
 */
import type { Context } from 'hono';
import type { EmulatorContext } from '../context.ts';
import type { EmulatorEnv } from '../http/env.ts';
import { mountPrefix, siteBase } from '../http/links.ts';
import { userJson } from '../users/json.ts';
import { attachmentId } from './ids.ts';
import { downloadPath, webuiPath } from './links.ts';
import { mediaTypeDescription } from './media-types.ts';
import type { AttachmentRow } from './store.ts';

export function attachmentContentJson(
  context: EmulatorContext,
  c: Context<EmulatorEnv>,
  row: AttachmentRow,
) {
  const base = siteBase(c);
  const prefix = mountPrefix(c);
  const self = `${base}/rest/api/content/${attachmentId(row.id)}`;
  const author = context.users.byId(row.version_author_id);
  const container = row.container_id === null ? undefined : context.content.get(row.container_id);
  return {
    id: attachmentId(row.id),
    type: 'attachment',
    status: row.status,
    title: row.title,
    version: {
      ...(author ? { by: userJson(author, { base, prefix }) } : {}),
      when: new Date(row.version_created_at).toISOString(),
      message: row.version_message,
      number: row.version,
      minorEdit: row.version_minor_edit === 1,
      _links: { self: `${self}/version/${row.version}` },
    },
    ...(container
      ? {
          container: {
            id: String(container.id),
            type: container.type,
            status: container.status,
            title: container.title,
            _links: { self: `${base}/rest/api/content/${container.id}` },
          },
        }
      : {}),
    metadata: { mediaType: row.media_type, comment: row.comment },
    extensions: {
      mediaType: row.media_type,
      fileSize: row.file_size,
      comment: row.comment,
      mediaTypeDescription: mediaTypeDescription(row.media_type),
      fileId: row.file_id,
      collectionName: `contentId-${row.container_id}`,
    },
    _expandable: { childTypes: '', operations: '', restrictions: '', ancestors: '', space: '' },
    _links: { webui: webuiPath(row), download: downloadPath(row), self },
  };
}

/** The `ContentArray` answered by the upload routes. */
export function contentArrayJson(c: Context<EmulatorEnv>, results: unknown[]) {
  return {
    results,
    start: 0,
    limit: results.length,
    size: results.length,
    _links: { base: siteBase(c), context: `${mountPrefix(c)}/wiki` },
  };
}
