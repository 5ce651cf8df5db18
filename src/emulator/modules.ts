/**
 * THE REGISTRATION LIST. Every resource module of the emulator is listed here, once; order is the
 * order of schemas, route mounting and demo seeding. To add a resource: create
 * `src/emulator/<resource>/module.ts` exporting an {@link EmulatorModule} and add one line below.
 */
import type { EmulatorModule } from './module.ts';
import { auditModule } from './audit/module.ts';
import { blogpostsModule } from './blogposts/module.ts';
import { likesModule } from './likes/module.ts';
import { operationsModule } from './operations/module.ts';
import { propertiesModule } from './properties/module.ts';
import { whiteboardsModule } from './whiteboards/module.ts';
import { pagesModule } from './pages/module.ts';
import { spacesModule } from './spaces/module.ts';
import { usersModule } from './users/module.ts';
import { restrictionsModule } from './restrictions/module.ts';
import { attachmentsModule } from './attachments/module.ts';
import { labelsModule } from './labels/module.ts';
import { commentsModule } from './comments/module.ts';
import { tasksModule } from './tasks/module.ts';
import { searchModule } from './search/module.ts';

export const EMULATOR_MODULES: readonly EmulatorModule[] = [
  usersModule,
  spacesModule,
  pagesModule,
  blogpostsModule,
  whiteboardsModule,
  propertiesModule,
  likesModule,
  operationsModule,
  auditModule,
  // ── CQL and search (src/emulator/cql, src/emulator/search) ──
  searchModule,
  // ── labels, comments, attachments, tasks, restrictions ──
  attachmentsModule,
  labelsModule,
  commentsModule,
  tasksModule,
  restrictionsModule,
];
