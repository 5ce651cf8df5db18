/**
 * Whiteboards: POST /whiteboards (200), GET /whiteboards/{id} (include-*), DELETE (to the trash).
 * A whiteboard is a content row of type `whiteboard` in the page tree, with an empty body.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { EmulatorContext } from '../context.ts';
import { loadContent, loadSpace } from '../content/access.ts';
import { createContentPresenter } from '../content/json.ts';
import { idString } from '../content/write-input.ts';
import { resolveParent } from '../content/write-rules.ts';
import { readBody } from '../http/body.ts';
import type { EmulatorEnv } from '../http/env.ts';
import { notFound } from '../http/errors.ts';
import { pathId, queryBoolean } from '../http/query.ts';
import type { EmulatorModule } from '../module.ts';

const createSchema = z.object({
  spaceId: idString,
  title: z.string().max(255).optional(),
  parentId: idString.optional(),
  templateKey: z.string().optional(),
  locale: z.string().optional(),
});

const WHITEBOARD_INCLUDES = ['operations', 'properties'] as const;

function whiteboardRoutes(context: EmulatorContext): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();
  app.post('/whiteboards', async (c) => {
    const user = c.get('user');
    queryBoolean(c, 'private');
    const input = await readBody(c, createSchema);
    const space = loadSpace(context, user, input.spaceId);
    const parentId = resolveParent(context, user, space, input.parentId, false);
    const title = input.title ?? 'Untitled whiteboard';
    const row = context.content.create({
      type: 'whiteboard',
      status: 'current',
      spaceId: space.id,
      parentId,
      title,
      body: '',
      authorId: user.account_id,
      position: context.content.nextPosition(space.id, parentId),
      extra: { templateKey: input.templateKey ?? null, locale: input.locale ?? null },
    });
    c.set('audit', {
      summary: 'whiteboard created',
      category: 'Content',
      affectedObject: { name: title, objectType: 'whiteboard' },
    });
    return c.json(
      createContentPresenter(context, c).whiteboard(context.queries.withVersion(row.id)!, {
        single: true,
      }),
    );
  });
  app.get('/whiteboards/:id', (c) => {
    const id = pathId(c, 'id');
    const row = loadContent(context, c.get('user'), id, ['whiteboard']);
    if (row.status !== 'current' && row.status !== 'archived')
      throw notFound(`No whiteboard found with id ${id}`);
    const json = createContentPresenter(context, c).whiteboard(row, { single: true });
    for (const name of WHITEBOARD_INCLUDES) {
      if (!queryBoolean(c, `include-${name}`)) continue;
      const included = context.includes.resolve(c, name, {
        type: 'whiteboard',
        id,
        collection: 'whiteboards',
      });
      if (included) json[name] = included;
    }
    queryBoolean(c, 'include-collaborators');
    queryBoolean(c, 'include-direct-children');
    return c.json(json);
  });
  app.delete('/whiteboards/:id', (c) => {
    const user = c.get('user');
    const id = pathId(c, 'id');
    const row = loadContent(context, user, id, ['whiteboard']);
    if (row.status === 'trashed') throw notFound(`No whiteboard found with id ${id}`);
    context.content.setStatus(id, 'trashed', user.account_id);
    c.set('audit', {
      summary: 'whiteboard trashed',
      category: 'Content',
      affectedObject: { name: row.title, objectType: 'whiteboard' },
    });
    return c.body(null, 204);
  });
  return app;
}

export const whiteboardsModule: EmulatorModule = {
  name: 'whiteboards',
  v2: whiteboardRoutes,
  seedDemo(context, site) {
    const q3 = site.pages.get('Q3 planning')!;
    const row = context.content.create({
      type: 'whiteboard',
      status: 'current',
      spaceId: site.spaces.MKT.id,
      parentId: q3.id,
      title: 'Q3 campaign brainstorm',
      body: '',
      authorId: site.users.alice.account_id,
      position: context.content.nextPosition(site.spaces.MKT.id, q3.id),
      createdAt: site.at(1),
    });
    site.pages.set(row.title, row);
  },
};
