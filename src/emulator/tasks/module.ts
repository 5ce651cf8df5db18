import type { EmulatorContext } from '../context.ts';
import type { EmulatorModule } from '../module.ts';
import { parseTasks } from './parse.ts';
import { taskRoutes } from './routes.ts';
import { TASKS_SCHEMA } from './schema.ts';
import { seedTasks } from './seed.ts';
import { type TaskStore, createTaskStore } from './store.ts';

const stores = new WeakMap<EmulatorContext, TaskStore>();

/** The one task store of an emulator. */
export function taskStoreOf(context: EmulatorContext): TaskStore {
  let store = stores.get(context);
  if (!store) {
    store = createTaskStore(context.db);
    stores.set(context, store);
  }
  return store;
}

const CONTAINERS = new Set(['page', 'blogpost']);

/**
 * Tasks: derived from the task lists of page and blog post bodies on every published write
 * (drafts do not count), deleted with their content; GET /tasks, GET/PUT /tasks/{id}.
 */
export const tasksModule: EmulatorModule = {
  name: 'tasks',
  schema: TASKS_SCHEMA,
  v2: (context) => taskRoutes(context, taskStoreOf(context)),
  onContentWrite(event, context) {
    const content = event.content;
    if (!CONTAINERS.has(content.type)) return;
    const store = taskStoreOf(context);
    if (event.kind === 'purged') return store.deleteContent(content.id);
    if (event.kind !== 'created' && event.kind !== 'updated') return;
    if (event.body === undefined || content.status === 'draft') return;
    // The version's own time (fixed in seeds), not the wall clock of the write.
    const source = {
      contentId: content.id,
      spaceId: content.space_id,
      actorId: event.actorId,
      at: content.updated_at,
    };
    store.sync(source, parseTasks(event.body));
  },
  seedDemo: (context, site) => seedTasks(context, site),
};
