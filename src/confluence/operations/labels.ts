/**
 * Labels: add and remove on content (v1: v2 labels are read-only), the site's labels, and the
 * blog posts carrying a label. The labels of one item or space are in content-labels.ts.
 */
import { z } from 'zod';
import { defineOperation } from '../operation.ts';
import type { Label } from './models/common.ts';
import type { BlogPost } from './models/content.ts';
import { convertBody, wireBodyFormat } from './support/bodies.ts';
import { pathOf, queryFrom } from './support/http.ts';
import { cursorPage } from './support/paging.ts';
import {
  CONTENT_SORTS,
  cursor,
  LABEL_PREFIXES,
  limit,
  listBodyFormat,
  numericId,
  oneOrMany,
  spaceRef,
} from './support/schemas.ts';
import { narrowSpaceFilter, resolveSpaceIds, spacesOf } from './support/space-refs.ts';

const LABEL_NAME = /^[^\s]+$/;
const labelName = () =>
  z
    .string()
    .min(1)
    .regex(LABEL_NAME, { error: 'expected a label without spaces, such as "release-notes"' });

const labelToAdd = z.union([
  labelName().describe('A label name; it gets the "global" prefix.'),
  z.strictObject({
    name: labelName().describe('The label name, without spaces.'),
    prefix: z
      .enum(['global', 'my', 'team'])
      .optional()
      .describe('"global" (default), "my" (personal) or "team".'),
  }),
]);

interface V1Label {
  id: string | number;
  name: string;
  prefix: string;
}

export const addLabels = defineOperation({
  name: 'labels.add',
  summary: 'Add one or more labels to a page, blog post or attachment.',
  composioName: 'CONFLUENCE_ADD_CONTENT_LABEL',
  operationId: 'addLabelsToContent',
  endpoint: 'POST /wiki/rest/api/content/{id}/label',
  kind: 'write',
  // Adding a label the content already has changes nothing, so a POST lost to a 5xx may be resent.
  idempotent: true,
  input: z.strictObject({
    contentId: z
      .union([z.string().regex(/^(att)?\d+$/), z.number().int().nonnegative()], {
        error: 'expected a content id: digits such as "65537" (or "att123" for an attachment)',
      })
      .transform(String)
      .describe('The page, blog post or attachment id.'),
    labels: z
      .union([labelToAdd, z.array(labelToAdd).min(1)])
      .transform((value) => (Array.isArray(value) ? value : [value]))
      .describe('A label, or a list of labels: names, or { name, prefix }.'),
  }),
  positional: ['contentId', 'labels'],
  resultType: 'Label[]',
  example: `const labels = await confluence.labels.add('65537', ['release-notes', 'q3']);
return labels.map((label) => label.name);`,
  target: (input) =>
    `labels ${input.labels.map((label) => (typeof label === 'string' ? label : label.name)).join(', ')} on content ${input.contentId}`,
  // Labels go mostly on pages; the session looks the content up as a page (notes in README, SDK).
  space: (input) => ({ contentId: input.contentId }),
  plan: (input) =>
    input.labels.map((label, index) => ({
      id: String(index),
      name: typeof label === 'string' ? label : label.name,
      prefix: typeof label === 'string' ? 'global' : (label.prefix ?? 'global'),
    })),
  request: (input) => ({
    api: 'v1',
    method: 'POST',
    path: pathOf('/content/{id}/label', { id: input.contentId }),
    body: input.labels.map((label) =>
      typeof label === 'string'
        ? { prefix: 'global', name: label }
        : { prefix: label.prefix ?? 'global', name: label.name },
    ),
  }),
  transform: (response): Label[] =>
    ((response.body as { results?: V1Label[] } | undefined)?.results ?? []).map((label) => ({
      id: String(label.id),
      name: label.name,
      prefix: label.prefix,
    })),
});

