/**
 * Where a request goes. A site is addressed by its root without `/wiki`: the site form
 * `https://acme.atlassian.net`, the gateway form `https://api.atlassian.com/ex/confluence/{cloudId}`
 * (OAuth 2.0 and scoped tokens must use it: notes/confluence-api.md §3.4), or an emulator
 * (`http://127.0.0.1:8790`, `http://127.0.0.1:8787/emulator`). Every URL the client builds stays
 * under that root, so credentials never travel to another host or another API on it.
 */
import type { HttpRequestSpec, QueryValue } from '../operation.ts';
import { ConfluenceError } from './errors.ts';

export const API_ROOTS = { v2: '/wiki/api/v2', v1: '/wiki/rest/api' } as const;

/**
 * Normalizes a site root: drops a pasted `/wiki...` suffix and trailing slashes; refuses URLs that
 * carry credentials or are not http(s).
 * @example normalizeBaseUrl('https://acme.atlassian.net/wiki/') // 'https://acme.atlassian.net'
 */
export function normalizeBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TypeError('baseUrl is not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`baseUrl must be http(s); got "${url.protocol}"`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new TypeError('baseUrl must not carry credentials: pass them as auth');
  }
  const pathname = url.pathname.replace(/\/wiki(\/.*)?$/, '').replace(/\/+$/, '');
  return `${url.origin}${pathname}`;
}

/** The absolute URL of a request, checked to stay under the site's `/wiki`. */
export function requestUrl(baseUrl: string, spec: HttpRequestSpec): URL {
  if (spec.nextUrl !== undefined) {
    const sitePath = toSitePath(spec.nextUrl);
    if (sitePath === undefined) throw invalid(spec, `not a Confluence link: "${spec.nextUrl}"`);
    return checked(new URL(baseUrl + sitePath), `${baseUrl}/wiki/`, spec);
  }
  if (!spec.path.startsWith('/') || /[?#]/.test(spec.path)) {
    throw invalid(spec, `path must start with "/" and carry no query: "${spec.path}"`);
  }
  if (spec.path.split('/').some(isDotSegment)) {
    throw invalid(spec, `a path parameter would navigate the path (".." or "."): "${spec.path}"`);
  }
  const root = `${baseUrl}${API_ROOTS[spec.api]}`;
  const url = checked(new URL(root + spec.path), `${root}/`, spec);
  for (const [name, value] of Object.entries(spec.query ?? {})) appendQuery(url, name, value);
  return url;
}

/**
 * Reduces a pagination link to a site-relative path starting with `/wiki/`, whatever form it came
 * in: absolute (`Link` header, possibly on another host: the gateway's `_links.base` names the
 * site), site-relative v2 (`/wiki/api/v2/pages?cursor=…`, already holding `/wiki`), or v1
 * relative to `_links.base` (`/rest/api/search?cursor=…`). Mount prefixes before `/wiki/`
 * (`/emulator`, `/ex/confluence/{cloudId}`) are dropped: the client puts its own root back.
 * @example toSitePath('/rest/api/search?cql=x&cursor=abc') // '/wiki/rest/api/search?cql=x&cursor=abc'
 */
export function toSitePath(link: string): string | undefined {
  let url: URL;
  try {
    url = new URL(link, 'http://site.invalid/');
  } catch {
    return undefined;
  }
  const index = url.pathname.indexOf('/wiki/');
  if (index >= 0) return url.pathname.slice(index) + url.search;
  if (/^\/(rest|api)\//.test(url.pathname)) return `/wiki${url.pathname}${url.search}`;
  return undefined;
}

/**
 * `.` and `..`, also percent-encoded: the WHATWG URL parser resolves `%2e%2e` like `..`, so
 * encoding cannot keep them one segment; the request is refused instead.
 */
function isDotSegment(segment: string): boolean {
  return /^(\.|%2e){1,2}$/i.test(segment);
}

function appendQuery(url: URL, name: string, value: QueryValue): void {
  if (value === undefined) return;
  // Array parameters: Confluence documents "a comma-separated list" (`?status=current,draft`).
  const text = Array.isArray(value) ? value.join(',') : String(value);
  url.searchParams.append(name, text);
}

function checked(url: URL, prefix: string, spec: HttpRequestSpec): URL {
  // `new URL` resolves `..` (and `%2e%2e`) segments, so compare after parsing.
  if (!url.href.startsWith(prefix)) {
    throw invalid(spec, `the request would leave ${prefix}: "${url.pathname}"`);
  }
  return url;
}

function invalid(spec: HttpRequestSpec, message: string): ConfluenceError {
  return new ConfluenceError({
    code: 'INVALID_REQUEST',
    message: `invalid request: ${message}`,
    method: spec.method,
    path: spec.nextUrl ?? spec.path,
    retries: 0,
  });
}
