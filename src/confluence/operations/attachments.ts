/**
 * Attachments: list (site-wide or per page), download and upload. Download and upload are v1-only
 * (notes/confluence-api.md §2.1); their answers are mapped onto the v2 `Attachment` shape and the
 * SDK's `AttachmentContent`, since a script can only receive JSON.
 */
import { z } from 'zod';
import { defineOperation } from '../operation.ts';
import type { Attachment } from './models/attachments.ts';
import { DEFAULT_DOWNLOAD_MAX_BYTES, downloadFile, encodeDownload } from './support/downloads.ts';
import { OperationError } from './support/errors.ts';
import { pathOf, queryFrom } from './support/http.ts';
import { cursorPage } from './support/paging.ts';
import { PLANNED_AT, plannedId } from './support/plan.ts';
import { attachmentId, cursor, limit, numericId, oneOrMany } from './support/schemas.ts';
import { attachmentFromV1, uploadParts, type V1Attachment } from './support/uploads.ts';

const ATTACHMENT_SORTS = [
  'created-date',
  '-created-date',
  'modified-date',
  '-modified-date',
] as const;

const attachmentFilters = {
  status: oneOrMany(z.enum(['current', 'archived', 'trashed']))
    .optional()
    .describe('Only attachments in these statuses (default: current).'),
  mediaType: z.string().optional().describe('Only this media type, e.g. "application/pdf".'),
  filename: z.string().optional().describe('Only attachments with this file name.'),
  sort: z.enum(ATTACHMENT_SORTS).optional().describe('Sort order; a leading "-" sorts descending.'),
  limit: limit(250, 50),
  cursor: cursor(),
};

export const listAttachments = defineOperation({
  name: 'attachments.list',
  summary: 'List attachments across the site, filtered by file name, media type or status.',
  description: 'For the attachments of one page, use pages.attachments.',
  composioName: 'CONFLUENCE_GET_ATTACHMENTS',
  operationId: 'getAttachments',
  endpoint: 'GET /wiki/api/v2/attachments',
  kind: 'read',
  pagination: 'cursor',
  input: z.strictObject(attachmentFilters),
  resultType: 'Paged<Attachment>',
  example: `const { results } = await confluence.attachments.list({ mediaType: 'application/pdf', limit: 50 });
return results.map((file) => ({ id: file.id, name: file.title, bytes: file.fileSize }));`,
  request: (input) => ({
    api: 'v2',
    method: 'GET',
    path: '/attachments',
    query: queryFrom(
      input,
      ['status', 'mediaType', 'filename', 'sort', 'limit', 'cursor'],
      'as-is',
    ),
  }),
  transform: (response) => cursorPage<Attachment>(response),
});

export const pageAttachments = defineOperation({
  name: 'pages.attachments',
  summary: 'List the attachments of a page.',
  operationId: 'getPageAttachments',
  endpoint: 'GET /wiki/api/v2/pages/{id}/attachments',
  kind: 'read',
  pagination: 'cursor',
  input: z.strictObject({ id: numericId('a page').describe('The page id.'), ...attachmentFilters }),
  positional: ['id'],
  resultType: 'Paged<Attachment>',
  example: `const files = await confluence.pages.attachments.all('65537');
return files.results.map((file) => file.title);`,
  space: (input) => ({ pageId: input.id }),
  request: (input) => ({
    api: 'v2',
    method: 'GET',
    path: pathOf('/pages/{id}/attachments', input),
    query: queryFrom(
      input,
      ['status', 'mediaType', 'filename', 'sort', 'limit', 'cursor'],
      'as-is',
    ),
  }),
  transform: (response) => cursorPage<Attachment>(response),
});

