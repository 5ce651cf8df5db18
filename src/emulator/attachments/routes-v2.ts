/**
 * v2 attachment routes (openapi-v2 "Attachment"): GET /attachments, /pages/{id}/attachments,
 * /blogposts/{id}/attachments (sort, status — default current and archived —, mediaType,
 * filename, cursor, limit default 50), GET /attachments/{id} (version, include-*), and
 * DELETE /attachments/{id} (trash; `purge=true` on a trashed attachment deletes it for good).
 */
import { Hono, type Context } from 'hono';
import type { EmulatorContext } from '../context.ts';
import { loadContent } from '../content/access.ts';
import type { ContentType } from '../content/schema.ts';
import { sortValue } from '../content/read-routes.ts';
import { parseSort } from '../content/sort.ts';
import type { EmulatorEnv } from '../http/env.ts';
import { invalidParameter, notFound } from '../http/errors.ts';
import { cursorResponse, keysetPage, queryCursor, queryLimit } from '../http/pagination.ts';
import {
  pathId,
  queryBoolean,
  queryEnum,
  queryEnumList,
  queryInteger,
  queryString,
} from '../http/query.ts';
import { assertCanEdit } from '../restrictions/access.ts';
import { contentIdParam } from './ids.ts';
import { type AttachmentSnapshot, createAttachmentPresenter } from './json-v2.ts';
import { ATTACHMENT_SORTS, ATTACHMENT_SORT_COLUMNS, type AttachmentStore } from './store.ts';

/** openapi-v2 getAttachments: `limit` default 50. */
export const DEFAULT_ATTACHMENT_LIMIT = 50;
const LIST_STATUSES = ['current', 'archived', 'trashed'] as const;
/** "By default, `current` and `archived` are used." */
const DEFAULT_STATUSES = ['current', 'archived'];
const REGISTRY_INCLUDES = ['labels', 'properties', 'operations', 'versions'] as const;

export function attachmentRoutesV2(
  context: EmulatorContext,
  store: AttachmentStore,
): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();

  function list(c: Context<EmulatorEnv>, containerId?: number) {
    const sort = parseSort(
      queryEnum(c, 'sort', ATTACHMENT_SORTS) ?? 'created-date',
      ATTACHMENT_SORT_COLUMNS,
    );
    const statuses = queryEnumList(c, 'status', LIST_STATUSES);
    const limit = queryLimit(c, { defaultLimit: DEFAULT_ATTACHMENT_LIMIT });
    const after = queryCursor(c, sort.name);
    const rows = store.list({
      ...(containerId === undefined ? {} : { containerId }),
      statuses: statuses.length > 0 ? statuses : DEFAULT_STATUSES,
      mediaType: queryString(c, 'mediaType'),
      filename: queryString(c, 'filename'),
      accountId: c.get('user').account_id,
      order: sort.order,
      after,
      limit,
    });
    const page = keysetPage(rows, limit, sort.name, (row) => ({
      value: sortValue(row, sort.order.column),
      id: row.id,
    }));
    const presenter = createAttachmentPresenter(context, c);
    return cursorResponse(
      c,
      page.items.map((row) => presenter.attachment(row)),
      limit,
      page.next,
    );
  }

  app.get('/attachments', (c) => list(c));
  for (const [path, type] of [
    ['/pages/:id/attachments', 'page'],
    ['/blogposts/:id/attachments', 'blogpost'],
  ] as const) {
    app.get(path, (c) =>
      list(c, loadContent(context, c.get('user'), pathId(c, 'id'), [type as ContentType]).id),
    );
  }

  app.get('/attachments/:id', (c) => {
    const id = contentIdParam(c, 'id');
    const version = queryInteger(c, 'version', { min: 1 });
    const includeVersion = queryBoolean(c, 'include-version', true);
    queryBoolean(c, 'include-collaborators');
    loadContent(context, c.get('user'), id, ['attachment']);
    const json = createAttachmentPresenter(context, c).attachment(snapshot(id, version), {
      includeVersion,
      single: true,
    });
    for (const name of REGISTRY_INCLUDES) {
      if (!queryBoolean(c, `include-${name}`)) continue;
      const included = context.includes.resolve(c, name, {
        type: 'attachment',
        id,
        collection: 'attachments',
      });
      if (included) json[name] = included;
    }
    return c.json(json);
  });

  /** The current attachment, or the asked version of it. */
  function snapshot(id: number, version: number | undefined): AttachmentSnapshot {
    const current = store.get(id)!;
    if (version === undefined || version === current.version) return current;
    const file = store.file(id, version);
    const stored = context.content.version(id, version);
    if (!file || !stored) throw notFound(`The attachment att${id} has no version ${version}`);
    return {
      ...current,
      version,
      title: stored.title,
      version_author_id: stored.author_id,
      version_created_at: stored.created_at,
      version_message: stored.message,
      version_minor_edit: stored.minor_edit,
      media_type: file.media_type,
      file_size: file.file_size,
      comment: file.comment,
      file_id: file.file_id,
      shownStatus: 'historical',
    };
  }

  app.delete('/attachments/:id', (c) => {
    const user = c.get('user');
    const id = contentIdParam(c, 'id');
    const purge = queryBoolean(c, 'purge');
    const attachment = loadContent(context, user, id, ['attachment']);
    assertCanEdit(context, user, attachment.container_id ?? attachment.id);
    c.set('audit', {
      summary: purge ? 'Attachment purged' : 'Attachment trashed',
      category: 'Content',
      affectedObject: { name: attachment.title, objectType: 'attachment' },
    });
    if (purge) {
      if (attachment.status !== 'trashed')
        throw invalidParameter(
          'purge',
          `Only a trashed attachment can be purged; att${id} is ${attachment.status}`,
        );
      context.content.purge(id, user.account_id);
    } else {
      if (attachment.status === 'trashed')
        throw invalidParameter(
          'id',
          `The attachment att${id} is already trashed; use purge=true to delete it permanently`,
        );
      context.content.setStatus(id, 'trashed', user.account_id);
    }
    return c.body(null, 204);
  });
  return app;
}
