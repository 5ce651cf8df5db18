/**
 * GET /labels/{id}/pages and /labels/{id}/blogposts (openapi-v2 getLabelPages,
 * getLabelBlogPosts): current pages or blog posts carrying the label that the caller may see, as
 * PageBulk / BlogPostBulk, filtered by `space-id` (at most 100), sorted (default `id`), with the
 * body when `body-format` asks.
 */
import { Hono } from 'hono';
import { LIST_BODY_FORMATS } from '../bodies/index.ts';
import type { EmulatorContext } from '../context.ts';
import { createContentPresenter } from '../content/json.ts';
import { BLOGPOST_KIND, type ContentKind, PAGE_KIND } from '../content/kinds.ts';
import { sortValue } from '../content/read-routes.ts';
import { querySort } from '../content/sort.ts';
import type { EmulatorEnv } from '../http/env.ts';
import { notFound } from '../http/errors.ts';
import { cursorResponse, keysetPage, queryCursor, queryLimit } from '../http/pagination.ts';
import { pathId, queryEnum, queryIntegerList } from '../http/query.ts';
import type { LabelStore } from './store.ts';

/** openapi-v2 getLabelPages `space-id`: maxItems 100. */
const MAX_SPACE_IDS = 100;

export function labelledContentRoutes(
  context: EmulatorContext,
  store: LabelStore,
): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();
  for (const kind of [PAGE_KIND, BLOGPOST_KIND] as ContentKind[]) {
    app.get(`/labels/:id/${kind.collection}`, (c) => {
      const user = c.get('user');
      const labelId = pathId(c, 'id');
      const label = store.get(labelId);
      if (!label || (label.prefix === 'my' && label.owner_id !== user.account_id))
        throw notFound(`No label found with id ${labelId}`);
      const spaceIds = queryIntegerList(c, 'space-id', MAX_SPACE_IDS);
      const bodyFormat = queryEnum(c, 'body-format', LIST_BODY_FORMATS);
      const sort = querySort(c, kind.sorts, 'id');
      const limit = queryLimit(c);
      const after = queryCursor(c, sort.name);
      const rows = store.labelled({
        labelId: label.id,
        type: kind.type,
        spaceIds,
        accountId: user.account_id,
        order: sort.order,
        after,
        limit,
      });
      const page = keysetPage(rows, limit, sort.name, (row) => ({
        value: sortValue(row, sort.order.column),
        id: row.id,
      }));
      const presenter = createContentPresenter(context, c);
      const results = page.items.map((row) => kind.present(presenter, row, { bodyFormat }));
      return cursorResponse(c, results, limit, page.next);
    });
  }
  return app;
}
