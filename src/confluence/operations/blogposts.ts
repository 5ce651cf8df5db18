/** Blog posts: read, list, create, update, likes and permitted operations (v2 `/blogposts`). */
import { z } from 'zod';
import { defineOperation } from '../operation.ts';
import type { LikeCount, PermittedOperations } from './models/common.ts';
import type { BlogPost } from './models/content.ts';
import { bodyInput, convertBody, toWireBody, wireBodyFormat } from './support/bodies.ts';
import { BLOGPOST_INCLUDE_FLAGS, includeFlags, includeQuery } from './support/content-options.ts';
import { contentUpdate, planContent } from './support/content-writes.ts';
import { compact, pathOf, queryFrom } from './support/http.ts';
import { cursorPage } from './support/paging.ts';
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

const BLOGPOST_STATUSES = ['current', 'trashed', 'deleted', 'historical', 'draft'] as const;
const blogPostId = () => numericId('a blog post').describe('The blog post id.');

export const getBlogPost = defineOperation({
  name: 'blogposts.get',
  summary: 'Get a blog post by id, optionally with its body.',
  composioName: 'CONFLUENCE_GET_BLOGPOST_BY_ID',
  operationId: 'getBlogPostById',
  endpoint: 'GET /wiki/api/v2/blogposts/{id}',
  kind: 'read',
  input: z.strictObject({
    id: blogPostId(),
    bodyFormat: singleBodyFormat(),
    version: z.number().int().min(1).optional().describe('Read this version number instead.'),
    getDraft: z.boolean().optional().describe('Read the unpublished draft instead.'),
    status: oneOrMany(z.enum(BLOGPOST_STATUSES))
      .optional()
      .describe('Only find the blog post in these statuses.'),
    ...includeFlags(BLOGPOST_INCLUDE_FLAGS),
  }),
  positional: ['id'],
  resultType: 'BlogPost',
  example: `const post = await confluence.blogposts.get('131073', { bodyFormat: 'markdown' });
return { title: post.title, text: post.body?.markdown?.value };`,
  request: (input) => ({
    api: 'v2',
    method: 'GET',
    path: pathOf('/blogposts/{id}', input),
    query: {
      ...queryFrom(input, ['version', 'getDraft', 'status']),
      'body-format': wireBodyFormat(input.bodyFormat),
      ...includeQuery(input),
    },
  }),
  transform: (response, input) => convertBody(response.body as BlogPost, input.bodyFormat),
});

export const listBlogPosts = defineOperation({
  name: 'blogposts.list',
  summary: 'List blog posts, filtered by space, title, status or ids.',
  composioName: 'CONFLUENCE_GET_BLOG_POSTS',
  operationId: 'getBlogPosts',
  endpoint: 'GET /wiki/api/v2/blogposts',
  kind: 'read',
  pagination: 'cursor',
  input: z.strictObject({
    spaceId: oneOrMany(spaceRef())
      .optional()
      .describe('Only blog posts in this space (id or key), or in any of these spaces.'),
    ids: oneOrMany(numericId('a blog post')).optional().describe('Only these blog posts.'),
    title: z.string().optional().describe('Only blog posts with exactly this title.'),
    status: oneOrMany(z.enum(['current', 'deleted', 'trashed']))
      .optional()
      .describe('Only blog posts in these statuses (default: current).'),
    sort: z.enum(CONTENT_SORTS).optional().describe('Sort order; a leading "-" sorts descending.'),
    bodyFormat: listBodyFormat(),
    limit: limit(),
    cursor: cursor(),
  }),
  resultType: 'Paged<BlogPost>',
  example: `const { results } = await confluence.blogposts.list({ spaceId: 'ENG', sort: '-created-date', limit: 10 });
return results.map((post) => ({ id: post.id, title: post.title, at: post.createdAt }));`,
  space: (input) => spacesOf(input.spaceId),
  narrow: narrowSpaceFilter,
  execute: async (input, context) => {
    const spaceIds = await resolveSpaceIds(input.spaceId, context);
    const response = await context.request({
      api: 'v2',
      method: 'GET',
      path: '/blogposts',
      query: {
        ...queryFrom(input, ['title', 'status', 'sort', 'limit', 'cursor']),
        id: input.ids,
        'space-id': spaceIds,
        'body-format': wireBodyFormat(input.bodyFormat),
      },
    });
    return cursorPage(response, (post: BlogPost) => convertBody(post, input.bodyFormat));
  },
});

