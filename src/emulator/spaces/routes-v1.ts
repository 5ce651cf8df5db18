/**
 * v1 space routes: POST /wiki/rest/api/space/_private (a space only its creator sees) and
 * DELETE /wiki/rest/api/space/{spaceKey}, which answers 202 with a long task and deletes the
 * space and all its content permanently (not to the trash).
 */
import { Hono } from 'hono';
import type { EmulatorContext } from '../context.ts';
import { transaction } from '../database/open.ts';
import { readBody } from '../http/body.ts';
import type { EmulatorEnv } from '../http/env.ts';
import { invalidParameter, notFound } from '../http/errors.ts';
import { siteBase } from '../http/links.ts';
import type { LongTaskStore } from '../longtasks/store.ts';
import { createSpaceWithHomepage } from './create.ts';
import { createSpaceV1Schema, spaceKeyOf } from './input.ts';
import { spaceJsonV1 } from './json.ts';
import { canSeeSpace } from './store.ts';

export function spaceRoutesV1(
  context: EmulatorContext,
  longTasks: LongTaskStore,
): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();
  app.post('/space/_private', async (c) => {
    const input = await readBody(c, createSpaceV1Schema);
    const key = spaceKeyOf(input);
    if (!key) throw invalidParameter('body.key', 'A space key (or an alias) is required');
    if (context.spaces.byKey(key))
      throw invalidParameter('body.key', `A space with key ${key} already exists`);
    const space = createSpaceWithHomepage(context, {
      key,
      name: input.name,
      description: input.description?.plain.value ?? '',
      authorId: c.get('user').account_id,
      isPrivate: true,
    });
    c.set('audit', {
      summary: 'Private space created',
      category: 'Spaces',
      affectedObject: { name: space.name, objectType: 'Space' },
    });
    return c.json(spaceJsonV1(c, space));
  });
  app.delete('/space/:spaceKey', (c) => {
    const key = c.req.param('spaceKey');
    const user = c.get('user');
    const space = context.spaces.byKey(key);
    if (!space || !canSeeSpace(space, user.account_id))
      throw notFound(`No space with key : ${key}`);
    const contentIds = context.queries.idsInSpace(space.id);
    transaction(context.db, () => {
      for (const id of contentIds) context.content.purge(id, user.account_id, 'space-deleted');
      context.spaces.delete(space.id);
    });
    const task = longTasks.create({
      name: 'com.atlassian.confluence.spaces.delete',
      args: [{ spaceKey: key }],
      elapsedMs: 0,
    });
    c.set('audit', {
      summary: 'Space deleted',
      category: 'Spaces',
      affectedObject: { name: space.name, objectType: 'Space' },
    });
    return c.json(
      {
        ari: `ari:cloud:confluence::task/${task.id}`,
        id: String(task.id),
        links: { status: `/rest/api/longtask/${task.id}` },
      },
      202,
    );
  });
  app.get('/longtask/:id', (c) => {
    const task = longTasks.get(c.req.param('id'));
    if (!task) throw notFound(`No long task with id ${c.req.param('id')}`);
    const base = siteBase(c);
    return c.json({
      ari: `ari:cloud:confluence::task/${task.id}`,
      id: String(task.id),
      name: { key: task.name, args: JSON.parse(task.args) as unknown[] },
      elapsedTime: task.elapsed_ms,
      percentageComplete: 100,
      successful: true,
      finished: true,
      messages: [],
      status: 'COMPLETE',
      errors: [],
      _links: {
        self: `${base}/rest/api/longtask/${task.id}`,
        base,
        context: base.replace(/^https?:\/\/[^/]+/, ''),
      },
    });
  });
  return app;
}
