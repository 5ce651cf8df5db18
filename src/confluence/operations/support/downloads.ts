/**
 * A downloaded attachment as JSON for the script. The wire hands binary answers over as bytes,
 * `text/*` as a string and JSON parsed (src/confluence/http/send-once.ts); all three become
 * `{ encoding, data }`, text when the type is textual (or asked for), else base64.
 */
import type { HttpResponseData } from '../../operation.ts';
import type { AttachmentContent } from '../models/attachments.ts';
import { OperationError } from './errors.ts';

/** Larger files fail with a clear error rather than hit the sandbox's result limit. */
export const DEFAULT_DOWNLOAD_MAX_BYTES = 5 * 1024 * 1024;

const TEXTUAL = /^(text\/|application\/(json|xml|javascript|x-yaml|yaml|csv)|[^;]*\+(json|xml))/i;

function bytesOf(body: unknown): Uint8Array {
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (typeof body === 'string') return new TextEncoder().encode(body);
  if (body === undefined) return new Uint8Array();
  return new TextEncoder().encode(JSON.stringify(body));
}

export function encodeDownload(
  response: HttpResponseData,
  input: {
    attachmentId: string;
    encoding?: 'auto' | 'text' | 'base64' | undefined;
    maxBytes?: number | undefined;
  },
): AttachmentContent {
  const mediaType = (response.headers.get('content-type') ?? 'application/octet-stream')
    .split(';')[0]!
    .trim();
  const bytes = bytesOf(response.body);
  const maxBytes = input.maxBytes ?? DEFAULT_DOWNLOAD_MAX_BYTES;
  if (bytes.byteLength > maxBytes) {
    throw new OperationError(
      'ATTACHMENT_TOO_LARGE',
      `attachments.download: ${input.attachmentId} is ${bytes.byteLength} bytes, over maxBytes ${maxBytes}`,
      { details: { sizeBytes: bytes.byteLength, maxBytes } },
    );
  }
  const wanted = input.encoding ?? 'auto';
  const encoding = wanted === 'auto' ? (TEXTUAL.test(mediaType) ? 'text' : 'base64') : wanted;
  const data =
    encoding === 'text'
      ? new TextDecoder().decode(bytes)
      : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  return {
    attachmentId: input.attachmentId,
    mediaType,
    sizeBytes: bytes.byteLength,
    encoding,
    data,
  };
}
