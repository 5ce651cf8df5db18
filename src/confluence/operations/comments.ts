/** Comments: add a footer comment or reply, and list footer and inline comments (v2). */
import { z } from 'zod';
import { defineOperation } from '../operation.ts';
import type { FooterComment, InlineComment } from './models/comments.ts';
import { bodyInput, convertBody, toWireBody, wireBodyFormat } from './support/bodies.ts';
import { compact, pathOf, queryFrom } from './support/http.ts';
import { cursorPage } from './support/paging.ts';
import { plannedId } from './support/plan.ts';
import {
  attachmentId,
  COMMENT_SORTS,
  cursor,
  limit,
  listBodyFormat,
  numericId,
  oneOrMany,
} from './support/schemas.ts';

const COMMENT_STATUSES = [
  'current',
  'archived',
  'trashed',
  'deleted',
  'historical',
  'draft',
] as const;
const RESOLUTION_STATUSES = ['open', 'reopened', 'resolved', 'dangling'] as const;
const PARENT_FIELDS = [
  'pageId',
  'blogPostId',
  'parentCommentId',
  'attachmentId',
  'customContentId',
] as const;

export const createFooterComment = defineOperation({
  name: 'comments.create',
  summary: 'Add a footer comment to a page, blog post or attachment, or reply to a comment.',
  composioName: 'CONFLUENCE_CREATE_FOOTER_COMMENT',
  operationId: 'createFooterComment',
  endpoint: 'POST /wiki/api/v2/footer-comments',
  kind: 'write',
  input: z
    .strictObject({
      pageId: numericId('a page').optional().describe('Comment on this page.'),
      blogPostId: numericId('a blog post').optional().describe('Comment on this blog post.'),
      parentCommentId: numericId('a comment').optional().describe('Reply to this comment.'),
      attachmentId: attachmentId().optional().describe('Comment on this attachment.'),
      customContentId: numericId('a custom content')
        .optional()
        .describe('Comment on this custom content.'),
      body: bodyInput('comment'),
    })
    .refine((input) => PARENT_FIELDS.filter((field) => input[field] !== undefined).length === 1, {
      error: `give exactly one of ${PARENT_FIELDS.join(', ')}`,
      path: ['pageId'],
    }),
  resultType: 'FooterComment',
  example: `const comment = await confluence.comments.create({
  pageId: '65537',
  body: { markdown: 'Reviewed: **looks good**.' },
});
return comment.id;`,
  target: (input) => {
    const field = PARENT_FIELDS.find((name) => input[name] !== undefined) ?? 'pageId';
    return `comment on ${field.replace(/Id$/, '')} ${input[field]}`;
  },
  space: (input) =>
    input.pageId !== undefined
      ? { pageId: input.pageId }
      : input.blogPostId !== undefined
        ? { blogPostId: input.blogPostId }
        : input.parentCommentId !== undefined
          ? { commentId: input.parentCommentId }
          : input.attachmentId !== undefined
            ? { attachmentId: input.attachmentId }
            : undefined,
  plan: (input): FooterComment =>
    compact({
      id: plannedId(input),
      status: 'current' as const,
      title: '',
      pageId: input.pageId,
      blogPostId: input.blogPostId,
      attachmentId: input.attachmentId,
      parentCommentId: input.parentCommentId,
      version: { number: 1 },
    }) as FooterComment,
  request: (input) => ({
    api: 'v2',
    method: 'POST',
    path: '/footer-comments',
    body: compact({
      pageId: input.pageId,
      blogPostId: input.blogPostId,
      parentCommentId: input.parentCommentId,
      attachmentId: input.attachmentId,
      customContentId: input.customContentId,
      body: toWireBody(input.body),
    }),
  }),
  transform: (response) => response.body as FooterComment,
});

export const pageFooterComments = defineOperation({
  name: 'pages.footerComments',
  summary: 'List the footer comments of a page.',
  composioName: 'CONFLUENCE_GET_PAGE_FOOTER_COMMENTS',
  operationId: 'getPageFooterComments',
  endpoint: 'GET /wiki/api/v2/pages/{id}/footer-comments',
  kind: 'read',
  pagination: 'cursor',
  input: z.strictObject({
    id: numericId('a page').describe('The page id.'),
    bodyFormat: listBodyFormat(),
    status: oneOrMany(z.enum(COMMENT_STATUSES))
      .optional()
      .describe('Only comments in these statuses.'),
    sort: z.enum(COMMENT_SORTS).optional().describe('Sort order; a leading "-" sorts descending.'),
    limit: limit(),
    cursor: cursor(),
  }),
  positional: ['id'],
  resultType: 'Paged<FooterComment>',
  example: `const comments = await confluence.pages.footerComments.all('65537', { bodyFormat: 'markdown' });
return comments.results.map((comment) => comment.body?.markdown?.value);`,
  space: (input) => ({ pageId: input.id }),
  request: (input) => ({
    api: 'v2',
    method: 'GET',
    path: pathOf('/pages/{id}/footer-comments', input),
    query: {
      ...queryFrom(input, ['status', 'sort', 'limit', 'cursor']),
      'body-format': wireBodyFormat(input.bodyFormat),
    },
  }),
  transform: (response, input) =>
    cursorPage(response, (comment: FooterComment) => convertBody(comment, input.bodyFormat)),
});

