/**
 * The query parameters of the v1 search endpoints (swagger.v3.json `searchByCQL`,
 * `searchContentByCQL`, `searchUser`), read once and checked: a missing `cql`, a `cqlcontext`
 * that is not the JSON object the document describes, or a bad number is a 400 naming it.
 */
import type { Context } from 'hono';
import type { ContentStatus } from '../content/schema.ts';
import { invalidParameter } from '../http/errors.ts';
import { queryBoolean, queryInteger, queryList, queryString } from '../http/query.ts';

/** `limit` when absent (all three operations: "default": 25). */
export const DEFAULT_SEARCH_LIMIT = 25;
/**
 * Largest `limit` honoured ("may be restricted by fixed system limits"; a `limit=250` search was
 * observed to be honoured on Cloud in 2026). Larger values are clamped, not refused.
 */
export const MAX_SEARCH_LIMIT = 250;
/** "If the expand query parameter is used with body.export_view and/or body.styled_view … limit … restricted to a maximum value of 25." */
export const MAX_RENDERED_BODY_LIMIT = 25;

/** Content statuses a `cqlcontext` may ask for; `current` alone when it asks for none. */
const CONTEXT_STATUSES: readonly ContentStatus[] = [
  'current',
  'draft',
  'trashed',
  'archived',
  'historical',
  'deleted',
];

export interface CqlContext {
  spaceKey: string | undefined;
  contentId: number | undefined;
  /** Statuses searched: `["current"]` unless the context says otherwise. */
  contentStatuses: ContentStatus[];
}

/**
 * The `cql` parameter; absent or blank is a 400 naming it.
 * @example const cql = requiredCql(c); // 400 naming cql when absent
 */
export function requiredCql(c: Context): string {
  const cql = queryString(c, 'cql');
  if (cql === undefined || cql.trim() === '') {
    throw invalidParameter(
      'cql',
      "The query parameter 'cql' is required: a CQL query such as type = page",
    );
  }
  return cql;
}

/**
 * `limit`: 0 or more (the documents' minimum is 0), default 25, clamped to the maximum.
 * @example searchLimit(c, ['body.export_view']) // at most 25
 */
export function searchLimit(c: Context, expand: readonly string[] = []): number {
  const limit = queryInteger(c, 'limit', { min: 0 }) ?? DEFAULT_SEARCH_LIMIT;
  const rendered = expand.some((item) => /(^|\.)body\.(export_view|styled_view)$/.test(item));
  return Math.min(limit, rendered ? MAX_RENDERED_BODY_LIMIT : MAX_SEARCH_LIMIT);
}

/**
 * `expand`, comma-separated or repeated.
 * @example expandList(c) // ['body.storage', 'version'] for ?expand=body.storage,version
 */
export function expandList(c: Context): string[] {
  return queryList(c, 'expand');
}

/**
 * `cqlcontext={"spaceKey":"TEST","contentId":"123","contentStatuses":["current"]}`.
 * @example const context = cqlContext(c); // { spaceKey: 'TEST', contentId: 123, contentStatuses: ['current'] }
 */
export function cqlContext(c: Context): CqlContext {
  const raw = queryString(c, 'cqlcontext');
  const empty: CqlContext = {
    spaceKey: undefined,
    contentId: undefined,
    contentStatuses: ['current'],
  };
  if (raw === undefined) return empty;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw invalidParameter(
      'cqlcontext',
      `cqlcontext is not JSON: expected an object such as {"spaceKey":"TEST","contentId":"123"}; got ${raw}`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalidParameter(
      'cqlcontext',
      'cqlcontext must be a JSON object with spaceKey, contentId and/or contentStatuses',
    );
  }
  const { spaceKey, contentId, contentStatuses } = parsed as Record<string, unknown>;
  return {
    spaceKey: optionalString(spaceKey, 'spaceKey'),
    contentId: optionalId(contentId),
    contentStatuses: statuses(contentStatuses) ?? empty.contentStatuses,
  };
}

function optionalString(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string')
    throw invalidParameter('cqlcontext', `cqlcontext.${name} must be a string`);
  return value;
}

function optionalId(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const id = Number(value);
  if (
    (typeof value !== 'string' && typeof value !== 'number') ||
    !Number.isSafeInteger(id) ||
    id < 1
  ) {
    throw invalidParameter(
      'cqlcontext',
      `cqlcontext.contentId must be a content id; got ${JSON.stringify(value)}`,
    );
  }
  return id;
}

function statuses(value: unknown): ContentStatus[] | undefined {
  if (value === undefined || value === null) return undefined;
  const list = Array.isArray(value) ? value : [value];
  const bad = list.find((status) => !(CONTEXT_STATUSES as readonly unknown[]).includes(status));
  if (bad !== undefined) {
    throw invalidParameter(
      'cqlcontext',
      `cqlcontext.contentStatuses holds ${JSON.stringify(bad)}; use any of ${CONTEXT_STATUSES.join(', ')}`,
    );
  }
  return list.length ? (list as ContentStatus[]) : undefined;
}

/**
 * The space-status scope of /search: current spaces, archived ones too, or archived only.
 * @example spaceStatuses(c) // ['current'] by default
 */
export function spaceStatuses(c: Context): Array<'current' | 'archived'> {
  const includeArchived = queryBoolean(c, 'includeArchivedSpaces');
  const excludeCurrent = queryBoolean(c, 'excludeCurrentSpaces');
  if (excludeCurrent) return ['archived'];
  return includeArchived ? ['current', 'archived'] : ['current'];
}

/**
 * Parameters the document lists that the emulator reads only to check them.
 * @example checkIgnoredParameters(c); // 400 for ?start=-1
 */
export function checkIgnoredParameters(c: Context): void {
  queryInteger(c, 'start', { min: 0 }); // deprecated; observed to do nothing on Cloud
  queryBoolean(c, 'next');
  queryBoolean(c, 'prev');
  queryInteger(c, '_');
}
