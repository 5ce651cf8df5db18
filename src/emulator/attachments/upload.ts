/**
 * Reading and writing uploads (v1 POST/PUT /content/{id}/child/attachment, POST …/{attachmentId}/
 * data). Confluence's rules (swagger.v3.json addAttachment): the request must carry
 * `X-Atlassian-Token: no-check` (the standard value of Atlassian's XSRF framework; the older
 * `nocheck` is accepted too) or it is blocked (403, "XSRF check failed"); it is
 * multipart/form-data with one or more `file` parts, optional `comment` parts (one per file, in
 * order) and an optional `minorEdit` ("true"/"false").
 */
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import type { EmulatorContext } from '../context.ts';
import type { ContentRow } from '../content/schema.ts';
import { transaction } from '../database/open.ts';
import type { EmulatorEnv } from '../http/env.ts';
import { badRequest, forbidden, invalidParameter, notFound } from '../http/errors.ts';
import type { UserRow } from '../users/store.ts';
import { mediaTypeOf } from './media-types.ts';
import { MAX_ATTACHMENT_BYTES, MAX_UPLOAD_REQUEST_BYTES } from './schema.ts';
import type { AttachmentStore } from './store.ts';

export interface UploadedFile {
  name: string;
  mediaType: string;
  bytes: Uint8Array;
  comment: string;
}

export interface Upload {
  files: UploadedFile[];
  minorEdit: boolean;
}

/** The `X-Atlassian-Token` values that pass the XSRF check: the standard one, then the older. */
export const XSRF_NO_CHECK_VALUES: readonly string[] = ['no-check', 'nocheck'];

/** 403 unless the XSRF header is present, as Confluence blocks multipart writes without it. */
export function assertXsrfToken(c: Context<EmulatorEnv>): void {
  const value = c.req.header('x-atlassian-token')?.trim().toLowerCase();
  if (value !== undefined && XSRF_NO_CHECK_VALUES.includes(value)) return;
  throw forbidden(
    'XSRF check failed: send the header X-Atlassian-Token: no-check with multipart uploads',
  );
}

export async function readUpload(c: Context<EmulatorEnv>): Promise<Upload> {
  const type = c.req.header('content-type') ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data'))
    throw badRequest(
      `An upload must be multipart/form-data; got ${type || 'no Content-Type'}`,
      'file',
    );
  const declared = Number(c.req.header('content-length') ?? '0');
  if (declared > MAX_UPLOAD_REQUEST_BYTES) throw tooLarge(declared);
  let form: Record<string, string | File | Array<string | File>>;
  try {
    form = await c.req.parseBody({ all: true });
  } catch (error) {
    throw badRequest(`The multipart body could not be read: ${(error as Error).message}`, 'file');
  }
  const files = list(form['file']).filter((part): part is File => typeof part !== 'string');
  if (files.length === 0) throw badRequest("The upload has no file part named 'file'", 'file');
  const comments = list(form['comment']).map((part) => (typeof part === 'string' ? part : ''));
  if (comments.length > 0 && comments.length !== files.length)
    throw invalidParameter(
      'comment',
      `Give one comment per file, in the same order, or none: ${files.length} file(s), ${comments.length} comment(s)`,
    );
  const minorEdit = list(form['minorEdit'])[0];
  if (minorEdit !== undefined && minorEdit !== 'true' && minorEdit !== 'false')
    throw invalidParameter(
      'minorEdit',
      `minorEdit must be "true" or "false"; got ${String(minorEdit)}`,
    );
  const uploaded: UploadedFile[] = [];
  for (const [index, file] of files.entries()) {
    if (file.name.trim() === '') throw badRequest('Every file part needs a file name', 'file');
    if (file.size > MAX_ATTACHMENT_BYTES) throw tooLarge(file.size);
    uploaded.push({
      name: file.name,
      mediaType: mediaTypeOf(file.name, file.type),
      bytes: new Uint8Array(await file.arrayBuffer()),
      comment: comments[index] ?? '',
    });
  }
  return { files: uploaded, minorEdit: minorEdit === 'true' };
}

/** How an upload meets existing attachments of the same name. */
export type UploadMode = 'create' | 'create-or-update' | { attachmentId: number };

/**
 * Stores one file as a new attachment (version 1) or as the next version of an existing one.
 * @returns the attachment's content row.
 */
export function writeAttachment(
  context: EmulatorContext,
  store: AttachmentStore,
  user: UserRow,
  container: ContentRow,
  file: UploadedFile,
  options: { minorEdit: boolean; mode: UploadMode; createdAt?: number },
): ContentRow {
  const existing =
    typeof options.mode === 'object'
      ? context.content.get(options.mode.attachmentId)
      : store.byTitle(container.id, file.name);
  if (options.mode === 'create' && existing)
    throw badRequest(
      `Cannot add a new attachment with same file name as an existing attachment: ${file.name}`,
      'file',
    );
  return transaction(context.db, () => {
    const row = existing
      ? context.content.revise(existing.id, {
          title: file.name,
          body: '',
          authorId: user.account_id,
          message: file.comment,
          minorEdit: options.minorEdit,
          ...(options.createdAt === undefined ? {} : { at: options.createdAt }),
        })
      : context.content.create({
          type: 'attachment',
          status: 'current',
          spaceId: container.space_id,
          containerId: container.id,
          title: file.name,
          body: '',
          authorId: user.account_id,
          message: file.comment,
          ...(options.createdAt === undefined ? {} : { createdAt: options.createdAt }),
        });
    store.insertFile({
      content_id: row.id,
      version: row.version,
      media_type: file.mediaType,
      file_size: file.bytes.byteLength,
      comment: file.comment,
      file_id: fileId(row.id, row.version),
      bytes: file.bytes,
      created_at: row.updated_at,
    });
    return row;
  });
}

/** A stable UUID-shaped media id per attachment version. */
function fileId(contentId: number, version: number): string {
  const hex = createHash('sha256').update(`attachment-file:${contentId}:${version}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function list<Item>(value: Item | Item[] | undefined): Item[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** The document lists "the attachment exceeds the maximum configured attachment size" under 404. */
function tooLarge(bytes: number) {
  return notFound(
    `The attachment exceeds the maximum attachment size: ${bytes} bytes, the limit is ${MAX_ATTACHMENT_BYTES} bytes`,
  );
}
