/**
 * The `RequestInit` of one request: headers (auth, JSON, the upload token) and the body, JSON or
 * multipart.
 */
import type { HttpRequestSpec } from '../operation.ts';

export function requestInit(
  spec: HttpRequestSpec,
  baseHeaders: Record<string, string>,
): RequestInit {
  const headers = { ...baseHeaders };
  if (spec.multipart) {
    const form = new FormData();
    for (const part of spec.multipart) {
      if ('data' in part) {
        form.append(part.name, new Blob([part.data], { type: part.contentType }), part.filename);
      } else form.append(part.name, part.value);
    }
    // Attachment uploads are refused without it (XSRF check): notes/confluence-api.md §2, row 21.
    headers['x-atlassian-token'] = 'nocheck';
    return { method: spec.method, body: form, headers: { ...headers, ...spec.headers } };
  }
  if (spec.body === undefined)
    return { method: spec.method, headers: { ...headers, ...spec.headers } };
  headers['content-type'] = 'application/json';
  return {
    method: spec.method,
    body: JSON.stringify(spec.body),
    headers: { ...headers, ...spec.headers },
  };
}
