/**
 * Likes: GET /{pages|blogposts}/{id}/likes/count and …/likes/users (cursor), the `likes`
 * include, and a few demo likes.
 */
import { Hono } from 'hono';
import type { EmulatorContext } from '../context.ts';
import { loadContent } from '../content/access.ts';
import type { EmulatorEnv } from '../http/env.ts';
import { cursorResponse, queryCursor, queryLimit } from '../http/pagination.ts';
import { pathId } from '../http/query.ts';
import type { EmulatorModule } from '../module.ts';
import { LIKES_SCHEMA, type LikeStore, createLikeStore } from './store.ts';

const stores = new WeakMap<EmulatorContext, LikeStore>();
const storeOf = (context: EmulatorContext) => {
  let store = stores.get(context);
  if (!store) stores.set(context, (store = createLikeStore(context.db, context.now)));
  return store;
};

const COLLECTIONS = [
  { path: '/pages', type: 'page' },
  { path: '/blogposts', type: 'blogpost' },
] as const;

export const likesModule: EmulatorModule = {
  name: 'likes',
  schema: LIKES_SCHEMA,
  setup(context) {
    const store = storeOf(context);
    context.includes.register('likes', (target, _user, limit) =>
      store.page(target.id, '', limit + 1).map((like) => ({ accountId: like.account_id })),
    );
  },
  onContentWrite(event, context) {
    if (event.kind === 'purged') storeOf(context).deleteContent(event.content.id);
  },
  seedDemo(context, site) {
    const store = storeOf(context);
    const q3 = site.pages.get('Q3 planning')!.id;
    for (const user of [site.users.bob, site.users.carol, site.users.admin])
      store.add(q3, user.account_id, site.at(2));
    store.add(
      site.blogposts.get('Migrating to Node 24')!.id,
      site.users.alice.account_id,
      site.at(8),
    );
  },
  v2(context) {
    const store = storeOf(context);
    const app = new Hono<EmulatorEnv>();
    for (const collection of COLLECTIONS) {
      app.get(`${collection.path}/:id/likes/count`, (c) => {
        const id = pathId(c, 'id');
        loadContent(context, c.get('user'), id, [collection.type]);
        return c.json({ count: store.count(id) });
      });
      app.get(`${collection.path}/:id/likes/users`, (c) => {
        const id = pathId(c, 'id');
        loadContent(context, c.get('user'), id, [collection.type]);
        const limit = queryLimit(c);
        const after = queryCursor(c, 'account');
        const rows = store.page(id, after ? String(after.value) : '', limit + 1);
        const items = rows.slice(0, limit);
        const next =
          rows.length > limit
            ? { sort: 'account', value: items[items.length - 1]!.account_id, id: 0 }
            : undefined;
        return cursorResponse(
          c,
          items.map((like) => ({ accountId: like.account_id })),
          limit,
          next,
        );
      });
    }
    return app;
  },
};
