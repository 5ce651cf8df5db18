/**
 * The page hierarchy: direct children, ancestors, the whole subtree, and moving a page.
 * `pages.descendants` and `pages.ancestors` are composites that follow Confluence's paging to the
 * end, so a script gets the whole answer in one call.
 */
import { z } from 'zod';
import { defineOperation, type OperationContext } from '../operation.ts';
import type { Ancestor, ChildPage, MoveResult, PageTree, PageTreeNode } from './models/content.ts';
import { OperationError } from './support/errors.ts';
import { pathOf, queryFrom } from './support/http.ts';
import { cursorPage } from './support/paging.ts';
import { cursor, limit, numericId } from './support/schemas.ts';

/** The ancestors endpoint's largest page; a shorter answer means the root was reached. */
const ANCESTORS_PAGE_SIZE = 250;
/** Rounds of 250 ancestors before giving up: no real hierarchy is 5,000 levels deep. */
const MAX_ANCESTOR_ROUNDS = 20;
/** Descendants read per request (the v2 maximum). */
const DESCENDANTS_PAGE_SIZE = 250;
export const DEFAULT_TREE_MAX_NODES = 1_000;
export const MAX_TREE_DEPTH = 10;

export const pageChildren = defineOperation({
  name: 'pages.children',
  summary: 'List the direct child pages of a page.',
  description:
    'Confluence marks this endpoint deprecated in favour of /direct-children; it still answers. For the whole subtree in one call, use pages.descendants.',
  composioName: 'CONFLUENCE_GET_CHILD_PAGES',
  operationId: 'getChildPages',
  endpoint: 'GET /wiki/api/v2/pages/{id}/children',
  kind: 'read',
  pagination: 'cursor',
  input: z.strictObject({
    id: numericId('a page').describe('The parent page id.'),
    sort: z.string().optional().describe('Sort field, e.g. "child-position" or "-modified-date".'),
    limit: limit(),
    cursor: cursor(),
  }),
  positional: ['id'],
  resultType: 'Paged<ChildPage>',
  example: `const children = await confluence.pages.children.all('65537');
return children.results.map((child) => child.title);`,
  space: (input) => ({ pageId: input.id }),
  request: (input) => ({
    api: 'v2',
    method: 'GET',
    path: pathOf('/pages/{id}/children', input),
    query: queryFrom(input, ['sort', 'limit', 'cursor']),
  }),
  transform: (response) => cursorPage<ChildPage>(response),
});

export const pageAncestors = defineOperation({
  name: 'pages.ancestors',
  summary: 'List all ancestors of a page, from the space root down to its parent.',
  composioName: 'CONFLUENCE_GET_PAGE_ANCESTORS',
  operationId: 'getPageAncestors',
  endpoint: 'GET /wiki/api/v2/pages/{id}/ancestors',
  kind: 'read',
  input: z.strictObject({ id: numericId('a page').describe('The page id.') }),
  positional: ['id'],
  resultType: 'Ancestor[]',
  example: `const ancestors = await confluence.pages.ancestors('65537');
return ancestors.map((ancestor) => ancestor.id).join(' > ');`,
  space: (input) => ({ pageId: input.id }),
  execute: (input, context) => collectAncestors(input.id, context),
});

/**
 * The endpoint has a limit but no cursor: it answers the nearest ancestors, root first, and to go
 * further up one asks again from the highest one returned (spec text of getPageAncestors).
 */
async function collectAncestors(id: string, context: OperationContext): Promise<Ancestor[]> {
  let chain: Ancestor[] = [];
  let from = id;
  for (let round = 0; round < MAX_ANCESTOR_ROUNDS; round++) {
    const response = await context.request({
      api: 'v2',
      method: 'GET',
      path: pathOf('/pages/{id}/ancestors', { id: from }),
      query: { limit: ANCESTORS_PAGE_SIZE },
    });
    const results = (response.body as { results?: Ancestor[] } | undefined)?.results ?? [];
    chain = [...results, ...chain];
    const highest = results[0];
    if (results.length < ANCESTORS_PAGE_SIZE || !highest) return chain;
    from = highest.id;
  }
  throw new OperationError(
    'TOO_MANY_ANCESTORS',
    `pages.ancestors: more than ${MAX_ANCESTOR_ROUNDS * ANCESTORS_PAGE_SIZE} ancestors`,
  );
}

