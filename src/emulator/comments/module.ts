import type { EmulatorContext } from '../context.ts';
import type { EmulatorModule } from '../module.ts';
import { onCommentContainerWrite } from './hooks.ts';
import { commentRoutes } from './routes.ts';
import { seedComments } from './seed.ts';
import { type CommentStore, createCommentStore } from './store.ts';

const stores = new WeakMap<EmulatorContext, CommentStore>();

/** The one comment store of an emulator. */
export function commentStoreOf(context: EmulatorContext): CommentStore {
  let store = stores.get(context);
  if (!store) {
    store = createCommentStore(context.db);
    stores.set(context, store);
  }
  return store;
}

/**
 * Footer and inline comments (rows of the content table with `containerId`, replies with
 * `parentId`): v2 create, read, update, delete, lists per page, blog post and attachment, replies.
 */
export const commentsModule: EmulatorModule = {
  name: 'comments',
  v2: (context) => commentRoutes(context, commentStoreOf(context)),
  onContentWrite: (event, context) =>
    onCommentContainerWrite(context, commentStoreOf(context), event),
  seedDemo: (context, site) => seedComments(context, site),
};
