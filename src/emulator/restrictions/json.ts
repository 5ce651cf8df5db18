/**
 * The v1 restriction shapes (swagger.v3.json `ContentRestrictionArray`, `ContentRestriction`):
 * one entry per operation (`read`, `update`), each with its users (`UserArray`) and groups
 * (`GroupArray`) paged by `start`/`limit`, and `restrictionsHash` (a digest the UI compares).
 */
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import type { EmulatorContext } from '../context.ts';
import type { ContentRow } from '../content/schema.ts';
import type { EmulatorEnv } from '../http/env.ts';
import { mountPrefix, siteBase } from '../http/links.ts';
import { userJson } from '../users/json.ts';
import { RESTRICTED_OPERATIONS, type RestrictedOperation, type RestrictionRow } from './schema.ts';

/** `expand` values of GET /content/{id}/restriction (swagger.v3.json getRestrictions). */
export const RESTRICTION_EXPANDS = [
  'restrictions.user',
  'read.restrictions.user',
  'update.restrictions.user',
  'restrictions.group',
  'read.restrictions.group',
  'update.restrictions.group',
  'content',
] as const;
export type RestrictionExpand = (typeof RESTRICTION_EXPANDS)[number];

export interface RestrictionJsonOptions {
  /** The `expand` values asked for; empty means the default (users and groups). */
  expand: readonly RestrictionExpand[];
  start: number;
  limit: number;
}

/** The v1 path of a content item, relative to `_links.base`. */
export function contentPath(content: ContentRow): string {
  return `/rest/api/content/${content.type === 'attachment' ? 'att' : ''}${content.id}`;
}

export function createRestrictionPresenter(context: EmulatorContext, c: Context<EmulatorEnv>) {
  const base = siteBase(c);
  const prefix = mountPrefix(c);

  function expanded(options: RestrictionJsonOptions, operation: string, kind: 'user' | 'group') {
    if (options.expand.length === 0) return true;
    return (
      options.expand.includes(`restrictions.${kind}` as RestrictionExpand) ||
      options.expand.includes(`${operation}.restrictions.${kind}` as RestrictionExpand)
    );
  }

  function page<Item>(items: Item[], options: RestrictionJsonOptions) {
    const results = items.slice(options.start, options.start + options.limit);
    return { results, start: options.start, limit: options.limit, size: results.length };
  }

  /** One `ContentRestriction`. */
  function restriction(
    content: ContentRow,
    operation: RestrictedOperation,
    rows: RestrictionRow[],
    options: RestrictionJsonOptions,
  ) {
    const mine = rows.filter((row) => row.operation === operation);
    const users = mine
      .filter((row) => row.subject_type === 'user')
      .flatMap((row) => context.users.byId(row.subject_id) ?? [])
      .map((user) => userJson(user, { base, prefix }));
    const groups = mine
      .filter((row) => row.subject_type === 'group')
      .map((row) => ({
        type: 'group',
        name: row.subject_id,
        id: row.subject_id,
        usageType: 'USERBASE_GROUP',
        managedBy: 'ADMINS',
        _links: { self: `${base}/rest/api/group/by-id?id=${encodeURIComponent(row.subject_id)}` },
      }));
    const restrictions: Record<string, unknown> = {};
    const expandable: Record<string, string> = {};
    const path = `${contentPath(content)}/restriction/byOperation/${operation}`;
    if (expanded(options, operation, 'user')) restrictions['user'] = page(users, options);
    else expandable['user'] = `${path}/user`;
    if (expanded(options, operation, 'group')) restrictions['group'] = page(groups, options);
    else expandable['group'] = `${path}/group`;
    if (Object.keys(expandable).length > 0) restrictions['_expandable'] = expandable;
    const json: Record<string, unknown> = { operation, restrictions };
    if (options.expand.includes('content')) json['content'] = contentJson(content);
    json['_expandable'] = options.expand.includes('content')
      ? {}
      : { content: contentPath(content) };
    json['_links'] = { self: `${base}${path}` };
    return json;
  }

  /** The minimal v1 `Content` of an expanded restriction. */
  function contentJson(content: ContentRow) {
    return {
      id: `${content.type === 'attachment' ? 'att' : ''}${content.id}`,
      type: content.type,
      status: content.status,
      title: content.title,
      _links: { self: `${base}${contentPath(content)}` },
    };
  }

  return {
    restriction,
    /** The `ContentRestrictionArray` of GET/PUT/POST/DELETE /content/{id}/restriction. */
    array(content: ContentRow, rows: RestrictionRow[], options: RestrictionJsonOptions) {
      const results = RESTRICTED_OPERATIONS.map((operation) =>
        restriction(content, operation, rows, options),
      );
      return {
        results,
        start: options.start,
        limit: options.limit,
        size: results.length,
        restrictionsHash: restrictionsHash(rows),
        _links: {
          base,
          context: `${prefix}/wiki`,
          self: `${base}${contentPath(content)}/restriction`,
        },
      };
    },
  };
}

/** A stable digest of the entries: changes whenever a subject is added or removed. */
export function restrictionsHash(rows: RestrictionRow[]): string {
  const canonical = rows
    .map((row) => `${row.operation}:${row.subject_type}:${row.subject_id}`)
    .sort()
    .join('\n');
  return createHash('sha256').update(canonical).digest('hex');
}
