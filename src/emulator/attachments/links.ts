/**
 * Attachment links, relative to `_links.base` (`…/wiki`) as Confluence writes them: the download
 * URL `/download/attachments/{containerId}/{filename}?version=N&modificationDate=…&api=v2`
 * (served by `download-route.ts`) and the preview page of the web UI.
 */
import { attachmentId } from './ids.ts';

export interface LinkedAttachment {
  id: number;
  container_id: number | null;
  title: string;
  version: number;
  version_created_at: number; // ms since epoch
}

export function downloadPath(attachment: LinkedAttachment): string {
  const query = new URLSearchParams({
    version: String(attachment.version),
    modificationDate: String(attachment.version_created_at),
    cacheVersion: '1',
    api: 'v2',
  });
  return `/download/attachments/${attachment.container_id}/${encodeURIComponent(attachment.title)}?${query}`;
}

export function webuiPath(attachment: LinkedAttachment): string {
  const preview = `/${attachment.container_id}/${attachmentId(attachment.id)}/${encodeURIComponent(attachment.title)}`;
  return `/pages/viewpageattachments.action?pageId=${attachment.container_id}&preview=${encodeURIComponent(preview)}`;
}
