/**
 * `_links` of a cursor-paginated search, built as Confluence Cloud builds them (observed 2025-26):
 * `base` (`…/wiki`), `context` (`/wiki`), `self` (absolute, with `expand` and `cql`), and
 * `next` / `prev` relative to `base`, in this order of parameters:
 * `/rest/api/search?next=true&cursor=…&expand=…&limit=25&start=25&cql=…`.
 */
import type { Context } from 'hono';
import type { EmulatorEnv } from '../http/env.ts';
import { siteBase, sitePath } from '../http/links.ts';
import { queryString } from '../http/query.ts';
import { encodeCursor } from './cursor.ts';

export interface CursorLinksInput {
  /** `/rest/api/search` or `/rest/api/content/search` (relative to `_links.base`). */
  path: string;
  cql: string;
  expand: readonly string[];
  offset: number;
  limit: number;
  total: number;
  fingerprint: string;
}

/**
 * Parameters a next/prev link keeps besides cursor, expand, limit, start and cql. Confluence's
 * links were observed to drop `excerpt` (so a walk gets the default excerpts after page one); the
 * emulator does the same, and keeps the parameters that change which results match.
 */
const KEPT_PARAMETERS = ['cqlcontext', 'includeArchivedSpaces', 'excludeCurrentSpaces'] as const;

/** @example cursorLinks(c, { path: '/rest/api/search', cql, expand, offset: 0, limit: 25, total: 60, fingerprint }) */
export function cursorLinks(
  c: Context<EmulatorEnv>,
  input: CursorLinksInput,
): Record<string, string> {
  const base = siteBase(c);
  const links: Record<string, string> = {
    base,
    context: sitePath(c, '/wiki'),
    self: `${base}${input.path}?${query(c, input, {})}`,
  };
  if (input.limit > 0 && input.offset + input.limit < input.total) {
    links['next'] = page(c, input, 'next', input.offset + input.limit);
  }
  if (input.offset > 0) {
    links['prev'] = page(c, input, 'prev', Math.max(0, input.offset - Math.max(input.limit, 1)));
  }
  return links;
}

function page(
  c: Context,
  input: CursorLinksInput,
  direction: 'next' | 'prev',
  start: number,
): string {
  return `${input.path}?${query(c, input, { direction, start })}`;
}

function query(
  c: Context,
  input: CursorLinksInput,
  at: { direction?: 'next' | 'prev'; start?: number },
): string {
  const params = new URLSearchParams();
  if (at.direction) {
    params.set(at.direction, 'true');
    params.set('cursor', encodeCursor(at.start!, input.fingerprint));
  }
  if (input.expand.length) params.set('expand', input.expand.join(','));
  if (at.direction) {
    params.set('limit', String(input.limit));
    params.set('start', String(at.start));
  }
  for (const name of KEPT_PARAMETERS) {
    const value = queryString(c, name);
    if (value !== undefined) params.set(name, value);
  }
  params.set('cql', input.cql);
  return params.toString();
}
