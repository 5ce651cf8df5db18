/**
 * Pages: read, list, create, update, delete, and their likes (v2 `/pages`). The hierarchy
 * (children, ancestors, descendants, move) is in page-tree.ts, versions in versions.ts.
 */
import { z } from 'zod';
import { defineOperation } from '../operation.ts';
import type { LikeCount } from './models/common.ts';
import type { Page } from './models/content.ts';
import { bodyInput, convertBody, toWireBody, wireBodyFormat } from './support/bodies.ts';
import { includeFlags, includeQuery, PAGE_INCLUDE_FLAGS } from './support/content-options.ts';
import { compact, pathOf, queryFrom } from './support/http.ts';
import { cursorPage } from './support/paging.ts';
import { contentUpdate, planContent } from './support/content-writes.ts';
import { plannedId } from './support/plan.ts';
import {
  CONTENT_SORTS,
  cursor,
  limit,
  listBodyFormat,
  numericId,
  oneOrMany,
  singleBodyFormat,
  spaceRef,
  versionInput,
} from './support/schemas.ts';
import {
  narrowSpaceFilter,
  resolveSpaceId,
  resolveSpaceIds,
  spaceOf,
  spacesOf,
} from './support/space-refs.ts';

const PAGE_STATUSES = ['current', 'archived', 'trashed', 'deleted', 'historical', 'draft'] as const;

export const getPage = defineOperation({
  name: 'pages.get',
  summary: 'Get a page by id, optionally with its body (storage, markdown, view...).',
  composioName: 'CONFLUENCE_GET_PAGE_BY_ID',
  operationId: 'getPageById',
  endpoint: 'GET /wiki/api/v2/pages/{id}',
  kind: 'read',
  input: z.strictObject({
    id: numericId('a page').describe('The page id.'),
    bodyFormat: singleBodyFormat(),
    version: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('Read this version number instead of the current one.'),
    getDraft: z.boolean().optional().describe('Read the unpublished draft instead.'),
    status: oneOrMany(z.enum(PAGE_STATUSES))
      .optional()
      .describe('Only find the page in these statuses (e.g. "trashed" to read a trashed page).'),
    ...includeFlags(PAGE_INCLUDE_FLAGS),
  }),
  positional: ['id'],
  resultType: 'Page',
  example: `const page = await confluence.pages.get('65537', { bodyFormat: 'markdown' });
return { title: page.title, version: page.version.number, text: page.body?.markdown?.value.slice(0, 200) };`,
  request: (input) => ({
    api: 'v2',
    method: 'GET',
    path: pathOf('/pages/{id}', input),
    query: {
      ...queryFrom(input, ['version', 'getDraft', 'status']),
      'body-format': wireBodyFormat(input.bodyFormat),
      ...includeQuery(input),
    },
  }),
  transform: (response, input) => convertBody(response.body as Page, input.bodyFormat),
});

const listPagesInput = z.strictObject({
  spaceId: oneOrMany(spaceRef())
    .optional()
    .describe('Only pages in this space (id or key such as "ENG"), or in any of these spaces.'),
  ids: oneOrMany(numericId('a page')).optional().describe('Only the pages with these ids.'),
  title: z.string().optional().describe('Only pages with exactly this title.'),
  status: oneOrMany(z.enum(['current', 'archived', 'deleted', 'trashed']))
    .optional()
    .describe('Only pages in these statuses (default: current and archived).'),
  subtype: z.enum(['live', 'page']).optional().describe('Only live docs or only classic pages.'),
  sort: z
    .enum([...CONTENT_SORTS, 'title', '-title'])
    .optional()
    .describe('Sort order; a leading "-" sorts descending.'),
  bodyFormat: listBodyFormat(),
  limit: limit(),
  cursor: cursor(),
});

