import type { EmulatorContext } from '../context.ts';
import { parseSort } from '../content/sort.ts';
import type { EmulatorModule } from '../module.ts';
import { labelJson } from './json.ts';
import { labelledContentRoutes } from './labelled-routes.ts';
import { labelRoutesV1 } from './routes-v1.ts';
import { labelRoutesV2 } from './routes-v2.ts';
import { LABELS_SCHEMA } from './schema.ts';
import { seedLabels } from './seed.ts';
import { type LabelStore, createLabelStore } from './store.ts';

const stores = new WeakMap<EmulatorContext, LabelStore>();

/** The one label store of an emulator. */
export function labelStoreOf(context: EmulatorContext): LabelStore {
  let store = stores.get(context);
  if (!store) {
    store = createLabelStore(context.db, context.now);
    stores.set(context, store);
  }
  return store;
}

/**
 * Labels on content, spaces and attachments: v1 writes (POST/DELETE /content/{id}/label, space
 * labels), v2 reads (GET /labels, /pages|blogposts|attachments/{id}/labels, /spaces/{id}/labels,
 * /spaces/{id}/content/labels, /labels/{id}/pages|blogposts) and the `include-labels` provider.
 */
export const labelsModule: EmulatorModule = {
  name: 'labels',
  schema: LABELS_SCHEMA,
  setup(context) {
    const store = labelStoreOf(context);
    context.includes.register('labels', (target, user, limit) => {
      const source =
        target.type === 'space'
          ? ({ kind: 'space', spaceId: target.id } as const)
          : ({ kind: 'content', contentId: target.id } as const);
      const order = parseSort('id', {}, 'l.id').order;
      return store
        .page({ source, accountId: user.account_id, prefixes: [], order, after: undefined, limit })
        .map(labelJson);
    });
  },
  v1: (context) => labelRoutesV1(context, labelStoreOf(context)),
  v2(context) {
    const app = labelRoutesV2(context, labelStoreOf(context));
    app.route('/', labelledContentRoutes(context, labelStoreOf(context)));
    return app;
  },
  onContentWrite(event, context) {
    if (event.kind === 'purged') labelStoreOf(context).detachAll(event.content.id);
  },
  seedDemo: (context, site) => seedLabels(context, site, labelStoreOf(context)),
};
