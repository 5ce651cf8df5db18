/**
 * The page tree: GET /pages/{id}/ancestors (root first, no cursor), GET /pages/{id}/children
 * (deprecated in v2, still served), GET /pages/{id}/descendants (depth 1..10, default 2), and the
 * title-only PUT /pages/{id}/title.
 */
import type { Context } from 'hono';
import type { EmulatorContext } from '../context.ts';
import { loadContent } from '../content/access.ts';
import { createContentPresenter } from '../content/json.ts';
import { PAGE_KIND } from '../content/kinds.ts';
import type { ContentRow } from '../content/schema.ts';
import { querySort } from '../content/sort.ts';
import { assertTitleFree } from '../content/write-rules.ts';
import { updateTitleSchema } from '../content/write-input.ts';
import { readBody } from '../http/body.ts';
import type { EmulatorEnv } from '../http/env.ts';
import { cursorResponse, keysetPage, queryCursor, queryLimit } from '../http/pagination.ts';
import { siteBase } from '../http/links.ts';
import { pathId, queryInteger } from '../http/query.ts';
import { sortValue } from '../content/read-routes.ts';

const TREE_TYPES = ['page', 'whiteboard', 'database', 'folder', 'embed'] as const;
/** GET /pages/{id}/descendants `depth`: 1..10, default 2 (openapi-v2 getPageDescendants). */
const DEFAULT_DESCENDANT_DEPTH = 2;
const MAX_DESCENDANT_DEPTH = 10;
const CHILD_SORTS = [
  'created-date',
  '-created-date',
  'id',
  '-id',
  'child-position',
  '-child-position',
  'modified-date',
  '-modified-date',
];

export function ancestors(context: EmulatorContext, c: Context<EmulatorEnv>) {
  const id = pathId(c, 'id');
  const limit = queryLimit(c);
  const page = loadContent(context, c.get('user'), id, ['page']);
  const chain: ContentRow[] = [];
  for (let parentId = page.parent_id; parentId !== null;) {
    const parent = context.content.get(parentId);
    if (!parent) break;
    chain.unshift(parent);
    parentId = parent.parent_id;
  }
  // The nearest `limit` ancestors, root-most first; callers continue from the first one.
  const results = chain.slice(-limit).map((row) => ({ id: String(row.id), type: row.type }));
  return c.json({ results, _links: { base: siteBase(c) } });
}

export function children(context: EmulatorContext, c: Context<EmulatorEnv>) {
  const id = pathId(c, 'id');
  const user = c.get('user');
  loadContent(context, user, id, ['page']);
  const sort = querySort(c, CHILD_SORTS, 'child-position');
  const limit = queryLimit(c);
  const rows = context.queries.list({
    types: ['page'],
    statuses: ['current', 'archived'],
    parentId: id,
    visibleTo: user.account_id,
    order: sort.order,
    after: queryCursor(c, sort.name),
    limit,
  });
  const page = keysetPage(rows, limit, sort.name, (row) => ({
    value: sortValue(row, sort.order.column),
    id: row.id,
  }));
  const results = page.items.map((row) => ({
    id: String(row.id),
    status: row.status,
    title: row.title,
    spaceId: String(row.space_id),
    childPosition: row.position,
  }));
  return cursorResponse(c, results, limit, page.next);
}

export function descendants(context: EmulatorContext, c: Context<EmulatorEnv>) {
  const id = pathId(c, 'id');
  loadContent(context, c.get('user'), id, ['page']);
  const depth =
    queryInteger(c, 'depth', { min: 1, max: MAX_DESCENDANT_DEPTH }) ?? DEFAULT_DESCENDANT_DEPTH;
  const limit = queryLimit(c);
  const after = queryCursor(c, 'tree');
  const all: Array<{ row: ContentRow; depth: number }> = [];
  const walk = (parentId: number, level: number) => {
    for (const child of context.queries.childrenOf(parentId)) {
      if (
        !TREE_TYPES.includes(child.type as (typeof TREE_TYPES)[number]) ||
        (child.status !== 'current' && child.status !== 'archived')
      )
        continue;
      all.push({ row: child, depth: level });
      if (level < depth) walk(child.id, level + 1);
    }
  };
  walk(id, 1);
  // Depth-first tree order; the cursor holds the offset in it.
  const offset = after ? Number(after.value) : 0;
  const slice = all
    .slice(offset, offset + limit + 1)
    .map((entry, index) => ({ ...entry, index: offset + index }));
  const page = keysetPage(slice, limit, 'tree', (entry) => ({
    value: entry.index + 1,
    id: entry.row.id,
  }));
  const results = page.items.map(({ row, depth: level }) => ({
    id: String(row.id),
    status: row.status,
    title: row.title,
    type: row.type,
    parentId: String(row.parent_id),
    depth: level,
    childPosition: row.position,
  }));
  return cursorResponse(c, results, limit, page.next);
}

export async function updateTitle(context: EmulatorContext, c: Context<EmulatorEnv>) {
  const id = pathId(c, 'id');
  const user = c.get('user');
  const input = await readBody(c, updateTitleSchema);
  const page = loadContent(context, user, id, ['page']);
  if (input.title !== page.title && page.status === 'current')
    assertTitleFree(context, PAGE_KIND, page.space_id!, input.title, id);
  c.set('audit', {
    summary: 'page renamed',
    category: 'Content',
    affectedObject: { name: input.title, objectType: 'page' },
  });
  context.content.revise(id, {
    title: input.title,
    body: page.body,
    adf: page.adf,
    authorId: user.account_id,
    status: input.status === 'draft' && page.status === 'draft' ? 'draft' : page.status,
  });
  return c.json(
    PAGE_KIND.present(createContentPresenter(context, c), context.queries.withVersion(id)!, {
      single: true,
    }),
  );
}
