/**
 * Attachment upload: the multipart parts Confluence's v1 endpoint wants (`file`, `minorEdit`,
 * optional `comment`: v1 spec, createAttachment) and its answer mapped onto `Attachment`.
 */
import type { HttpRequestSpec } from '../../operation.ts';
import type { Attachment } from '../models/attachments.ts';
import { compact } from './http.ts';

const MEDIA_TYPES: Record<string, string> = {
  txt: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  html: 'text/html',
  json: 'application/json',
  xml: 'application/xml',
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  zip: 'application/zip',
};

export function mediaTypeOf(filename: string): string {
  const extension = filename.toLowerCase().split('.').pop() ?? '';
  return MEDIA_TYPES[extension] ?? 'application/octet-stream';
}

export function uploadParts(input: {
  filename: string;
  text?: string | undefined;
  base64?: string | undefined;
  contentType?: string | undefined;
  comment?: string | undefined;
  minorEdit?: boolean | undefined;
}): NonNullable<HttpRequestSpec['multipart']> {
  const data =
    input.text !== undefined
      ? new TextEncoder().encode(input.text)
      : new Uint8Array(Buffer.from(input.base64 ?? '', 'base64'));
  const parts: NonNullable<HttpRequestSpec['multipart']> = [
    {
      name: 'file',
      filename: input.filename,
      contentType: input.contentType ?? mediaTypeOf(input.filename),
      data,
    },
    { name: 'minorEdit', value: String(input.minorEdit ?? true) },
  ];
  if (input.comment !== undefined) parts.push({ name: 'comment', value: input.comment });
  return parts;
}

/** The attachment `Content` of a v1 answer. */
export interface V1Attachment {
  id: string;
  status?: string;
  title: string;
  version?: { number?: number; when?: string };
  container?: { id?: string; type?: string };
  metadata?: { mediaType?: string; comment?: string };
  extensions?: { mediaType?: string; fileSize?: number; comment?: string; fileId?: string };
  _links?: { webui?: string; download?: string };
}

export function attachmentFromV1(attachment: V1Attachment): Attachment {
  const container = attachment.container;
  return compact({
    id: attachment.id,
    status: (attachment.status ?? 'current') as Attachment['status'],
    title: attachment.title,
    createdAt: attachment.version?.when,
    pageId: container?.type === 'blogpost' ? undefined : container?.id,
    blogPostId: container?.type === 'blogpost' ? container.id : undefined,
    mediaType:
      attachment.extensions?.mediaType ??
      attachment.metadata?.mediaType ??
      'application/octet-stream',
    comment: attachment.extensions?.comment ?? attachment.metadata?.comment,
    fileId: attachment.extensions?.fileId,
    fileSize: attachment.extensions?.fileSize ?? 0,
    webuiLink: attachment._links?.webui,
    downloadLink: attachment._links?.download,
    version:
      attachment.version?.number === undefined ? undefined : { number: attachment.version.number },
  }) as Attachment;
}
