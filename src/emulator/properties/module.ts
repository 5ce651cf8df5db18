import type { Context } from 'hono';
import type { EmulatorContext } from '../context.ts';
import { loadContent, loadSpace } from '../content/access.ts';
import { assertCanEditContent } from '../content/visibility.ts';
import type { ContentType } from '../content/schema.ts';
import type { EmulatorEnv } from '../http/env.ts';
import type { EmulatorModule } from '../module.ts';
import { contentPropertyJson, spacePropertyJson } from './json.ts';
import { propertyRoutes } from './routes.ts';
import { PROPERTIES_SCHEMA, type PropertyStore, createPropertyStore } from './store.ts';

const stores = new WeakMap<EmulatorContext, PropertyStore>();
const storeOf = (context: EmulatorContext) => {
  let store = stores.get(context);
  if (!store) stores.set(context, (store = createPropertyStore(context.db, context.now)));
  return store;
};

const contentOwner = (
  context: EmulatorContext,
  type: ContentType,
  collection: string,
  listParameter: string,
  itemParameter: string,
  label: string,
) => ({
  ownerType: 'content' as const,
  collection,
  listParameter,
  itemParameter,
  label,
  createdStatus: 200 as const,
  present: contentPropertyJson,
  load: (c: Context<EmulatorEnv>, id: number) => loadContent(context, c.get('user'), id, [type]),
  assertCanEdit: (c: Context<EmulatorEnv>, id: number) =>
    assertCanEditContent(context.db, c.get('user').account_id, id),
});

/** Content properties (pages, blog posts, whiteboards) and space properties. */
export const propertiesModule: EmulatorModule = {
  name: 'properties',
  schema: PROPERTIES_SCHEMA,
  setup(context) {
    const store = storeOf(context);
    context.includes.register('properties', (target, _user, limit) => {
      const ownerType = target.type === 'space' ? 'space' : 'content';
      const rows = store.list({
        ownerType,
        ownerId: target.id,
        order: { column: 'key', idColumn: 'id', descending: false },
        after: undefined,
        limit,
      });
      return rows.map((row) =>
        ownerType === 'space' ? spacePropertyJson(row) : contentPropertyJson(row),
      );
    });
  },
  onContentWrite(event, context) {
    if (event.kind === 'purged') storeOf(context).deleteOwner('content', event.content.id);
  },
  v2(context) {
    const store = storeOf(context);
    const app = propertyRoutes(
      store,
      contentOwner(context, 'page', '/pages', 'page-id', 'page-id', 'page'),
    );
    app.route(
      '/',
      propertyRoutes(
        store,
        contentOwner(context, 'blogpost', '/blogposts', 'blogpost-id', 'blogpost-id', 'blog post'),
      ),
    );
    app.route(
      '/',
      propertyRoutes(
        store,
        contentOwner(context, 'whiteboard', '/whiteboards', 'id', 'whiteboard-id', 'whiteboard'),
      ),
    );
    app.route(
      '/',
      propertyRoutes(store, {
        ownerType: 'space',
        collection: '/spaces',
        listParameter: 'space-id',
        itemParameter: 'space-id',
        label: 'space',
        createdStatus: 201,
        present: spacePropertyJson,
        load: (c, id) => ({ title: loadSpace(context, c.get('user'), id).name }),
      }),
    );
    return app;
  },
};
