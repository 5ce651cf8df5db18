/**
 * Mounts the shared page / blog post routes for one kind on a v2 sub-app.
 */
import { Hono } from 'hono';
import type { EmulatorContext } from '../context.ts';
import type { EmulatorEnv } from '../http/env.ts';
import { pathId } from '../http/query.ts';
import type { ContentKind } from './kinds.ts';
import { getContent, listContent } from './read-routes.ts';
import { getVersionDetails, listVersions } from './version-routes.ts';
import { createContent, deleteContent, updateContent } from './write-routes.ts';

export function contentRoutes(context: EmulatorContext, kind: ContentKind): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();
  const collection = `/${kind.collection}`;
  app.get(collection, (c) => listContent(context, kind, c));
  app.post(collection, (c) => createContent(context, kind, c));
  app.get(`${collection}/:id`, (c) => getContent(context, kind, c));
  app.put(`${collection}/:id`, (c) => updateContent(context, kind, c));
  app.delete(`${collection}/:id`, (c) => deleteContent(context, kind, c));
  app.get(`${collection}/:id/versions`, (c) => listVersions(context, kind, c));
  app.get(`${collection}/:${kind.idParameter}/versions/:version-number`, (c) =>
    getVersionDetails(context, kind, c),
  );
  app.get(`/spaces/:id/${kind.collection}`, (c) => listContent(context, kind, c, pathId(c, 'id')));
  return app;
}
