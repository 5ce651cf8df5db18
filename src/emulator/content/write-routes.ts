/**
 * The shared write routes of pages and blog posts: create, full update (version rules, restore,
 * drafts, moves within the space), delete (trash, purge, draft).
 */
import type { Context } from 'hono';
import type { EmulatorContext } from '../context.ts';
import { readBody } from '../http/body.ts';
import type { EmulatorEnv } from '../http/env.ts';
import { badRequest, invalidParameter } from '../http/errors.ts';
import { pathId, queryBoolean } from '../http/query.ts';
import { loadContent, loadSpace } from './access.ts';
import { assertCanEditContent } from './visibility.ts';
import { storedBodyOf } from './body-write.ts';
import { createContentPresenter } from './json.ts';
import type { ContentKind } from './kinds.ts';
import { assertNextVersion, assertTitleFree, resolveParent } from './write-rules.ts';
import { createContentSchema, updateContentSchema } from './write-input.ts';

/** POST /pages, POST /blogposts: 200 with the new content (not 201), as the spec says. */
export async function createContent(
  context: EmulatorContext,
  kind: ContentKind,
  c: Context<EmulatorEnv>,
) {
  const user = c.get('user');
  const rootLevel = kind.type === 'page' && queryBoolean(c, 'root-level');
  queryBoolean(c, 'private');
  queryBoolean(c, 'embedded');
  const input = await readBody(c, createContentSchema);
  if (input.status === 'current' && !input.title)
    throw invalidParameter(
      'body.title',
      `A title is required to create a ${kind.label} that is not a draft`,
    );
  const space = loadSpace(context, user, input.spaceId);
  const title = input.title ?? '';
  if (input.status === 'current') assertTitleFree(context, kind, space.id, title);
  const parentId =
    kind.type === 'page' ? resolveParent(context, user, space, input.parentId, rootLevel) : null;
  const stored = storedBodyOf(input.body);
  const row = context.content.create({
    type: kind.type,
    status: input.status,
    spaceId: space.id,
    parentId,
    title,
    body: stored.body,
    adf: stored.adf,
    authorId: user.account_id,
    position: kind.type === 'page' ? context.content.nextPosition(space.id, parentId) : null,
    subtype: input.subtype ?? null,
    ...(input.createdAt ? { createdAt: Date.parse(input.createdAt) } : {}),
  });
  c.set('audit', {
    summary: `${kind.label} created`,
    category: 'Content',
    affectedObject: { name: title, objectType: kind.label },
  });
  const bodyFormat = stored.adf ? 'atlas_doc_format' : 'storage';
  return c.json(
    kind.present(createContentPresenter(context, c), context.queries.withVersion(row.id)!, {
      bodyFormat,
      single: true,
    }),
  );
}

