/**
 * Versions of pages and blog posts: GET /{collection}/{id}/versions (cursor, sort by
 * modified-date) and GET /{collection}/{id-parameter}/versions/{version-number} (DetailedVersion).
 */
import type { Context } from 'hono';
import { LIST_BODY_FORMATS, bodyJson } from '../bodies/index.ts';
import type { EmulatorContext } from '../context.ts';
import type { EmulatorEnv } from '../http/env.ts';
import { notFound } from '../http/errors.ts';
import { mountPrefix } from '../http/links.ts';
import { cursorResponse, keysetPage, queryCursor, queryLimit } from '../http/pagination.ts';
import { pathId, queryEnum } from '../http/query.ts';
import { loadContent } from './access.ts';
import type { ContentKind } from './kinds.ts';
import type { VersionRow } from './schema.ts';

/** The versions list of a content item, newest first unless `sort=modified-date`. */
export function listVersions(context: EmulatorContext, kind: ContentKind, c: Context<EmulatorEnv>) {
  const id = pathId(c, 'id');
  const row = loadContent(context, c.get('user'), id, [kind.type]);
  const sort = queryEnum(c, 'sort', ['modified-date', '-modified-date']) ?? '-modified-date';
  const bodyFormat = queryEnum(c, 'body-format', LIST_BODY_FORMATS);
  const limit = queryLimit(c);
  const after = queryCursor(c, sort);
  const ascending = sort === 'modified-date';
  const versions = context.queries.versions(id);
  const ordered = ascending ? versions : [...versions].reverse();
  const start = after
    ? ordered.findIndex((version) =>
        ascending ? version.number > after.id : version.number < after.id,
      )
    : 0;
  const rows = start < 0 ? [] : ordered.slice(start, start + limit + 1);
  const page = keysetPage(rows, limit, sort, (version) => ({
    value: version.number,
    id: version.number,
  }));
  const prefix = mountPrefix(c);
  const results = page.items.map((version) => ({
    ...versionJson(version),
    [kind.versionOwnerKey]: {
      id: String(row.id),
      title: version.title,
      ...(bodyFormat ? { body: bodyJson(version, bodyFormat, { prefix }) } : {}),
    },
  }));
  return cursorResponse(c, results, limit, page.next);
}

/** GET …/versions/{version-number}. */
export function getVersionDetails(
  context: EmulatorContext,
  kind: ContentKind,
  c: Context<EmulatorEnv>,
) {
  const id = pathId(c, kind.idParameter);
  const number = pathId(c, 'version-number');
  loadContent(context, c.get('user'), id, [kind.type]);
  const version = context.content.version(id, number);
  if (!version) throw notFound(`The ${kind.label} ${id} has no version ${number}`);
  const next = context.content.version(id, number + 1);
  return c.json({
    number: version.number,
    authorId: version.author_id,
    message: version.message,
    createdAt: new Date(version.created_at).toISOString(),
    minorEdit: version.minor_edit === 1,
    contentTypeModified: false,
    collaborators: [version.author_id],
    ...(number > 1 ? { prevVersion: number - 1 } : {}),
    ...(next ? { nextVersion: number + 1 } : {}),
  });
}

export function versionJson(version: VersionRow) {
  return {
    createdAt: new Date(version.created_at).toISOString(),
    message: version.message,
    number: version.number,
    minorEdit: version.minor_edit === 1,
    authorId: version.author_id,
  };
}
