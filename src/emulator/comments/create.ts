/**
 * POST /footer-comments and POST /inline-comments: 201 with the comment (its body in the format
 * it was written) and a `location` header (openapi-v2 createFooterComment, createInlineComment).
 */
import type { Context } from 'hono';
import { storageToText } from '../bodies/text.ts';
import type { EmulatorContext } from '../context.ts';
import { storedBodyOf } from '../content/body-write.ts';
import type { ContentRow } from '../content/schema.ts';
import { readBody } from '../http/body.ts';
import type { EmulatorEnv } from '../http/env.ts';
import { invalidParameter } from '../http/errors.ts';
import { sitePath } from '../http/links.ts';
import { type CommentExtra, commentExtra } from './extra.ts';
import { createFooterCommentSchema, createInlineCommentSchema } from './input.ts';
import { createCommentPresenter } from './json.ts';
import { type CommentPlace, resolveCommentPlace } from './parent.ts';
import { checkSelection, markerRef } from './selection.ts';
import type { BodyWrite } from '../content/body-write.ts';

export async function createFooterComment(context: EmulatorContext, c: Context<EmulatorEnv>) {
  const input = await readBody(c, createFooterCommentSchema);
  const place = resolveCommentPlace(
    context,
    c.get('user'),
    input,
    ['pageId', 'blogPostId', 'attachmentId', 'customContentId', 'parentCommentId'],
    'footer',
  );
  return respond(context, c, insert(context, c, place, input.body, { location: 'footer' }));
}

export async function createInlineComment(context: EmulatorContext, c: Context<EmulatorEnv>) {
  const input = await readBody(c, createInlineCommentSchema);
  const place = resolveCommentPlace(
    context,
    c.get('user'),
    input,
    ['pageId', 'blogPostId', 'parentCommentId'],
    'inline',
  );
  const extra: CommentExtra = { location: 'inline' };
  if (!place.parent) {
    const selection = input.inlineCommentProperties;
    if (!selection)
      throw invalidParameter(
        'body.inlineCommentProperties',
        'body.inlineCommentProperties (textSelection, …) is required for a top-level inline comment',
      );
    Object.assign(extra, {
      resolutionStatus: 'open',
      inlineOriginalSelection: selection.textSelection,
      textSelectionMatchIndex: checkSelection(place.container.body, selection),
    });
  }
  const row = insert(context, c, place, input.body, extra);
  if (!place.parent)
    context.content.setExtra(row.id, { ...extra, inlineMarkerRef: markerRef(row.id) });
  return respond(context, c, row);
}

function insert(
  context: EmulatorContext,
  c: Context<EmulatorEnv>,
  place: CommentPlace,
  body: BodyWrite,
  extra: CommentExtra,
): ContentRow {
  const stored = storedBodyOf(body);
  assertNotEmpty(stored.body);
  const user = c.get('user');
  c.set('audit', {
    summary: `${extra.location} comment added`,
    category: 'Content',
    affectedObject: { name: place.container.title, objectType: place.container.type },
  });
  return context.content.create({
    type: 'comment',
    status: 'current',
    spaceId: place.container.space_id,
    parentId: place.parent?.id ?? null,
    containerId: place.container.id,
    title: `Re: ${place.container.title}`,
    body: stored.body,
    adf: stored.adf,
    authorId: user.account_id,
    extra,
  });
}

function respond(context: EmulatorContext, c: Context<EmulatorEnv>, row: ContentRow) {
  const location = commentExtra(row).location;
  const created = context.queries.withVersion(row.id)!;
  c.header('location', sitePath(c, `/wiki/api/v2/${location}-comments/${row.id}`));
  const json = createCommentPresenter(context, c).comment(created, {
    bodyFormat: created.adf ? 'atlas_doc_format' : 'storage',
    single: true,
  });
  return c.json(json, 201);
}

/** Confluence refuses comments without content. Macros, images and mentions count as content. */
export function assertNotEmpty(storage: string): void {
  if (storageToText(storage) !== '' || /<(ac|ri):|<img\b/.test(storage)) return;
  throw invalidParameter('body', 'A comment body must not be empty');
}
