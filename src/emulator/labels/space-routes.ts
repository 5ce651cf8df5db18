/**
 * v1 labels on spaces (swagger.v3.json "Space"): GET/POST/DELETE /space/{spaceKey}/label. A space
 * category is a `team` label; DELETE takes `name` and `prefix` (default `global`).
 */
import { Hono, type Context } from 'hono';
import type { EmulatorContext } from '../context.ts';
import type { EmulatorEnv } from '../http/env.ts';
import { invalidParameter, notFound } from '../http/errors.ts';
import { queryString } from '../http/query.ts';
import { canSeeSpace, type SpaceRow } from '../spaces/store.ts';
import { checkLabelName, checkWritablePrefix } from './names.ts';
import type { LabelStore } from './store.ts';
import { offsetLabelList, readLabelsToAdd } from './v1-lists.ts';

export function spaceLabelRoutes(context: EmulatorContext, store: LabelStore): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();

  function loadSpaceByKey(c: Context<EmulatorEnv>): SpaceRow {
    const key = c.req.param('spaceKey') ?? '';
    const space = context.spaces.byKey(key);
    if (!space || !canSeeSpace(space, c.get('user').account_id))
      throw notFound(`No space found with key ${key}`);
    return space;
  }
  const list = (c: Context<EmulatorEnv>, space: SpaceRow) =>
    offsetLabelList(
      c,
      store,
      { kind: 'space', spaceId: space.id },
      `/rest/api/space/${space.key}/label`,
    );
  const audit = (summary: string, space: SpaceRow) => ({
    summary,
    category: 'Spaces',
    affectedObject: { name: space.name, objectType: 'Space' },
  });

  app.get('/space/:spaceKey/label', (c) => list(c, loadSpaceByKey(c)));
  app.post('/space/:spaceKey/label', async (c) => {
    const space = loadSpaceByKey(c);
    const owner = c.get('user').account_id;
    for (const wanted of await readLabelsToAdd(c))
      store.attachToSpace(space.id, store.ensure(wanted.prefix, wanted.name, owner).id);
    c.set('audit', audit('Space labels added', space));
    return list(c, space);
  });
  app.delete('/space/:spaceKey/label', (c) => {
    const space = loadSpaceByKey(c);
    const raw = queryString(c, 'name');
    if (raw === undefined) throw invalidParameter('name', "The query parameter 'name' is required");
    const name = checkLabelName(raw, 'name');
    const prefix = checkWritablePrefix(queryString(c, 'prefix'), 'prefix');
    const label = store.find(prefix, name, c.get('user').account_id);
    if (label) store.detachFromSpace(space.id, label.id);
    c.set('audit', audit(`Space label removed: ${name}`, space));
    return c.body(null, 204);
  });
  return app;
}