export const listPages = defineOperation({
  name: 'pages.list',
  summary: 'List pages, filtered by space, title, status or ids.',
  description:
    'For the pages of one space by hierarchy depth, see spaces.pages; to search by text or label, search.cql.',
  composioName: 'CONFLUENCE_GET_PAGES',
  operationId: 'getPages',
  endpoint: 'GET /wiki/api/v2/pages',
  kind: 'read',
  pagination: 'cursor',
  input: listPagesInput,
  resultType: 'Paged<Page>',
  example: `const { results } = await confluence.pages.list({ spaceId: 'ENG', title: 'Runbook' });
const all = await confluence.pages.list.all({ spaceId: 'ENG', sort: '-modified-date' }, { max: 500 });
return { found: results.map((page) => page.id), total: all.results.length, truncated: all.truncated };`,
  space: (input) => spacesOf(input.spaceId),
  narrow: narrowSpaceFilter,
  execute: async (input, context) => {
    const spaceIds = await resolveSpaceIds(input.spaceId, context);
    const response = await context.request({
      api: 'v2',
      method: 'GET',
      path: '/pages',
      query: {
        ...queryFrom(input, ['title', 'status', 'subtype', 'sort', 'limit', 'cursor']),
        id: input.ids,
        'space-id': spaceIds,
        'body-format': wireBodyFormat(input.bodyFormat),
      },
    });
    return cursorPage(response, (page: Page) => convertBody(page, input.bodyFormat));
  },
});

export const findPageByTitle = defineOperation({
  name: 'pages.findByTitle',
  summary: 'Find the page with this exact title in a space; null when there is none.',
  description:
    'Titles are unique within a space, so this is the page or null: check for null before using it.',
  endpoint: 'GET /wiki/api/v2/pages',
  kind: 'read',
  input: z.strictObject({
    spaceId: spaceRef().describe('The space: its id, or its key such as "ENG".'),
    title: z.string().min(1).describe('The exact title.'),
    bodyFormat: singleBodyFormat(),
  }),
  positional: ['spaceId', 'title'],
  resultType: 'Page | null',
  example: `const page = await confluence.pages.findByTitle('MKT', 'Q3 planning');
if (!page) return { error: 'no such page' };
return { id: page.id, version: page.version.number };`,
  space: (input) => spaceOf(input.spaceId),
  execute: async (input, context) => {
    const spaceId = await resolveSpaceId(input.spaceId, context);
    const response = await context.request({
      api: 'v2',
      method: 'GET',
      path: '/pages',
      query: {
        'space-id': spaceId,
        title: input.title,
        limit: 1,
        'body-format': wireBodyFormat(input.bodyFormat),
      },
    });
    const page = (response.body as { results?: Page[] }).results?.[0];
    return page ? convertBody(page, input.bodyFormat) : null;
  },
});

const createPageInput = z
  .strictObject({
    spaceId: spaceRef().describe('The space: its id, or its key such as "ENG".'),
    title: z
      .string()
      .min(1)
      .optional()
      .describe('The title, unique within the space; required unless status is "draft".'),
    parentId: numericId('a parent page')
      .optional()
      .describe('The parent page; default: the space home page (see rootLevel).'),
    body: bodyInput('page').optional(),
    status: z
      .enum(['current', 'draft'])
      .optional()
      .describe('"current" publishes the page (default); "draft" saves a draft.'),
    subtype: z.enum(['live']).optional().describe('"live" creates a live doc.'),
    private: z.boolean().optional().describe('Make the page visible to its creator only.'),
    rootLevel: z
      .boolean()
      .optional()
      .describe('Create it at the top of the space instead of under the home page.'),
    embedded: z.boolean().optional().describe('Create the page as embedded content (live docs).'),
  })
  .refine((input) => input.status === 'draft' || input.title !== undefined, {
    error: 'title is required unless status is "draft"',
    path: ['title'],
  });

export const createPage = defineOperation({
  name: 'pages.create',
  summary: 'Create a page from markdown or storage format, under a parent or the home page.',
  composioName: 'CONFLUENCE_CREATE_PAGE',
  operationId: 'createPage',
  endpoint: 'POST /wiki/api/v2/pages',
  kind: 'write',
  input: createPageInput,
  resultType: 'Page',
  example: `const page = await confluence.pages.create({
  spaceId: 'ENG',
  parentId: '65537',
  title: 'Release notes 4.2',
  body: { markdown: '# Release 4.2\\n\\n- Faster search' },
});
return { id: page.id, url: page._links?.webui };`,
  target: (input) => `new page "${input.title ?? '(draft)'}" in space ${input.spaceId}`,
  // The space, and the parent page when there is one: it must be in an allowed space too.
  space: (input) => [
    ...[spaceOf(input.spaceId) ?? []].flat(),
    ...(input.parentId === undefined ? [] : [{ pageId: input.parentId }]),
  ],
  plan: (input) => planContent<Page>({ ...input, id: plannedId(input), version: { number: 1 } }),
  execute: async (input, context) => {
    const spaceId = await resolveSpaceId(input.spaceId, context);
    const response = await context.request({
      api: 'v2',
      method: 'POST',
      path: '/pages',
      query: queryFrom(input, ['private', 'rootLevel', 'embedded']),
      body: compact({
        spaceId,
        status: input.status,
        title: input.title,
        parentId: input.parentId,
        subtype: input.subtype,
        body: input.body === undefined ? undefined : toWireBody(input.body),
      }),
    });
    return response.body as Page;
  },
});

