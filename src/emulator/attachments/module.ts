import type { EmulatorContext } from '../context.ts';
import type { EmulatorModule } from '../module.ts';
import { downloadRoutes } from './download-route.ts';
import { attachmentRoutesV1 } from './routes-v1.ts';
import { attachmentRoutesV2 } from './routes-v2.ts';
import { ATTACHMENTS_SCHEMA } from './schema.ts';
import { seedAttachments } from './seed.ts';
import { type AttachmentStore, createAttachmentStore } from './store.ts';

const stores = new WeakMap<EmulatorContext, AttachmentStore>();

/** The one attachment store of an emulator. */
export function attachmentStoreOf(context: EmulatorContext): AttachmentStore {
  let store = stores.get(context);
  if (!store) {
    store = createAttachmentStore(context.db);
    stores.set(context, store);
  }
  return store;
}

const CONTAINERS = new Set(['page', 'blogpost', 'whiteboard']);

/**
 * Attachments: v1 multipart uploads (new file, new version, new data) and the download redirect,
 * the download URL itself (site route), v2 reads and delete. Bytes are stored in SQLite.
 */
export const attachmentsModule: EmulatorModule = {
  name: 'attachments',
  schema: ATTACHMENTS_SCHEMA,
  v1: (context) => attachmentRoutesV1(context, attachmentStoreOf(context)),
  v2: (context) => attachmentRoutesV2(context, attachmentStoreOf(context)),
  site: (context) => downloadRoutes(context, attachmentStoreOf(context)),
  onContentWrite(event, context) {
    if (event.kind !== 'purged') return;
    const store = attachmentStoreOf(context);
    if (event.content.type === 'attachment') store.deleteFiles(event.content.id);
    if (!CONTAINERS.has(event.content.type)) return;
    // Purging a page or blog post purges its attachments (each purge emits its own event).
    for (const id of store.idsInContainer(event.content.id))
      if (context.content.get(id)) context.content.purge(id, event.actorId);
  },
  seedDemo: (context, site) => seedAttachments(context, site, attachmentStoreOf(context)),
};