/** PUT /pages/{id}, PUT /blogposts/{id}. */
export async function updateContent(
  context: EmulatorContext,
  kind: ContentKind,
  c: Context<EmulatorEnv>,
) {
  const user = c.get('user');
  const id = pathId(c, 'id');
  const input = await readBody(c, updateContentSchema);
  if (input.id !== id)
    throw invalidParameter(
      'body.id',
      `body.id (${input.id}) does not match the id in the path (${id})`,
    );
  const current = loadContent(context, user, id, [kind.type]);
  // An update restriction refuses the write before anything is written (visibility.ts).
  assertCanEditContent(context.db, user.account_id, id);
  const presenter = createContentPresenter(context, c);
  c.set('audit', {
    summary: `${kind.label} updated`,
    category: 'Content',
    affectedObject: { name: input.title, objectType: kind.label },
  });
  if (
    (current.status === 'trashed' || current.status === 'deleted') &&
    input.status === 'current'
  ) {
    // "For restoration, page contents will not be updated and only the page status will be changed."
    context.content.setStatus(id, 'current', user.account_id);
    return c.json(kind.present(presenter, context.queries.withVersion(id)!, { single: true }));
  }
  if (current.status === 'trashed' || current.status === 'deleted')
    throw badRequest(
      `The ${kind.label} ${id} is ${current.status}; restore it with status "current" first`,
      'body.status',
    );
  if (input.spaceId !== undefined && input.spaceId !== current.space_id)
    throw invalidParameter(
      'body.spaceId',
      `Moving a ${kind.label} to a different space is not supported`,
    );
  const stored = storedBodyOf(input.body);
  if (input.status === 'draft' && current.status === 'current') {
    context.content.saveDraft(id, {
      title: input.title,
      body: stored.body,
      adf: stored.adf,
      authorId: user.account_id,
    });
    const draft = context.content.draft(id)!;
    return c.json(
      kind.present(
        presenter,
        { ...current, title: draft.title, body: draft.body, adf: draft.adf, shownStatus: 'draft' },
        { single: true },
      ),
    );
  }
  assertNextVersion(kind, current, input.version.number);
  if (input.status === 'current' && input.title !== current.title)
    assertTitleFree(context, kind, current.space_id!, input.title, id);
  if (
    kind.type === 'page' &&
    input.parentId !== undefined &&
    input.parentId !== current.parent_id
  ) {
    const space = loadSpace(context, user, current.space_id!);
    const parentId = resolveParent(context, user, space, input.parentId, false, id);
    context.content.move(
      id,
      parentId,
      context.content.nextPosition(space.id, parentId),
      user.account_id,
    );
  }
  if (input.ownerId !== undefined && input.ownerId !== current.owner_id) {
    if (!context.users.byId(input.ownerId))
      throw invalidParameter('body.ownerId', `No user with accountId ${input.ownerId}`);
    context.content.setOwner(id, input.ownerId, user.account_id);
  }
  context.content.revise(id, {
    title: input.title,
    body: stored.body,
    adf: stored.adf,
    authorId: user.account_id,
    message: input.version.message ?? '',
    status: input.status,
  });
  return c.json(
    kind.present(presenter, context.queries.withVersion(id)!, {
      bodyFormat: stored.adf ? 'atlas_doc_format' : 'storage',
      single: true,
    }),
  );
}

/** DELETE /pages/{id}, /blogposts/{id}: trash; `purge=true` on trashed content; `draft=true`. */
export function deleteContent(
  context: EmulatorContext,
  kind: ContentKind,
  c: Context<EmulatorEnv>,
) {
  const user = c.get('user');
  const id = pathId(c, 'id');
  const purge = queryBoolean(c, 'purge');
  const draft = queryBoolean(c, 'draft');
  const current = loadContent(context, user, id, [kind.type]);
  // An update restriction refuses the write before anything is written (visibility.ts).
  assertCanEditContent(context.db, user.account_id, id);
  c.set('audit', {
    summary: `${kind.label} ${purge ? 'purged' : draft ? 'draft deleted' : 'trashed'}`,
    category: 'Content',
    affectedObject: { name: current.title, objectType: kind.label },
  });
  if (draft) {
    if (current.status === 'draft') context.content.purge(id, user.account_id);
    else if (context.content.draft(id)) context.content.deleteDraft(id, user.account_id);
    else throw invalidParameter('draft', `The ${kind.label} ${id} has no draft to delete`);
  } else if (purge) {
    if (current.status !== 'trashed')
      throw invalidParameter(
        'purge',
        `Only a trashed ${kind.label} can be purged; ${kind.label} ${id} is ${current.status}`,
      );
    context.content.purge(id, user.account_id);
  } else {
    if (current.status === 'trashed')
      throw invalidParameter(
        'id',
        `The ${kind.label} ${id} is already trashed; use purge=true to delete it permanently`,
      );
    if (current.status === 'draft')
      throw invalidParameter(
        'draft',
        `The ${kind.label} ${id} is a draft; delete it with draft=true`,
      );
    if (kind.type === 'page')
      context.content.reparentChildren(id, current.parent_id, user.account_id);
    context.content.setStatus(id, 'trashed', user.account_id);
  }
  return c.body(null, 204);
}
