/**
 * PUT and DELETE of /footer-comments/{comment-id} and /inline-comments/{comment-id}. A body
 * change writes the next version (`version.number` must be current + 1, else 409 with
 * Confluence's message); `resolved` on a top-level inline comment sets `resolved` / `reopened`
 * without a new version (no change when it already matches; a dangling comment cannot change).
 * DELETE is permanent and takes the replies with it (content-write hook).
 */
import type { Context } from 'hono';
import type { EmulatorContext } from '../context.ts';
import { storedBodyOf } from '../content/body-write.ts';
import type { ContentWithVersion } from '../content/queries.ts';
import { transaction } from '../database/open.ts';
import { readBody } from '../http/body.ts';
import type { EmulatorEnv } from '../http/env.ts';
import { conflict, invalidParameter } from '../http/errors.ts';
import { pathId } from '../http/query.ts';
import type { UserRow } from '../users/store.ts';
import { assertMayDelete, assertMayEdit, loadComment } from './access.ts';
import { assertNotEmpty } from './create.ts';
import { type CommentLocation, commentExtra } from './extra.ts';
import { updateFooterCommentSchema, updateInlineCommentSchema } from './input.ts';
import { createCommentPresenter } from './json.ts';

export async function updateComment(
  context: EmulatorContext,
  c: Context<EmulatorEnv>,
  location: CommentLocation,
) {
  const user = c.get('user');
  const comment = loadComment(context, user, pathId(c, 'comment-id'), location);
  const input =
    location === 'footer'
      ? await readBody(c, updateFooterCommentSchema)
      : await readBody(c, updateInlineCommentSchema);
  if (input.version.number !== comment.version + 1)
    throw conflict(
      `Version must be incremented when updating a comment. Current Version: [${comment.version}]. Provided version: [${input.version.number}]`,
    );
  c.set('audit', {
    summary: `${location} comment updated`,
    category: 'Content',
    affectedObject: { name: comment.title, objectType: 'comment' },
  });
  const stored = input.body === undefined ? undefined : storedBodyOf(input.body);
  if (stored) {
    assertMayEdit(user, comment);
    assertNotEmpty(stored.body);
  }
  transaction(context.db, () => {
    if ('resolved' in input && input.resolved !== undefined)
      resolve(context, user, comment, input.resolved);
    if (stored)
      context.content.revise(comment.id, {
        title: comment.title,
        body: stored.body,
        adf: stored.adf,
        authorId: user.account_id,
        message: input.version.message ?? '',
      });
  });
  const bodyFormat = stored ? (stored.adf ? 'atlas_doc_format' : 'storage') : undefined;
  const updated = context.queries.withVersion(comment.id)!;
  return c.json(createCommentPresenter(context, c).comment(updated, { bodyFormat }));
}

function resolve(
  context: EmulatorContext,
  user: UserRow,
  comment: ContentWithVersion,
  resolved: boolean,
): void {
  const extra = commentExtra(comment);
  if (comment.parent_id !== null)
    throw invalidParameter(
      'body.resolved',
      `Comment ${comment.id} is a reply; only top-level inline comments are resolved`,
    );
  const status = extra.resolutionStatus ?? 'open';
  if (status === 'dangling')
    throw invalidParameter(
      'body.resolved',
      `Comment ${comment.id} is dangling (its highlighted text is gone); a dangling comment cannot be updated`,
    );
  if (resolved === (status === 'resolved')) return;
  context.content.setExtra(comment.id, {
    ...extra,
    resolutionStatus: resolved ? 'resolved' : 'reopened',
    resolutionLastModifierId: user.account_id,
    resolutionLastModifiedAt: context.now(),
  });
}

export function deleteComment(
  context: EmulatorContext,
  c: Context<EmulatorEnv>,
  location: CommentLocation,
) {
  const user = c.get('user');
  const comment = loadComment(context, user, pathId(c, 'comment-id'), location);
  assertMayDelete(context, user, comment);
  c.set('audit', {
    summary: `${location} comment deleted`,
    category: 'Content',
    affectedObject: { name: comment.title, objectType: 'comment' },
  });
  context.content.purge(comment.id, user.account_id);
  return c.body(null, 204);
}
