/**
 * Attachments (v2 `AttachmentBulk`; the v1 upload answer is mapped onto the same shape) and the
 * SDK's download result. Copied into confluence.d.ts.
 */
import type { ContentStatus, Version } from './common.ts';

/** An attachment. */
export interface Attachment {
  /** E.g. `att123456`. */
  id: string;
  status: ContentStatus;
  /** The file name. */
  title: string;
  /** ISO 8601 date-time. */
  createdAt?: string;
  /** The page it is attached to, if a page. */
  pageId?: string;
  blogPostId?: string;
  customContentId?: string;
  mediaType: string;
  mediaTypeDescription?: string;
  comment?: string;
  fileId?: string;
  /** Bytes. */
  fileSize: number;
  webuiLink?: string;
  /** Relative to the site's `/wiki`. */
  downloadLink?: string;
  version?: Version;
  _links?: { webui?: string; download?: string };
}

/** A downloaded attachment's content. */
export interface AttachmentContent {
  attachmentId: string;
  /** The `Content-Type` Confluence served. */
  mediaType: string;
  /** Size in bytes. */
  sizeBytes: number;
  /** How `data` is encoded: `text` (UTF-8) or `base64`. */
  encoding: 'text' | 'base64';
  data: string;
}
