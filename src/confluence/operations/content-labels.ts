/**
 * The labels on one page, blog post, attachment or space, and the labels used inside a space
 * (v2 label listings: read-only, adding and removing is in labels.ts).
 */
import { z } from 'zod';
import { defineOperation } from '../operation.ts';
import type { Label } from './models/common.ts';
import { pathOf, queryFrom } from './support/http.ts';
import { cursorPage } from './support/paging.ts';
import {
  attachmentId,
  cursor,
  LABEL_PREFIXES,
  limit,
  numericId,
  spaceRef,
} from './support/schemas.ts';
import { resolveSpaceId, spaceOf } from './support/space-refs.ts';

const contentLabelsInput = (idSchema: z.ZodType<string, string | number>, what: string) =>
  z.strictObject({
    id: idSchema.describe(`The ${what} id.`),
    prefix: z.enum(LABEL_PREFIXES).optional().describe('Only labels with this prefix.'),
    sort: z.string().optional().describe('Sort field, e.g. "name" or "-name".'),
    limit: limit(),
    cursor: cursor(),
  });

export const pageLabels = defineOperation({
  name: 'pages.labels',
  summary: 'List the labels of a page.',
  composioName: 'CONFLUENCE_GET_PAGE_LABELS',
  operationId: 'getPageLabels',
  endpoint: 'GET /wiki/api/v2/pages/{id}/labels',
  kind: 'read',
  pagination: 'cursor',
  input: contentLabelsInput(numericId('a page'), 'page'),
  positional: ['id'],
  resultType: 'Paged<Label>',
  example: `const { results } = await confluence.pages.labels('65537');
return results.map((label) => label.name);`,
  space: (input) => ({ pageId: input.id }),
  request: (input) => ({
    api: 'v2',
    method: 'GET',
    path: pathOf('/pages/{id}/labels', input),
    query: queryFrom(input, ['prefix', 'sort', 'limit', 'cursor']),
  }),
  transform: (response) => cursorPage<Label>(response),
});

export const blogPostLabels = defineOperation({
  name: 'blogposts.labels',
  summary: 'List the labels of a blog post.',
  composioName: 'CONFLUENCE_GET_BLOGPOST_LABELS',
  operationId: 'getBlogPostLabels',
  endpoint: 'GET /wiki/api/v2/blogposts/{id}/labels',
  kind: 'read',
  pagination: 'cursor',
  input: contentLabelsInput(numericId('a blog post'), 'blog post'),
  positional: ['id'],
  resultType: 'Paged<Label>',
  example: `const { results } = await confluence.blogposts.labels('131073');
return results.map((label) => label.name);`,
  space: (input) => ({ blogPostId: input.id }),
  request: (input) => ({
    api: 'v2',
    method: 'GET',
    path: pathOf('/blogposts/{id}/labels', input),
    query: queryFrom(input, ['prefix', 'sort', 'limit', 'cursor']),
  }),
  transform: (response) => cursorPage<Label>(response),
});

export const attachmentLabels = defineOperation({
  name: 'attachments.labels',
  summary: 'List the labels of an attachment.',
  composioName: 'CONFLUENCE_GET_ATTACHMENT_LABELS',
  operationId: 'getAttachmentLabels',
  endpoint: 'GET /wiki/api/v2/attachments/{id}/labels',
  kind: 'read',
  pagination: 'cursor',
  input: contentLabelsInput(attachmentId(), 'attachment'),
  positional: ['id'],
  resultType: 'Paged<Label>',
  example: `const { results } = await confluence.attachments.labels('att98305');
return results.map((label) => label.name);`,
  space: (input) => ({ attachmentId: input.id }),
  request: (input) => ({
    api: 'v2',
    method: 'GET',
    path: pathOf('/attachments/{id}/labels', input),
    query: queryFrom(input, ['prefix', 'sort', 'limit', 'cursor']),
  }),
  transform: (response) => cursorPage<Label>(response),
});

const spaceLabelsInput = z.strictObject({
  id: spaceRef().describe('The space key (e.g. "ENG") or numeric id.'),
  prefix: z.enum(['my', 'team']).optional().describe('Only labels with this prefix.'),
  sort: z.string().optional().describe('Sort field, e.g. "name" or "-name".'),
  limit: limit(),
  cursor: cursor(),
});

export const spaceLabels = defineOperation({
  name: 'spaces.labels',
  summary: 'List the labels of a space itself.',
  composioName: 'CONFLUENCE_GET_LABELS_FOR_SPACE',
  operationId: 'getSpaceLabels',
  endpoint: 'GET /wiki/api/v2/spaces/{id}/labels',
  kind: 'read',
  pagination: 'cursor',
  input: spaceLabelsInput,
  positional: ['id'],
  resultType: 'Paged<Label>',
  example: `const { results } = await confluence.spaces.labels('ENG');
return results.map((label) => label.name);`,
  space: (input) => spaceOf(input.id),
  execute: async (input, context) => {
    const id = await resolveSpaceId(input.id, context);
    const response = await context.request({
      api: 'v2',
      method: 'GET',
      path: pathOf('/spaces/{id}/labels', { id }),
      query: queryFrom(input, ['prefix', 'sort', 'limit', 'cursor']),
    });
    return cursorPage<Label>(response);
  },
});

export const spaceContentLabels = defineOperation({
  name: 'spaces.contentLabels',
  summary: 'List the labels used on the pages and blog posts of a space.',
  composioName: 'CONFLUENCE_GET_LABELS_FOR_SPACE_CONTENT',
  operationId: 'getSpaceContentLabels',
  endpoint: 'GET /wiki/api/v2/spaces/{id}/content/labels',
  kind: 'read',
  pagination: 'cursor',
  input: spaceLabelsInput,
  positional: ['id'],
  resultType: 'Paged<Label>',
  example: `const labels = await confluence.spaces.contentLabels.all('ENG');
return labels.results.map((label) => label.name);`,
  space: (input) => spaceOf(input.id),
  execute: async (input, context) => {
    const id = await resolveSpaceId(input.id, context);
    const response = await context.request({
      api: 'v2',
      method: 'GET',
      path: pathOf('/spaces/{id}/content/labels', { id }),
      query: queryFrom(input, ['prefix', 'sort', 'limit', 'cursor']),
    });
    return cursorPage<Label>(response);
  },
});