export const createBlogPost = defineOperation({
  name: 'blogposts.create',
  summary: 'Publish a blog post (or save a draft) in a space, from markdown or storage format.',
  composioName: 'CONFLUENCE_CREATE_BLOGPOST',
  operationId: 'createBlogPost',
  endpoint: 'POST /wiki/api/v2/blogposts',
  kind: 'write',
  input: z
    .strictObject({
      spaceId: spaceRef().describe('The space: its id, or its key such as "ENG".'),
      title: z.string().min(1).optional().describe('The title; required unless status is "draft".'),
      body: bodyInput('blog post').optional(),
      status: z
        .enum(['current', 'draft'])
        .optional()
        .describe('"current" publishes (default); "draft" saves a draft.'),
      createdAt: z.string().optional().describe('Backdate the post: "yyyy-MM-ddTHH:mm:ss.SSSZ".'),
      private: z.boolean().optional().describe('Make the post visible to its creator only.'),
    })
    .refine((input) => input.status === 'draft' || input.title !== undefined, {
      error: 'title is required unless status is "draft"',
      path: ['title'],
    }),
  resultType: 'BlogPost',
  example: `const post = await confluence.blogposts.create({
  spaceId: 'ENG',
  title: 'Sprint 42 review',
  body: { markdown: 'We shipped **search**.' },
});
return post.id;`,
  target: (input) => `new blog post "${input.title ?? '(draft)'}" in space ${input.spaceId}`,
  space: (input) => spaceOf(input.spaceId),
  plan: (input) =>
    planContent<BlogPost>({ ...input, id: plannedId(input), version: { number: 1 } }),
  execute: async (input, context) => {
    const spaceId = await resolveSpaceId(input.spaceId, context);
    const response = await context.request({
      api: 'v2',
      method: 'POST',
      path: '/blogposts',
      query: queryFrom(input, ['private']),
      body: compact({
        spaceId,
        status: input.status,
        title: input.title,
        createdAt: input.createdAt,
        body: input.body === undefined ? undefined : toWireBody(input.body),
      }),
    });
    return response.body as BlogPost;
  },
});

export const updateBlogPost = defineOperation({
  name: 'blogposts.update',
  summary: 'Update a blog post: title, body or status, with the next version number.',
  description:
    'Fields you leave out keep their current value. `version` must be the current version + 1, else 409 CONFLICT.',
  composioName: 'CONFLUENCE_UPDATE_BLOGPOST',
  operationId: 'updateBlogPost',
  endpoint: 'PUT /wiki/api/v2/blogposts/{id}',
  kind: 'write',
  input: z.strictObject({
    id: blogPostId(),
    version: versionInput('blog post'),
    title: z.string().min(1).optional().describe('The new title (default: unchanged).'),
    body: bodyInput('blog post').optional(),
    status: z
      .enum(['current', 'draft'])
      .optional()
      .describe('"current" publishes (also restores a trashed post); "draft" keeps a draft.'),
    createdAt: z.string().optional().describe('A new creation date: "yyyy-MM-ddTHH:mm:ss.SSSZ".'),
  }),
  positional: ['id'],
  resultType: 'BlogPost',
  example: `const post = await confluence.blogposts.get('131073');
const updated = await confluence.blogposts.update(post.id, {
  version: post.version.number + 1,
  body: { markdown: 'Updated: we also shipped **export**.' },
});
return updated.version.number;`,
  target: (input) => `blog post ${input.id}`,
  space: (input) => ({ blogPostId: input.id }),
  plan: (input) => planContent<BlogPost>(input),
  execute: (input, context) => contentUpdate<BlogPost>('blogposts', input, context),
});

export const blogPostLikeCount = defineOperation({
  name: 'blogposts.likeCount',
  summary: 'Count the likes of a blog post.',
  composioName: 'CONFLUENCE_GET_BLOGPOST_LIKE_COUNT',
  operationId: 'getBlogPostLikeCount',
  endpoint: 'GET /wiki/api/v2/blogposts/{id}/likes/count',
  kind: 'read',
  input: z.strictObject({ id: blogPostId() }),
  positional: ['id'],
  resultType: 'LikeCount',
  example: `const { count } = await confluence.blogposts.likeCount('131073');
return count;`,
  space: (input) => ({ blogPostId: input.id }),
  request: (input) => ({
    api: 'v2',
    method: 'GET',
    path: pathOf('/blogposts/{id}/likes/count', input),
  }),
  transform: (response) => response.body as LikeCount,
});

export const blogPostOperations = defineOperation({
  name: 'blogposts.operations',
  summary: 'List what the current user may do with a blog post (read, update, delete...).',
  composioName: 'CONFLUENCE_GET_BLOGPOST_OPERATIONS',
  operationId: 'getBlogPostOperations',
  endpoint: 'GET /wiki/api/v2/blogposts/{id}/operations',
  kind: 'read',
  input: z.strictObject({ id: blogPostId() }),
  positional: ['id'],
  resultType: 'PermittedOperations',
  example: `const { operations } = await confluence.blogposts.operations('131073');
return operations.some((entry) => entry.operation === 'update');`,
  space: (input) => ({ blogPostId: input.id }),
  request: (input) => ({
    api: 'v2',
    method: 'GET',
    path: pathOf('/blogposts/{id}/operations', input),
  }),
  transform: (response) => response.body as PermittedOperations,
});
