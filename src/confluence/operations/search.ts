/**
 * CQL search (v1: v2 has no search). `search.cql` finds content, spaces and more, as flattened
 * hits; `search.content` finds content only and can return bodies. Both page by cursor (the
 * 2020 move away from `start`: notes/confluence-api.md §3.1).
 */
import { z } from 'zod';
import { defineOperation } from '../operation.ts';
import { narrowCql } from './support/cql-narrow.ts';
import { queryFrom } from './support/http.ts';
import { cursorPage } from './support/paging.ts';
import { cursor } from './support/schemas.ts';
import {
  contentFromV1,
  hitFromV1,
  type V1Content,
  type V1SearchResult,
} from './support/v1-mappers.ts';

const cql = () =>
  z
    .string()
    .trim()
    .min(1, { error: "expected a CQL query such as 'type = page AND space = ENG'" })
    .describe('The CQL query, e.g. \'type = page AND space = ENG AND title ~ "release"\'.');

const cqlContext = () =>
  z
    .union([
      z.string(),
      z.strictObject({
        spaceKey: z.string().optional().describe('The space the query runs in.'),
        contentId: z.string().optional().describe('The content the query runs from.'),
        contentStatuses: z.array(z.string()).optional().describe('Content statuses to match.'),
      }),
    ])
    .transform((value) => (typeof value === 'string' ? value : JSON.stringify(value)))
    .optional()
    .describe(
      'Context for functions such as currentSpace(): { spaceKey, contentId, contentStatuses }.',
    );

const searchLimit = () =>
  z
    .number()
    .int()
    .min(1)
    .max(250)
    .optional()
    .describe('Results per page (default 25; Confluence may lower large values).');

export const searchCql = defineOperation({
  name: 'search.cql',
  summary: 'Search with CQL: pages, blog posts, attachments, comments, spaces; with excerpts.',
  description:
    'Hits are flattened: entityType, title, excerpt, url, and `content` (id, type, spaceKey...) or `space`. For users, use users.search.',
  composioName: 'CONFLUENCE_CQL_SEARCH',
  operationId: 'searchByCQL',
  endpoint: 'GET /wiki/rest/api/search',
  kind: 'read',
  pagination: 'cursor',
  input: z.strictObject({
    cql: cql(),
    cqlcontext: cqlContext(),
    excerpt: z
      .enum(['highlight', 'indexed', 'none', 'highlight_unescaped', 'indexed_unescaped'])
      .optional()
      .describe('How excerpts are made (default "highlight"); "none" omits them.'),
    includeArchivedSpaces: z.boolean().optional().describe('Also search archived spaces.'),
    excludeCurrentSpaces: z.boolean().optional().describe('Search only archived spaces.'),
    sitePermissionTypeFilter: z
      .enum(['all', 'externalCollaborator', 'none'])
      .optional()
      .describe('Filter users by site permission type (default "none").'),
    limit: searchLimit(),
    cursor: cursor(),
  }),
  positional: ['cql'],
  resultType: 'Paged<SearchHit>',
  narrow: (input, keys) => ({ ...input, cql: narrowCql(input.cql, keys) }),
  example: `const hits = await confluence.search.cql('type = page AND space = ENG AND text ~ "incident" ORDER BY lastmodified DESC', { limit: 10 });
return { total: hits.totalSize, top: hits.results.map((hit) => ({ id: hit.content?.id, title: hit.title })) };`,
  request: (input) => ({
    api: 'v1',
    method: 'GET',
    path: '/search',
    query: queryFrom(
      input,
      [
        'cql',
        'cqlcontext',
        'excerpt',
        'includeArchivedSpaces',
        'excludeCurrentSpaces',
        'sitePermissionTypeFilter',
        'limit',
        'cursor',
      ],
      'as-is',
    ),
  }),
  transform: (response) => cursorPage(response, (hit: V1SearchResult) => hitFromV1(hit)),
});

const CONTENT_BODY_FORMATS = ['storage', 'markdown', 'view', 'export_view'] as const;

export const searchContent = defineOperation({
  name: 'search.content',
  summary: 'Search content with CQL and get content items back, optionally with their bodies.',
  composioName: 'CONFLUENCE_SEARCH_CONTENT',
  operationId: 'searchContentByCQL',
  endpoint: 'GET /wiki/rest/api/content/search',
  kind: 'read',
  pagination: 'cursor',
  input: z.strictObject({
    cql: cql(),
    cqlcontext: cqlContext(),
    bodyFormat: z
      .enum(CONTENT_BODY_FORMATS)
      .optional()
      .describe(
        'Return each body in this format (`markdown`: converted from storage, macros kept).',
      ),
    limit: searchLimit(),
    cursor: cursor(),
  }),
  positional: ['cql'],
  resultType: 'Paged<ContentSummary>',
  narrow: (input, keys) => ({ ...input, cql: narrowCql(input.cql, keys) }),
  example: `const found = await confluence.search.content('label = "runbook" AND type = page', { bodyFormat: 'markdown', limit: 5 });
return found.results.map((item) => ({ title: item.title, words: item.body?.markdown?.value.split(/\\s+/).length }));`,
  request: (input) => {
    const representation = input.bodyFormat === 'markdown' ? 'storage' : input.bodyFormat;
    const expand = ['space', 'version', ...(representation ? [`body.${representation}`] : [])];
    return {
      api: 'v1',
      method: 'GET',
      path: '/content/search',
      query: { ...queryFrom(input, ['cql', 'cqlcontext', 'limit', 'cursor'], 'as-is'), expand },
    };
  },
  transform: (response, input) =>
    cursorPage(response, (content: V1Content) => contentFromV1(content, input.bodyFormat)),
});
