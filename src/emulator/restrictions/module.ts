import type { EmulatorContext } from '../context.ts';
import { registerContentVisibility } from '../content/visibility.ts';
import type { EmulatorModule } from '../module.ts';
import { guardContentWrite } from './guard.ts';
import { restrictionRoutesV1 } from './routes.ts';
import { RESTRICTIONS_SCHEMA } from './schema.ts';
import { seedRestrictions } from './seed.ts';
import {
  type RestrictionStore,
  createRestrictionStore,
  restrictionVisibilityRule,
} from './store.ts';

const stores = new WeakMap<EmulatorContext, RestrictionStore>();

/** The one restriction store of an emulator. */
export function restrictionStoreOf(context: EmulatorContext): RestrictionStore {
  let store = stores.get(context);
  if (!store) {
    store = createRestrictionStore(context.db, context.now);
    stores.set(context, store);
  }
  return store;
}

/**
 * Content restrictions: v1 /content/{id}/restriction routes, the visibility rule every listing
 * and search applies (content/visibility.ts), and the write guard of update restrictions.
 */
export const restrictionsModule: EmulatorModule = {
  name: 'restrictions',
  schema: RESTRICTIONS_SCHEMA,
  setup: (context) =>
    registerContentVisibility(context.db, restrictionVisibilityRule(restrictionStoreOf(context))),
  v1: (context) => restrictionRoutesV1(context, restrictionStoreOf(context)),
  onContentWrite: (event, context) => guardContentWrite(restrictionStoreOf(context), event),
  seedDemo: (context, site) => seedRestrictions(context, site, restrictionStoreOf(context)),
};
