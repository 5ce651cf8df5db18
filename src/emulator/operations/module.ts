/**
 * Permitted operations: GET /pages/{id}/operations, /blogposts/{id}/operations,
 * /whiteboards/{id}/operations, /spaces/{id}/operations and the `operations` include.
 */
import { Hono } from 'hono';
import { loadContent, loadSpace } from '../content/access.ts';
import { canEditContent } from '../content/visibility.ts';
import type { EmulatorEnv } from '../http/env.ts';
import { pathId } from '../http/query.ts';
import type { EmulatorModule } from '../module.ts';
import { contentOperations, spaceOperations } from './permitted.ts';

const CONTENT_COLLECTIONS = [
  { path: '/pages', type: 'page' },
  { path: '/blogposts', type: 'blogpost' },
  { path: '/whiteboards', type: 'whiteboard' },
] as const;

export const operationsModule: EmulatorModule = {
  name: 'operations',
  setup(context) {
    context.includes.register('operations', (target, user) => {
      if (target.type !== 'space')
        return contentOperations(
          target.type,
          canEditContent(context.db, user.account_id, target.id),
        );
      return spaceOperations(user, context.spaces.get(target.id)?.author_id ?? '');
    });
  },
  v2(context) {
    const app = new Hono<EmulatorEnv>();
    for (const collection of CONTENT_COLLECTIONS) {
      app.get(`${collection.path}/:id/operations`, (c) => {
        const user = c.get('user');
        const content = loadContent(context, user, pathId(c, 'id'), [collection.type]);
        const editable = canEditContent(context.db, user.account_id, content.id);
        return c.json({ operations: contentOperations(collection.type, editable) });
      });
    }
    app.get('/spaces/:id/operations', (c) => {
      const space = loadSpace(context, c.get('user'), pathId(c, 'id'));
      return c.json({ operations: spaceOperations(c.get('user'), space.author_id) });
    });
    return app;
  },
};