export const pageDescendants = defineOperation({
  name: 'pages.descendants',
  summary: 'Get the subtree below a page as a tree (pages, folders, whiteboards...).',
  description: `Follows Confluence's paging to the end or to \`max\` nodes (then \`truncated\` is true). Nodes deeper than \`depth\` levels are not read.`,
  operationId: 'getPageDescendants',
  endpoint: 'GET /wiki/api/v2/pages/{id}/descendants',
  kind: 'read',
  input: z.strictObject({
    id: numericId('a page').describe('The page at the top of the tree.'),
    depth: z
      .number()
      .int()
      .min(1)
      .max(MAX_TREE_DEPTH)
      .optional()
      .describe(`Levels to read below the page, 1-${MAX_TREE_DEPTH} (default ${MAX_TREE_DEPTH}).`),
    max: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe(
        `Stop after this many nodes (default ${DEFAULT_TREE_MAX_NODES}); truncated says so.`,
      ),
  }),
  positional: ['id'],
  resultType: 'PageTree',
  example: `const tree = await confluence.pages.descendants('65537', { depth: 3 });
const titles = (nodes: Confluence.PageTreeNode[]): string[] =>
  nodes.flatMap((node) => [node.title, ...titles(node.children)]);
return { count: tree.count, truncated: tree.truncated, titles: titles(tree.children) };`,
  space: (input) => ({ pageId: input.id }),
  execute: (input, context) => collectTree(input, context),
});

interface Descendant {
  id: string;
  title: string;
  type: string;
  status: string;
  parentId: string;
  depth: number;
  childPosition?: number | null;
}

async function collectTree(
  input: { id: string; depth?: number | undefined; max?: number | undefined },
  context: OperationContext,
): Promise<PageTree> {
  const max = input.max ?? DEFAULT_TREE_MAX_NODES;
  const found: Descendant[] = [];
  let nextCursor: string | undefined;
  let truncated = false;
  do {
    const response = await context.request({
      api: 'v2',
      method: 'GET',
      path: pathOf('/pages/{id}/descendants', input),
      query: {
        depth: input.depth ?? MAX_TREE_DEPTH,
        limit: DESCENDANTS_PAGE_SIZE,
        cursor: nextCursor,
      },
    });
    const page = cursorPage<Descendant>(response);
    found.push(...page.results);
    nextCursor = page.nextCursor;
    if (found.length > max || (found.length === max && nextCursor !== undefined)) {
      truncated = true;
      break;
    }
  } while (nextCursor !== undefined);
  return assembleTree(input.id, found.slice(0, max), truncated);
}

/** Hangs each descendant under its parent; one whose parent was cut off marks the tree truncated. */
export function assembleTree(rootId: string, found: Descendant[], truncated: boolean): PageTree {
  const nodes = new Map<string, PageTreeNode>();
  for (const item of found) nodes.set(item.id, { ...item, children: [] });
  const children: PageTreeNode[] = [];
  let count = 0;
  let orphaned = false;
  for (const node of nodes.values()) {
    const parent = node.parentId === rootId ? undefined : nodes.get(node.parentId);
    if (node.parentId === rootId) children.push(node);
    else if (parent) parent.children.push(node);
    else {
      orphaned = true;
      continue;
    }
    count += 1;
  }
  return { id: rootId, children, count, truncated: truncated || orphaned };
}

export const movePage = defineOperation({
  name: 'pages.move',
  summary: 'Move a page (with its children) under another page, or before/after a sibling.',
  description:
    'Works across spaces. "append" makes it the last child of targetId; "before"/"after" place it next to targetId, under the same parent.',
  operationId: 'movePage',
  endpoint: 'PUT /wiki/rest/api/content/{pageId}/move/{position}/{targetId}',
  kind: 'write',
  input: z.strictObject({
    id: numericId('a page').describe('The page to move.'),
    position: z
      .enum(['append', 'before', 'after'])
      .describe('"append": as the last child of targetId; "before"/"after": as its sibling.'),
    targetId: numericId('a target page').describe('The page to move under or next to.'),
  }),
  positional: ['id'],
  resultType: 'MoveResult',
  example: `const moved = await confluence.pages.move('65537', { position: 'append', targetId: '98304' });
return moved.pageId;`,
  target: (input) => `page ${input.id} (${input.position} ${input.targetId})`,
  // The moved page and the target: a move under (or next to) a page of another space lands there.
  space: (input) => [{ pageId: input.id }, { pageId: input.targetId }],
  plan: (input) => ({ pageId: input.id, position: input.position, targetId: input.targetId }),
  request: (input) => ({
    api: 'v1',
    method: 'PUT',
    path: pathOf('/content/{pageId}/move/{position}/{targetId}', { ...input, pageId: input.id }),
  }),
  transform: (response, input): MoveResult => ({
    pageId: String((response.body as { pageId?: string } | undefined)?.pageId ?? input.id),
    position: input.position,
    targetId: input.targetId,
  }),
});
