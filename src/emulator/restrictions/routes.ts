/**
 * v1 content restrictions (swagger.v3.json "Content restrictions"): GET/PUT/POST/DELETE
 * /content/{id}/restriction. PUT replaces every restriction, POST adds, DELETE lifts all; each
 * answers the resulting `ContentRestrictionArray`. The by-operation routes are in
 * `by-operation-routes.ts`.
 */
import { Hono } from 'hono';
import type { EmulatorContext } from '../context.ts';
import { readJsonBody } from '../http/body.ts';
import type { EmulatorEnv } from '../http/env.ts';
import { byOperationRoutes } from './by-operation-routes.ts';
import { parseRestrictionWrite, resolveRestrictions } from './input.ts';
import { createRestrictionPresenter } from './json.ts';
import { loadRestrictable, restrictionOptions, writeRestrictions } from './route-helpers.ts';
import type { RestrictionStore } from './store.ts';

export function restrictionRoutesV1(
  context: EmulatorContext,
  store: RestrictionStore,
): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();
  const path = '/content/:id/restriction';

  const answer = (c: Parameters<typeof restrictionOptions>[0], id: number) => {
    const content = context.content.get(id)!;
    const presenter = createRestrictionPresenter(context, c);
    return c.json(presenter.array(content, store.ofContent(id), restrictionOptions(c)));
  };

  app.get(path, (c) => answer(c, loadRestrictable(context, c).id));

  for (const method of ['put', 'post'] as const) {
    app[method](path, async (c) => {
      const content = loadRestrictable(context, c);
      restrictionOptions(c);
      const updates = resolveRestrictions(context, parseRestrictionWrite(await readJsonBody(c)));
      writeRestrictions(context, store, c, content, () => {
        if (method === 'put') store.clear(content.id);
        for (const update of updates) store.add(content.id, update.operation, update.subjects);
      });
      return answer(c, content.id);
    });
  }

  app.delete(path, (c) => {
    const content = loadRestrictable(context, c);
    restrictionOptions(c);
    writeRestrictions(context, store, c, content, () => store.clear(content.id));
    return answer(c, content.id);
  });

  app.route('/', byOperationRoutes(context, store));
  return app;
}
