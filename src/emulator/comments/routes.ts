/**
 * The v2 comment routes (openapi-v2 "Comment"): footer and inline comments, their lists per page,
 * blog post and attachment, replies, single reads and writes.
 */
import { Hono } from 'hono';
import type { EmulatorContext } from '../context.ts';
import { contentIdParam } from '../attachments/ids.ts';
import { loadContent } from '../content/access.ts';
import type { ContentType } from '../content/schema.ts';
import type { EmulatorEnv } from '../http/env.ts';
import { pathId, queryInteger } from '../http/query.ts';
import { loadComment } from './access.ts';
import { createFooterComment, createInlineComment } from './create.ts';
import type { CommentLocation } from './extra.ts';
import { COMMENT_STATUSES, getComment, listComments } from './read-routes.ts';
import type { CommentStore } from './store.ts';
import { deleteComment, updateComment } from './update.ts';

/** Blog post comment lists take fewer statuses (openapi-v2 getBlogPostFooterComments). */
const BLOGPOST_COMMENT_STATUSES = ['current', 'deleted', 'trashed', 'historical', 'draft'];

const CONTAINER_LISTS: ReadonlyArray<{
  path: string;
  type: ContentType;
  location: CommentLocation;
  statuses: readonly string[] | undefined;
}> = [
  {
    path: '/pages/:id/footer-comments',
    type: 'page',
    location: 'footer',
    statuses: COMMENT_STATUSES,
  },
  {
    path: '/pages/:id/inline-comments',
    type: 'page',
    location: 'inline',
    statuses: COMMENT_STATUSES,
  },
  {
    path: '/blogposts/:id/footer-comments',
    type: 'blogpost',
    location: 'footer',
    statuses: BLOGPOST_COMMENT_STATUSES,
  },
  {
    path: '/blogposts/:id/inline-comments',
    type: 'blogpost',
    location: 'inline',
    statuses: BLOGPOST_COMMENT_STATUSES,
  },
  {
    path: '/attachments/:id/footer-comments',
    type: 'attachment',
    location: 'footer',
    statuses: undefined,
  },
];

export function commentRoutes(context: EmulatorContext, store: CommentStore): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();
  for (const list of CONTAINER_LISTS) {
    app.get(list.path, (c) => {
      const id = list.type === 'attachment' ? contentIdParam(c, 'id') : pathId(c, 'id');
      if (list.type === 'attachment') queryInteger(c, 'version', { min: 1 });
      const container = loadContent(context, c.get('user'), id, [list.type]);
      return listComments(context, store, c, {
        location: list.location,
        scope: { kind: 'container', containerId: container.id },
        statusFilter: list.statuses,
        resolutionFilter: list.location === 'inline',
      });
    });
  }
  for (const location of ['footer', 'inline'] as const) {
    const collection = `/${location}-comments`;
    app.get(collection, (c) =>
      listComments(context, store, c, {
        location,
        scope: { kind: 'all' },
        statusFilter: undefined,
        resolutionFilter: false,
      }),
    );
    app.post(collection, (c) =>
      location === 'footer' ? createFooterComment(context, c) : createInlineComment(context, c),
    );
    app.get(`${collection}/:comment-id`, (c) => getComment(context, c, location));
    app.put(`${collection}/:comment-id`, (c) => updateComment(context, c, location));
    app.delete(`${collection}/:comment-id`, (c) => deleteComment(context, c, location));
    app.get(`${collection}/:id/children`, (c) => {
      const parent = loadComment(context, c.get('user'), pathId(c, 'id'), location);
      return listComments(context, store, c, {
        location,
        scope: { kind: 'children', parentId: parent.id },
        statusFilter: undefined,
        resolutionFilter: false,
      });
    });
  }
  return app;
}
