/**
 * A downloaded attachment as JSON for the script. The wire hands binary answers over as bytes,
 * `text/*` as a string and JSON parsed (src/confluence/http/send-once.ts); all three become
 * `{ encoding, data }`, text when the type is textual (or asked for), else base64.
 */
import type { HttpResponseData, OperationContext } from '../../operation.ts';
import type { AttachmentContent } from '../models/attachments.ts';
import { OperationError } from './errors.ts';

/** Larger files fail with a clear error rather than hit the sandbox's result limit. */
export const DEFAULT_DOWNLOAD_MAX_BYTES = 5 * 1024 * 1024;

/**
 * The download endpoint answers 302 to the file (v1 spec, downloadAttatchment). `fetch` follows
 * it by itself (and drops the credentials if it leaves the site); a `fetch` that does not, such
 * as the in-process emulator's `app.fetch`, hands the 302 over, and the file is fetched here,
 * from the site only: the wire refuses a link to another host.
 */
export async function followRedirect(
  response: HttpResponseData,
  context: OperationContext,
): Promise<HttpResponseData> {
  const location = response.headers.get('location');
  if (response.status < 300 || response.status >= 400 || !location) return response;
  return context.request({ api: 'v1', method: 'GET', path: '/', nextUrl: location });
}

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