export const removeLabel = defineOperation({
  name: 'labels.remove',
  summary: 'Remove a label from a page, blog post or attachment.',
  operationId: 'removeLabelFromContent',
  endpoint: 'DELETE /wiki/rest/api/content/{id}/label/{label}',
  kind: 'write',
  input: z.strictObject({
    contentId: z
      .union([z.string().regex(/^(att)?\d+$/), z.number().int().nonnegative()], {
        error: 'expected a content id: digits such as "65537" (or "att123" for an attachment)',
      })
      .transform(String)
      .describe('The page, blog post or attachment id.'),
    label: labelName().describe('The label name to remove.'),
  }),
  positional: ['contentId', 'label'],
  resultType: 'void',
  example: `await confluence.labels.remove('65537', 'draft');
return 'removed';`,
  target: (input) => `label ${input.label} on content ${input.contentId}`,
  space: (input) => ({ contentId: input.contentId }),
  plan: () => undefined,
  // A label with a "/" cannot travel in the path: the query form exists for it (v1 spec,
  // removeLabelFromContentUsingQueryParameter).
  request: (input) =>
    input.label.includes('/')
      ? {
          api: 'v1',
          method: 'DELETE',
          path: pathOf('/content/{id}/label', { id: input.contentId }),
          query: { name: input.label },
        }
      : {
          api: 'v1',
          method: 'DELETE',
          path: pathOf('/content/{id}/label/{label}', { id: input.contentId, label: input.label }),
        },
  transform: () => undefined,
});

export const listLabels = defineOperation({
  name: 'labels.list',
  summary: 'List the labels of the whole site.',
  composioName: 'CONFLUENCE_GET_LABELS',
  operationId: 'getLabels',
  endpoint: 'GET /wiki/api/v2/labels',
  kind: 'read',
  pagination: 'cursor',
  input: z.strictObject({
    labelIds: oneOrMany(numericId('a label')).optional().describe('Only these label ids.'),
    prefix: oneOrMany(z.enum(LABEL_PREFIXES))
      .optional()
      .describe('Only labels with these prefixes.'),
    sort: z.string().optional().describe('Sort field, e.g. "name" or "-name".'),
    limit: limit(),
    cursor: cursor(),
  }),
  resultType: 'Paged<Label>',
  example: `const { results } = await confluence.labels.list({ prefix: 'global', limit: 100 });
return results.map((label) => label.name);`,
  // Label names are the site's, in no space.
  siteWide: 'site',
  request: (input) => ({
    api: 'v2',
    method: 'GET',
    path: '/labels',
    query: {
      ...queryFrom(input, ['prefix', 'sort', 'limit', 'cursor']),
      'label-id': input.labelIds,
    },
  }),
  transform: (response) => cursorPage<Label>(response),
});

export const labelBlogPosts = defineOperation({
  name: 'labels.blogposts',
  summary: 'List the blog posts that carry a label (by label id).',
  description: "Find a label id with labels.list or a content item's labels.",
  composioName: 'CONFLUENCE_GET_BLOG_POSTS_FOR_LABEL',
  operationId: 'getLabelBlogPosts',
  endpoint: 'GET /wiki/api/v2/labels/{id}/blogposts',
  kind: 'read',
  pagination: 'cursor',
  input: z.strictObject({
    labelId: numericId('a label').describe('The label id (not its name).'),
    spaceId: oneOrMany(spaceRef())
      .optional()
      .describe('Only blog posts in this space (id or key) or these spaces.'),
    sort: z.enum(CONTENT_SORTS).optional().describe('Sort order; a leading "-" sorts descending.'),
    bodyFormat: listBodyFormat(),
    limit: limit(),
    cursor: cursor(),
  }),
  positional: ['labelId'],
  resultType: 'Paged<BlogPost>',
  example: `const { results } = await confluence.labels.list({ prefix: 'global' });
const label = results.find((candidate) => candidate.name === 'announcement');
if (!label) return [];
const posts = await confluence.labels.blogposts(label.id);
return posts.results.map((post) => post.title);`,
  space: (input) => spacesOf(input.spaceId),
  narrow: narrowSpaceFilter,
  execute: async (input, context) => {
    const spaceIds = await resolveSpaceIds(input.spaceId, context);
    const response = await context.request({
      api: 'v2',
      method: 'GET',
      path: pathOf('/labels/{id}/blogposts', { id: input.labelId }),
      query: {
        ...queryFrom(input, ['sort', 'limit', 'cursor']),
        'space-id': spaceIds,
        'body-format': wireBodyFormat(input.bodyFormat),
      },
    });
    return cursorPage(response, (post: BlogPost) => convertBody(post, input.bodyFormat));
  },
});
