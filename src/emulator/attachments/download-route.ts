/**
 * The download URL the v1 download redirect and `downloadLink` point at:
 * GET /wiki/download/attachments/{containerId}/{filename}?version=N. It answers the stored bytes
 * with the attachment's media type, length and file name. Authenticated like the APIs; a
 * restricted attachment is a 404.
 */
import { Hono } from 'hono';
import type { EmulatorContext } from '../context.ts';
import { loadContent } from '../content/access.ts';
import type { EmulatorEnv } from '../http/env.ts';
import { invalidParameter, notFound } from '../http/errors.ts';
import { pathId, queryInteger } from '../http/query.ts';
import type { AttachmentStore } from './store.ts';

export function downloadRoutes(
  context: EmulatorContext,
  store: AttachmentStore,
): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();
  app.get('/download/attachments/:containerId/:filename', (c) => {
    const user = c.get('user');
    const containerId = pathId(c, 'containerId');
    const filename = c.req.param('filename');
    const found = store.byTitle(containerId, filename);
    if (!found) throw notFound(`No attachment named ${filename} on content ${containerId}`);
    const attachment = loadContent(context, user, found.id, ['attachment']);
    const version = queryInteger(c, 'version', { min: 1 }) ?? attachment.version;
    const file = store.file(attachment.id, version);
    if (!file)
      throw invalidParameter('version', `The attachment ${filename} has no version ${version}`);
    const bytes = Buffer.from(file.bytes);
    return c.body(bytes, 200, {
      'content-type': file.media_type,
      'content-length': String(bytes.byteLength),
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`,
      'cache-control': 'private, max-age=0',
    });
  });
  return app;
}
