/**
 * v2 label reads: GET /labels, /pages/{id}/labels, /blogposts/{id}/labels,
 * /attachments/{id}/labels, /spaces/{id}/labels, /spaces/{id}/content/labels (openapi-v2
 * "Label"). Cursor pages, default limit 25, max 250; `sort` is `LabelSortOrder` (default `id`).
 *
 * Deviation, on purpose: the document gives the two space routes a `prefix` default of "my, team"
 * and an enum without `global`, which would hide every ordinary label; the emulator returns every
 * prefix unless `prefix` is given, and accepts all four prefixes there.
 */
import { Hono, type Context } from 'hono';
import type { EmulatorContext } from '../context.ts';
import { contentIdParam } from '../attachments/ids.ts';
import { loadContent, loadSpace } from '../content/access.ts';
import type { ContentType } from '../content/schema.ts';
import { parseSort } from '../content/sort.ts';
import type { EmulatorEnv } from '../http/env.ts';
import { cursorResponse, keysetPage, queryCursor, queryLimit } from '../http/pagination.ts';
import { pathId, queryEnum, queryEnumList, queryIntegerList } from '../http/query.ts';
import { labelJson, labelSortValue } from './json.ts';
import { LABEL_PREFIXES, LABEL_SORTS, LABEL_SORT_COLUMNS } from './schema.ts';
import type { LabelSource, LabelStore } from './store.ts';

/** `label-id` accepts at most this many ids (the v2 list maximum). */
const MAX_LABEL_IDS = 250;

const CONTENT_LABEL_ROUTES: ReadonlyArray<{ path: string; type: ContentType }> = [
  { path: '/pages/:id/labels', type: 'page' },
  { path: '/blogposts/:id/labels', type: 'blogpost' },
  { path: '/attachments/:id/labels', type: 'attachment' },
];

export function labelRoutesV2(context: EmulatorContext, store: LabelStore): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();

  function respond(
    c: Context<EmulatorEnv>,
    source: LabelSource,
    prefixes: string[],
    ids: readonly number[] = [],
  ) {
    const sort = parseSort(queryEnum(c, 'sort', LABEL_SORTS) ?? 'id', LABEL_SORT_COLUMNS, 'l.id');
    const limit = queryLimit(c);
    const after = queryCursor(c, sort.name);
    const rows = store.page({
      source,
      accountId: c.get('user').account_id,
      prefixes,
      ids,
      order: sort.order,
      after,
      limit,
    });
    const page = keysetPage(rows, limit, sort.name, (row) => ({
      value: labelSortValue(row, sort.order.column),
      id: row.id,
    }));
    return cursorResponse(c, page.items.map(labelJson), limit, page.next);
  }

  const singlePrefix = (c: Context<EmulatorEnv>) => {
    const prefix = queryEnum(c, 'prefix', LABEL_PREFIXES);
    return prefix === undefined ? [] : [prefix];
  };

  app.get('/labels', (c) => {
    const ids = queryIntegerList(c, 'label-id', MAX_LABEL_IDS);
    return respond(c, { kind: 'all' }, queryEnumList(c, 'prefix', LABEL_PREFIXES), ids);
  });
  for (const route of CONTENT_LABEL_ROUTES) {
    app.get(route.path, (c) => {
      const id = route.type === 'attachment' ? contentIdParam(c, 'id') : pathId(c, 'id');
      const content = loadContent(context, c.get('user'), id, [route.type]);
      return respond(c, { kind: 'content', contentId: content.id }, singlePrefix(c));
    });
  }
  app.get('/spaces/:id/labels', (c) => {
    const space = loadSpace(context, c.get('user'), pathId(c, 'id'));
    return respond(c, { kind: 'space', spaceId: space.id }, singlePrefix(c));
  });
  app.get('/spaces/:id/content/labels', (c) => {
    const space = loadSpace(context, c.get('user'), pathId(c, 'id'));
    return respond(c, { kind: 'space-content', spaceId: space.id }, singlePrefix(c));
  });
  return app;
}
