/**
 * Pagination as Confluence does it.
 * - v2 cursor: `limit` (default 25, 1..250; larger values are clamped to the maximum), an opaque
 *   `cursor`, the next page announced both in `Link: <…>; rel="next", <base>; rel="base"` and in
 *   `_links.next` (site-relative, carrying the original filters and `limit`), omitted on the last
 *   page (openapi-v2 `MultiEntityLinks`; notes/confluence-api.md §3.1).
 * - v1 offset: `start`/`limit`, body `{results,start,limit,size,_links:{base,context,self,next?}}`.
 */
import type { Context } from 'hono';
import type { EmulatorEnv } from './env.ts';
import { invalidParameter } from './errors.ts';
import { queryInteger, queryString } from './query.ts';
import { basePath, siteBase, sitePath } from './links.ts';

export const DEFAULT_PAGE_LIMIT = 25;
export const MAX_PAGE_LIMIT = 250;

export interface LimitOptions {
  defaultLimit?: number;
  maxLimit?: number;
}

/** `limit`: a non-integer or a value below 1 is a 400; above the maximum it is clamped. */
export function queryLimit(c: Context, options: LimitOptions = {}): number {
  const { defaultLimit = DEFAULT_PAGE_LIMIT, maxLimit = MAX_PAGE_LIMIT } = options;
  const limit = queryInteger(c, 'limit', { min: 1 }) ?? defaultLimit;
  return Math.min(limit, maxLimit);
}

/** Where a keyset page ended: the sort it belongs to, the last sort value and the last id. */
export interface CursorPosition {
  sort: string;
  value: string | number | null;
  id: number;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.sort, position.value, position.id])).toString(
    'base64url',
  );
}

/**
 * The position in `?cursor=`, or undefined on the first page. A cursor that does not decode, or
 * that was issued for another sort order, is a 400 naming `cursor`.
 */
export function queryCursor(c: Context, sort: string): CursorPosition | undefined {
  const raw = queryString(c, 'cursor');
  if (raw === undefined) return undefined;
  const position = decodeCursor(raw);
  if (!position || position.sort !== sort) {
    throw invalidParameter(
      'cursor',
      `Invalid cursor: ${raw.length > 60 ? `${raw.slice(0, 60)}…` : raw}`,
    );
  }
  return position;
}

function decodeCursor(raw: string): CursorPosition | undefined {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (!Array.isArray(decoded) || decoded.length !== 3) return undefined;
    const [sort, value, id] = decoded as unknown[];
    if (typeof sort !== 'string' || !Number.isSafeInteger(id)) return undefined;
    if (value !== null && typeof value !== 'string' && typeof value !== 'number') return undefined;
    return { sort, value, id: id as number };
  } catch {
    return undefined;
  }
}

/** One page of a keyset listing: `limit + 1` rows were fetched to know whether more follow. */
export interface KeysetPage<Item> {
  items: Item[];
  next: CursorPosition | undefined;
}

/**
 * Cuts `rows` (fetched with `limit + 1`) to one page and computes the next cursor position.
 * @example const page = keysetPage(rows, limit, 'id', (row) => ({ value: row.id, id: row.id }));
 */
export function keysetPage<Row>(
  rows: Row[],
  limit: number,
  sort: string,
  positionOf: (row: Row) => { value: string | number | null; id: number },
): KeysetPage<Row> {
  if (rows.length <= limit) return { items: rows, next: undefined };
  const items = rows.slice(0, limit);
  return { items, next: { sort, ...positionOf(items[items.length - 1]!) } };
}

/** The next-page URL: this request's path and filters, with `limit` and the new `cursor`. */
export function nextLink(c: Context<EmulatorEnv>, limit: number, next: CursorPosition): string {
  const url = new URL(c.req.url);
  url.searchParams.delete('cursor');
  url.searchParams.set('limit', String(limit));
  url.searchParams.set('cursor', encodeCursor(next));
  return `${sitePath(c, stripPrefix(url.pathname))}?${url.searchParams.toString()}`;
}

/**
 * A v2 list response: `{results, _links:{next?, base}}` plus the `Link` header.
 * @example return cursorResponse(c, page.items.map(toPage), limit, page.next);
 */
export function cursorResponse(
  c: Context<EmulatorEnv>,
  results: unknown[],
  limit: number,
  next: CursorPosition | undefined,
): Response {
  const base = siteBase(c);
  const links: { next?: string; base: string } = { base };
  if (next) {
    links.next = nextLink(c, limit, next);
    c.header('Link', `<${links.next}>; rel="next", <${base}>; rel="base"`);
  }
  return c.json({ results, _links: links });
}

/** v1 `start` (0-based offset); negative or non-integer is a 400. */
export function queryStart(c: Context): number {
  return queryInteger(c, 'start', { min: 0 }) ?? 0;
}

/**
 * A v1 offset-paginated body (`results`, `start`, `limit`, `size`, `_links`).
 * @example return c.json(offsetBody(c, rows, start, limit, hasMore));
 */
export function offsetBody<Item>(
  c: Context<EmulatorEnv>,
  results: Item[],
  start: number,
  limit: number,
  hasMore: boolean,
): { results: Item[]; start: number; limit: number; size: number; _links: Record<string, string> } {
  const url = new URL(c.req.url);
  const self = basePath(stripPrefix(url.pathname));
  const links: Record<string, string> = {
    base: siteBase(c),
    context: `${sitePath(c, '/wiki')}`,
    self: `${siteBase(c)}${self}`,
  };
  if (hasMore) {
    url.searchParams.set('start', String(start + limit));
    url.searchParams.set('limit', String(limit));
    links['next'] = `${self}?${url.searchParams.toString()}`;
  }
  return { results, start, limit, size: results.length, _links: links };
}

/** The request path without the mount prefix (starts with `/wiki`). */
function stripPrefix(pathname: string): string {
  const index = pathname.indexOf('/wiki/');
  return index >= 0 ? pathname.slice(index) : pathname;
}
