/**
 * Cursor pagination as Confluence does it (notes/confluence-api.md §3.1): v2 lists answer with
 * `Link: </wiki/api/v2/pages?cursor=…>; rel="next"` and repeat it in `_links.next`; v1 search and
 * offset lists give `_links.next` relative to `_links.base`. The last page has neither.
 */
import LinkHeader from 'http-link-header';
import type { HttpRequestSpec, HttpResponseData } from '../operation.ts';
import { API_ROOTS, toSitePath } from './urls.ts';

/**
 * The next page's site-relative URL (`/wiki/api/v2/pages?cursor=…`), from the `Link` header or
 * `_links.next`, or `undefined` on the last page.
 * @example nextUrlOf(response.headers, response.body) // '/wiki/api/v2/pages?limit=25&cursor=abc'
 */
export function nextUrlOf(headers: Headers, body: unknown): string | undefined {
  const header = headers.get('link');
  if (header) {
    try {
      const next = LinkHeader.parse(header).rel('next')[0];
      const sitePath = next ? toSitePath(next.uri) : undefined;
      if (sitePath) return sitePath;
    } catch {
      // A malformed Link header: `_links.next` usually says the same.
    }
  }
  const links = isRecord(body) && isRecord(body['_links']) ? body['_links'] : undefined;
  const next = links?.['next'];
  return typeof next === 'string' && next !== '' ? toSitePath(next) : undefined;
}

/**
 * The opaque cursor in a next URL (`cursor=`), or the offset (`start=`) for v1 offset lists.
 * @example cursorOf('/wiki/api/v2/pages?cursor=abc') // 'abc'
 */
export function cursorOf(nextUrl: string | undefined): string | undefined {
  if (nextUrl === undefined) return undefined;
  const params = new URL(nextUrl, 'http://site.invalid/').searchParams;
  return params.get('cursor') ?? params.get('start') ?? undefined;
}

export interface CollectPagesOptions<Item> {
  /** The first page's request. */
  first: HttpRequestSpec;
  /** Sends one request: `client.request` or an `OperationContext.request`. */
  request: (spec: HttpRequestSpec) => Promise<HttpResponseData>;
  /** The items of one page (default: `body.results`). */
  items?: (body: unknown) => Item[];
  /** Stop once this many items are collected (default {@link DEFAULT_MAX_ITEMS}). */
  maxItems?: number;
  /** Stop after this many pages (default {@link DEFAULT_MAX_PAGES}). */
  maxPages?: number;
  signal?: AbortSignal;
}

export interface CollectedPages<Item> {
  items: Item[];
  /** True when a cap stopped the walk before the last page: never a silent cut. */
  truncated: boolean;
  /** Pages read. */
  pages: number;
  /**
   * Where to continue when truncated: the page to request next (`HttpRequestSpec.nextUrl`), and
   * how many of its first items were already returned (a `maxItems` cut can fall inside a page).
   */
  resume?: { nextUrl: string; skip: number };
}

export const DEFAULT_MAX_ITEMS = 10_000;
export const DEFAULT_MAX_PAGES = 1_000;

/**
 * Follows next links from a first request until the last page or a cap.
 * @example
 * const { items, truncated } = await collectPages({
 *   first: { api: 'v2', method: 'GET', path: '/pages', query: { limit: 250 } },
 *   request: (spec) => client.request(spec), maxItems: 2_000,
 * });
 */
export async function collectPages<Item>(
  options: CollectPagesOptions<Item>,
): Promise<CollectedPages<Item>> {
  const maxItems = options.maxItems ?? DEFAULT_MAX_ITEMS;
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  const items: Item[] = [];
  let pages = 0;
  for await (const page of iteratePages(options)) {
    pages += 1;
    const room = maxItems - items.length;
    items.push(...page.items.slice(0, room));
    if (page.items.length > room) {
      return { items, truncated: true, pages, resume: { nextUrl: page.url, skip: room } };
    }
    if (page.nextUrl === undefined) return { items, truncated: false, pages };
    if (items.length >= maxItems || pages >= maxPages) {
      return { items, truncated: true, pages, resume: { nextUrl: page.nextUrl, skip: 0 } };
    }
  }
  return { items, truncated: false, pages };
}

export interface FetchedPage<Item> {
  items: Item[];
  /** The site-relative URL this page was read from (the first page's as built by the client). */
  url: string;
  nextUrl: string | undefined;
  response: HttpResponseData;
}

/**
 * Yields page after page, following next links; stops after the last page. The caller decides
 * when to stop early (`break`), which sends nothing more.
 */
export async function* iteratePages<Item>(
  options: Pick<CollectPagesOptions<Item>, 'first' | 'request' | 'items' | 'signal'>,
): AsyncGenerator<FetchedPage<Item>> {
  const items = options.items ?? defaultItems<Item>;
  let spec: HttpRequestSpec = options.first;
  let url = describeFirst(options.first);
  for (;;) {
    options.signal?.throwIfAborted();
    const response = await options.request(spec);
    const nextUrl = response.nextUrl ?? nextUrlOf(response.headers, response.body);
    yield { items: items(response.body), url, nextUrl, response };
    if (nextUrl === undefined) return;
    spec = { api: options.first.api, method: 'GET', path: options.first.path, nextUrl };
    url = nextUrl;
  }
}

function defaultItems<Item>(body: unknown): Item[] {
  return isRecord(body) && Array.isArray(body['results']) ? (body['results'] as Item[]) : [];
}

function describeFirst(spec: HttpRequestSpec): string {
  if (spec.nextUrl !== undefined) return spec.nextUrl;
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(spec.query ?? {})) {
    if (value !== undefined)
      query.append(name, Array.isArray(value) ? value.join(',') : String(value));
  }
  const search = query.size > 0 ? `?${query}` : '';
  return `${API_ROOTS[spec.api]}${spec.path}${search}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