export const updatePage = defineOperation({
  name: 'pages.update',
  summary: 'Update a page: title, body, status or parent, with the next version number.',
  description:
    'Fields you leave out keep their current value (the SDK reads the page first). `version` must be the current version + 1, else Confluence answers 409 CONFLICT; `pages.edit` re-reads and retries for you.',
  composioName: 'CONFLUENCE_UPDATE_PAGE',
  operationId: 'updatePage',
  endpoint: 'PUT /wiki/api/v2/pages/{id}',
  kind: 'write',
  input: z.strictObject({
    id: numericId('a page').describe('The page id.'),
    version: versionInput('page'),
    title: z.string().min(1).optional().describe('The new title (default: unchanged).'),
    body: bodyInput('page').optional(),
    status: z
      .enum(['current', 'draft'])
      .optional()
      .describe('"current" publishes (also restores a trashed page); "draft" keeps it a draft.'),
    parentId: numericId('a parent page')
      .optional()
      .describe('Move the page under this parent, in the same space.'),
    ownerId: z.string().min(1).optional().describe('Give the page to this account id.'),
  }),
  positional: ['id'],
  resultType: 'Page',
  example: `const page = await confluence.pages.get('65537');
const updated = await confluence.pages.update('65537', {
  version: page.version.number + 1,
  title: page.title + ' (archived)',
});
return updated.version.number;`,
  target: (input) => `page ${input.id}`,
  space: (input) => [
    { pageId: input.id },
    ...(input.parentId === undefined ? [] : [{ pageId: input.parentId }]),
  ],
  plan: (input) => planContent<Page>(input),
  execute: (input, context) => contentUpdate<Page>('pages', input, context),
});

export const deletePage = defineOperation({
  name: 'pages.delete',
  summary: 'Move a page to the trash, or purge a trashed page, or delete a draft.',
  composioName: 'CONFLUENCE_DELETE_PAGE',
  operationId: 'deletePage',
  endpoint: 'DELETE /wiki/api/v2/pages/{id}',
  kind: 'write',
  input: z.strictObject({
    id: numericId('a page').describe('The page id.'),
    purge: z
      .boolean()
      .optional()
      .describe('Delete a trashed page for good (space admins only). Default: move to the trash.'),
    draft: z.boolean().optional().describe("Delete the page's draft (permanently)."),
  }),
  positional: ['id'],
  resultType: 'void',
  example: `await confluence.pages.delete('65537');
// later, for good: await confluence.pages.delete('65537', { purge: true });
return 'trashed';`,
  target: (input) => `page ${input.id}${input.purge ? ' (purge)' : ''}`,
  space: (input) => ({ pageId: input.id }),
  plan: () => undefined,
  request: (input) => ({
    api: 'v2',
    method: 'DELETE',
    path: pathOf('/pages/{id}', input),
    query: queryFrom(input, ['purge', 'draft']),
  }),
  transform: () => undefined,
});

export const pageLikeCount = defineOperation({
  name: 'pages.likeCount',
  summary: 'Count the likes of a page.',
  composioName: 'CONFLUENCE_GET_PAGE_LIKE_COUNT',
  operationId: 'getPageLikeCount',
  endpoint: 'GET /wiki/api/v2/pages/{id}/likes/count',
  kind: 'read',
  input: z.strictObject({ id: numericId('a page').describe('The page id.') }),
  positional: ['id'],
  resultType: 'LikeCount',
  example: `const { count } = await confluence.pages.likeCount('65537');
return count;`,
  space: (input) => ({ pageId: input.id }),
  request: (input) => ({
    api: 'v2',
    method: 'GET',
    path: pathOf('/pages/{id}/likes/count', input),
  }),
  transform: (response) => response.body as LikeCount,
});
