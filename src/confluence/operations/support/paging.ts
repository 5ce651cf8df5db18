/**
 * Listing answers → `Paged<T>`. The cursor handed to scripts is the token Confluence put in the
 * next-page link, not the link itself: scripts pass it back as `cursor` with the same filters,
 * and nothing they pass can point the SDK at another URL.
 *
 * - v2 lists: `Link: <...?cursor=X>; rel="next"` and `_links.next` (notes/confluence-api.md §3.1).
 * - v1 search: `_links.next` carries `cursor=X` (the 2020 move from `start` to `cursor`).
 * - v1 offset lists (audit, restrictions, user search): `_links.next` carries `start=N`.
 */
import type { HttpResponseData } from '../../operation.ts';
import type { Paged } from '../models/common.ts';

interface ListBody {
  results?: unknown[];
  totalSize?: number;
  start?: number;
  size?: number;
  _links?: { next?: string };
}

/** The next-page link: what the wire parsed from `Link`, else the body's `_links.next`. */
export function nextLinkOf(response: HttpResponseData): string | undefined {
  if (response.nextUrl) return response.nextUrl;
  const body = response.body as ListBody | undefined;
  return typeof body?._links?.next === 'string' ? body._links.next : undefined;
}

/** The value of `parameter` in a (possibly relative) URL. */
export function parameterOf(link: string | undefined, parameter: string): string | undefined {
  if (!link) return undefined;
  const value = new URL(link, 'https://confluence.invalid').searchParams.get(parameter);
  return value === null || value === '' ? undefined : value;
}

function resultsOf(response: HttpResponseData): unknown[] {
  const body = response.body as ListBody | undefined;
  return Array.isArray(body?.results) ? body.results : [];
}

/** A cursor-paged answer (v2 lists, v1 search) as `Paged<T>`, each item mapped by `map`. */
export function cursorPage<Item>(
  response: HttpResponseData,
  map: (item: never) => Item = (item) => item as Item,
): Paged<Item> {
  const page: Paged<Item> = { results: resultsOf(response).map((item) => map(item as never)) };
  const nextCursor = parameterOf(nextLinkOf(response), 'cursor');
  if (nextCursor !== undefined) page.nextCursor = nextCursor;
  const totalSize = (response.body as ListBody | undefined)?.totalSize;
  if (typeof totalSize === 'number') page.totalSize = totalSize;
  return page;
}

/** An offset-paged v1 answer as `Paged<T>`: the cursor is the next `start`. */
export function offsetPage<Item>(
  response: HttpResponseData,
  map: (item: never) => Item = (item) => item as Item,
): Paged<Item> {
  const page: Paged<Item> = { results: resultsOf(response).map((item) => map(item as never)) };
  const nextStart = parameterOf(nextLinkOf(response), 'start');
  if (nextStart !== undefined) page.nextCursor = nextStart;
  return page;
}
