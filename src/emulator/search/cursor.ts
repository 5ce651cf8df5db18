/**
 * The opaque `cursor` of /search and /content/search: where a page starts, bound to the query it
 * was issued for. Confluence's own cursors are opaque too (`_f_MQ==_sa_…`); a client only ever
 * copies them from `_links.next` / `_links.prev`.
 */
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { invalidParameter } from '../http/errors.ts';
import { queryString } from '../http/query.ts';

const CURSOR_VERSION = 1;
/** Longest cursor echoed back in an error message. */
const MAX_ECHOED_CHARS = 60;

/**
 * A short fingerprint of the query a cursor belongs to (`cql` and `cqlcontext`).
 * @example queryFingerprint('type = page', undefined) // 12 base64url characters
 */
export function queryFingerprint(cql: string, cqlcontext: string | undefined): string {
  return createHash('sha256')
    .update(`${cql}\n${cqlcontext ?? ''}`)
    .digest('base64url')
    .slice(0, 12);
}

/**
 * @example encodeCursor(25, queryFingerprint(cql, undefined))
 */
export function encodeCursor(offset: number, fingerprint: string): string {
  return Buffer.from(JSON.stringify([CURSOR_VERSION, offset, fingerprint])).toString('base64url');
}

/**
 * The offset `?cursor=` points at (0 without a cursor). A cursor that does not decode, or that was
 * issued for another query, is a 400 naming `cursor`.
 * @example const offset = cursorOffset(c, queryFingerprint(cql, undefined));
 */
export function cursorOffset(c: Context, fingerprint: string): number {
  const raw = queryString(c, 'cursor');
  if (raw === undefined) return 0;
  const decoded = decode(raw);
  const shown = raw.length > MAX_ECHOED_CHARS ? `${raw.slice(0, MAX_ECHOED_CHARS)}…` : raw;
  if (!decoded) {
    throw invalidParameter(
      'cursor',
      `Invalid cursor: ${shown}. Use the cursor of a _links.next or _links.prev URL as it is`,
    );
  }
  if (decoded.fingerprint !== fingerprint) {
    throw invalidParameter(
      'cursor',
      `The cursor ${shown} belongs to another query: keep cql and cqlcontext as they were when following _links.next`,
    );
  }
  return decoded.offset;
}

function decode(raw: string): { offset: number; fingerprint: string } | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 3 || value[0] !== CURSOR_VERSION)
      return undefined;
    const [, offset, fingerprint] = value as unknown[];
    if (!Number.isSafeInteger(offset) || (offset as number) < 0 || typeof fingerprint !== 'string')
      return undefined;
    return { offset: offset as number, fingerprint };
  } catch {
    return undefined;
  }
}
