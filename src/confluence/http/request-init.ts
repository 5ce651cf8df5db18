/**
 * The `RequestInit` of one request: headers (auth, JSON, the upload token) and the body, JSON or
 * multipart.
 */
import type { HttpRequestSpec } from '../operation.ts';

/** The value of `X-Atlassian-Token` that skips the XSRF check on multipart uploads. */
export const ATLASSIAN_TOKEN_NO_CHECK = 'no-check';

/**
 * Headers merge through `Headers`, so names are case-insensitive: a registry entry sending
 * `X-Atlassian-Token` replaces the default instead of doubling it ("no-check, no-check" is refused
 * with a 403). An operation's own headers never replace the site's authentication. Redirects are
 * never followed by `fetch` (`redirect: 'manual'`): send-once.ts decides (redirects.ts).
 */
export function requestInit(
  spec: HttpRequestSpec,
  baseHeaders: Record<string, string>,
): RequestInit {
  const headers = new Headers(baseHeaders);
  let body: FormData | string | undefined;
  if (spec.multipart) {
    const form = new FormData();
    for (const part of spec.multipart) {
      if ('data' in part) {
        form.append(part.name, new Blob([part.data], { type: part.contentType }), part.filename);
      } else form.append(part.name, part.value);
    }
    // Attachment uploads are refused without it (XSRF check): notes/confluence-api.md §2, row 21.
    // `no-check` is the standard value of Atlassian's XSRF framework (`nocheck` the older one).
    headers.set('x-atlassian-token', ATLASSIAN_TOKEN_NO_CHECK);
    body = form;
  } else if (spec.body !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(spec.body);
  }
  for (const [name, value] of Object.entries(spec.headers ?? {})) {
    if (name.toLowerCase() !== 'authorization') headers.set(name, value);
  }
  return body === undefined
    ? { method: spec.method, headers, redirect: 'manual' }
    : { method: spec.method, body, headers, redirect: 'manual' };
}
