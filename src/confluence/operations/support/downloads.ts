/**
 * A downloaded attachment as JSON for the script. The wire hands binary answers over as bytes,
 * `text/*` as a string and JSON parsed (src/confluence/http/send-once.ts); all three become
 * `{ encoding, data }`, text when the type is textual (or asked for), else base64.
 */
import { HostError } from '../../host-error.ts';
import type { HttpRequestSpec, HttpResponseData, OperationContext } from '../../operation.ts';
import type { AttachmentContent } from '../models/attachments.ts';
import { OperationError } from './errors.ts';

/** Larger files fail with a clear error rather than hit the sandbox's result limit. */
export const DEFAULT_DOWNLOAD_MAX_BYTES = 5 * 1024 * 1024;
/** Redirect hops followed to reach the file (Cloud: the REST URL, then `/wiki/download/…`). */
export const MAX_DOWNLOAD_REDIRECTS = 3;

/**
 * The download endpoint answers 302 to the file (v1 spec, downloadAttatchment). The wire never
 * follows redirects itself: it hands over one that leads inside the site's root and refuses any
 * other (src/confluence/http/redirects.ts), and the file is fetched here, through the same
 * checks, with the same size cap: the wire stops reading past `maxBytes` (lowered, never raised,
 * from the service's WORKBENCH_MAX_RESPONSE_BYTES).
 */
export async function downloadFile(
  first: HttpRequestSpec,
  maxBytes: number,
  context: OperationContext,
  attachmentId: string,
): Promise<HttpResponseData> {
  const limits = { acceptRedirect: true, maxResponseBytes: maxBytes } as const;
  try {
    let response = await context.request({ ...first, ...limits });
    for (let hop = 0; isRedirect(response); hop++) {
      if (hop === MAX_DOWNLOAD_REDIRECTS) {
        throw new OperationError(
          'TOO_MANY_REDIRECTS',
          `attachments.download: ${attachmentId} still redirects after ${MAX_DOWNLOAD_REDIRECTS} hops`,
        );
      }
      const nextUrl = response.headers.get('location')!;
      response = await context.request({ api: 'v1', method: 'GET', path: '/', nextUrl, ...limits });
    }
    return response;
  } catch (error) {
    throw tooLarge(error, attachmentId, maxBytes) ?? error;
  }
}

function isRedirect(response: HttpResponseData): boolean {
  return response.status >= 300 && response.status < 400 && response.headers.has('location');
}

/** The wire's RESPONSE_TOO_LARGE, said in the operation's terms. */
function tooLarge(error: unknown, attachmentId: string, maxBytes: number): Error | undefined {
  if (!(error instanceof HostError) || error.code !== 'RESPONSE_TOO_LARGE') return undefined;
  const said = error.message.replace(/^attachments\.download: /, '');
  return new OperationError(
    'ATTACHMENT_TOO_LARGE',
    `attachments.download: ${attachmentId} was not downloaded (maxBytes ${maxBytes}): ${said}`,
    {
      details: {
        maxBytes,
        hint: 'pass a larger maxBytes (the service caps it at its WORKBENCH_MAX_RESPONSE_BYTES) or skip this file',
      },
    },
  );
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
