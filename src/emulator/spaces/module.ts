import type { EmulatorModule } from '../module.ts';
import { LONG_TASKS_SCHEMA, createLongTaskStore } from '../longtasks/store.ts';
import { spaceRoutesV2 } from './routes.ts';
import { spaceRoutesV1 } from './routes-v1.ts';

/** Spaces: v2 list/get/create; v1 private space, delete (202 long task), long task status. */
export const spacesModule: EmulatorModule = {
  name: 'spaces',
  schema: LONG_TASKS_SCHEMA,
  v2: spaceRoutesV2,
  v1: (context) => spaceRoutesV1(context, createLongTaskStore(context.db, context.now)),
};