export const downloadAttachment = defineOperation({
  name: 'attachments.download',
  summary: "Download an attachment's content, as text or base64.",
  composioName: 'CONFLUENCE_DOWNLOAD_ATTACHMENT',
  operationId: 'downloadAttatchment',
  endpoint: 'GET /wiki/rest/api/content/{id}/child/attachment/{attachmentId}/download',
  kind: 'read',
  input: z.strictObject({
    contentId: numericId('a page or blog post').describe(
      'The page or blog post it is attached to.',
    ),
    attachmentId: attachmentId().describe('The attachment id, e.g. "att98305".'),
    version: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('Download this version (default: current).'),
    encoding: z
      .enum(['auto', 'text', 'base64'])
      .optional()
      .describe(
        '"text" (UTF-8), "base64", or "auto" (default): text for text, JSON and XML types.',
      ),
    maxBytes: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe(
        `Refuse files larger than this (default ${DEFAULT_DOWNLOAD_MAX_BYTES} bytes; the service caps it).`,
      ),
  }),
  positional: ['contentId', 'attachmentId'],
  resultType: 'AttachmentContent',
  example: `const file = await confluence.attachments.download('65537', 'att98305');
return file.encoding === 'text' ? file.data.split('\\n').length : file.sizeBytes;`,
  // The container, and the attachment's own container: the two could differ.
  space: (input) => [{ contentId: input.contentId }, { attachmentId: input.attachmentId }],
  execute: async (input, context) => {
    const request = {
      api: 'v1',
      method: 'GET',
      path: pathOf('/content/{id}/child/attachment/{attachmentId}/download', {
        id: input.contentId,
        attachmentId: input.attachmentId,
      }),
      query: queryFrom(input, ['version']),
    } as const;
    const maxBytes = input.maxBytes ?? DEFAULT_DOWNLOAD_MAX_BYTES;
    const response = await downloadFile(request, maxBytes, context, input.attachmentId);
    return encodeDownload(response, input);
  },
});

export const uploadAttachment = defineOperation({
  name: 'attachments.upload',
  summary: 'Attach a file (given as text or base64) to a page or blog post.',
  description:
    'Fails if a file of the same name is already attached (Confluence answers 400): upload under a new name, or delete the old one first.',
  operationId: 'createAttachment',
  endpoint: 'POST /wiki/rest/api/content/{id}/child/attachment',
  kind: 'write',
  input: z
    .strictObject({
      contentId: numericId('a page or blog post').describe('The page or blog post to attach to.'),
      filename: z.string().min(1).max(255).describe('The file name, e.g. "report.csv".'),
      text: z.string().optional().describe('The content as text (sent as UTF-8).'),
      base64: z
        .string()
        .regex(/^[A-Za-z0-9+/\r\n]*={0,2}$/, { error: 'expected base64 (A-Z, a-z, 0-9, +, /, =)' })
        .optional()
        .describe('The content as base64, for binary files.'),
      contentType: z
        .string()
        .optional()
        .describe('The media type (default: guessed from the file name, else octet-stream).'),
      comment: z.string().optional().describe('A comment shown with the attachment.'),
      minorEdit: z
        .boolean()
        .optional()
        .describe('Send no notifications (default true: uploads are usually housekeeping).'),
    })
    .refine((input) => (input.text === undefined) !== (input.base64 === undefined), {
      error: 'give the content as exactly one of text or base64',
      path: ['text'],
    }),
  positional: ['contentId'],
  resultType: 'Attachment',
  example: `const csv = 'name,score\\nada,3\\n';
const file = await confluence.attachments.upload('65537', { filename: 'scores.csv', text: csv });
return { id: file.id, bytes: file.fileSize };`,
  target: (input) => `attachment "${input.filename}" on content ${input.contentId}`,
  space: (input) => ({ contentId: input.contentId }),
  plan: (input): Attachment => ({
    id: `att${plannedId(input)}`,
    status: 'current',
    title: input.filename,
    createdAt: PLANNED_AT,
    pageId: input.contentId,
    mediaType: input.contentType ?? 'application/octet-stream',
    fileSize: 0,
    version: { number: 1 },
  }),
  request: (input) => ({
    api: 'v1',
    method: 'POST',
    path: pathOf('/content/{id}/child/attachment', { id: input.contentId }),
    // Confluence refuses multipart POSTs without it (XSRF check): v1 spec, createAttachment.
    // Lower case, as the wire spells it too: two spellings would be sent as "no-check, no-check".
    headers: { 'x-atlassian-token': 'no-check' },
    multipart: uploadParts(input),
  }),
  transform: (response) => {
    const first = (response.body as { results?: V1Attachment[] } | undefined)?.results?.[0];
    if (!first) {
      throw new OperationError(
        'INVALID_RESPONSE',
        'attachments.upload: Confluence returned no attachment',
      );
    }
    return attachmentFromV1(first);
  },
});