export const footerCommentReplies = defineOperation({
  name: 'comments.replies',
  summary: 'List the replies to a footer comment.',
  description:
    'pages.footerComments lists only top-level comments; a thread is each comment with its replies.',
  composioName: 'CONFLUENCE_GET_FOOTER_COMMENT_CHILDREN',
  operationId: 'getFooterCommentChildren',
  endpoint: 'GET /wiki/api/v2/footer-comments/{id}/children',
  kind: 'read',
  pagination: 'cursor',
  input: z.strictObject({
    id: numericId('a footer comment').describe('The comment id.'),
    bodyFormat: listBodyFormat(),
    sort: z.enum(COMMENT_SORTS).optional().describe('Sort order; a leading "-" sorts descending.'),
    limit: limit(),
    cursor: cursor(),
  }),
  positional: ['id'],
  resultType: 'Paged<FooterComment>',
  space: (input) => ({ commentId: input.id }),
  example: `const comments = await confluence.pages.footerComments.all('65537', { bodyFormat: 'markdown' });
const threads = [];
for (const comment of comments.results) {
  const replies = await confluence.comments.replies.all(comment.id, { bodyFormat: 'markdown' });
  threads.push({ comment: comment.body?.markdown?.value, replies: replies.results.length });
}
return threads;`,
  request: (input) => ({
    api: 'v2',
    method: 'GET',
    path: pathOf('/footer-comments/{id}/children', input),
    query: {
      ...queryFrom(input, ['sort', 'limit', 'cursor']),
      'body-format': wireBodyFormat(input.bodyFormat),
    },
  }),
  transform: (response, input) =>
    cursorPage(response, (comment: FooterComment) => convertBody(comment, input.bodyFormat)),
});

const inlineCommentsInput = (what: string) =>
  z.strictObject({
    id: numericId(`a ${what}`).describe(`The ${what} id.`),
    bodyFormat: listBodyFormat(),
    status: oneOrMany(z.enum(COMMENT_STATUSES))
      .optional()
      .describe('Only comments in these statuses.'),
    resolutionStatus: oneOrMany(z.enum(RESOLUTION_STATUSES))
      .optional()
      .describe('Only comments with these resolution states (e.g. "open").'),
    sort: z.enum(COMMENT_SORTS).optional().describe('Sort order; a leading "-" sorts descending.'),
    limit: limit(),
    cursor: cursor(),
  });

export const pageInlineComments = defineOperation({
  name: 'pages.inlineComments',
  summary: 'List the inline comments of a page, with the text each is anchored to.',
  composioName: 'CONFLUENCE_GET_PAGE_INLINE_COMMENTS',
  operationId: 'getPageInlineComments',
  endpoint: 'GET /wiki/api/v2/pages/{id}/inline-comments',
  kind: 'read',
  pagination: 'cursor',
  input: inlineCommentsInput('page'),
  positional: ['id'],
  resultType: 'Paged<InlineComment>',
  example: `const open = await confluence.pages.inlineComments.all('65537', { resolutionStatus: 'open' });
return open.results.map((comment) => comment.properties?.inlineOriginalSelection);`,
  space: (input) => ({ pageId: input.id }),
  request: (input) => ({
    api: 'v2',
    method: 'GET',
    path: pathOf('/pages/{id}/inline-comments', input),
    query: {
      ...queryFrom(input, ['status', 'resolutionStatus', 'sort', 'limit', 'cursor']),
      'body-format': wireBodyFormat(input.bodyFormat),
    },
  }),
  transform: (response, input) =>
    cursorPage(response, (comment: InlineComment) => convertBody(comment, input.bodyFormat)),
});

export const blogPostInlineComments = defineOperation({
  name: 'blogposts.inlineComments',
  summary: 'List the inline comments of a blog post.',
  composioName: 'CONFLUENCE_GET_INLINE_COMMENTS_FOR_BLOG_POST',
  operationId: 'getBlogPostInlineComments',
  endpoint: 'GET /wiki/api/v2/blogposts/{id}/inline-comments',
  kind: 'read',
  pagination: 'cursor',
  input: inlineCommentsInput('blog post'),
  positional: ['id'],
  resultType: 'Paged<InlineComment>',
  example: `const { results } = await confluence.blogposts.inlineComments('131073');
return results.length;`,
  space: (input) => ({ blogPostId: input.id }),
  request: (input) => ({
    api: 'v2',
    method: 'GET',
    path: pathOf('/blogposts/{id}/inline-comments', input),
    query: {
      ...queryFrom(input, ['status', 'resolutionStatus', 'sort', 'limit', 'cursor']),
      'body-format': wireBodyFormat(input.bodyFormat),
    },
  }),
  transform: (response, input) =>
    cursorPage(response, (comment: InlineComment) => convertBody(comment, input.bodyFormat)),
});
