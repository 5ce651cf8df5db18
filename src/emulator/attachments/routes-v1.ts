/**
 * v1 attachment routes (uploads are v1-only): POST /content/{id}/child/attachment (new files; a
 * name already attached is a 400), PUT /content/{id}/child/attachment (create or new version),
 * POST /content/{id}/child/attachment/{attachmentId}/data (new version of one attachment), and
 * GET …/{attachmentId}/download: a 302 to the download URL of the latest or asked `version`.
 */
import { Hono, type Context } from 'hono';
import type { EmulatorContext } from '../context.ts';
import { loadContent } from '../content/access.ts';
import type { ContentType } from '../content/schema.ts';
import { transaction } from '../database/open.ts';
import type { EmulatorEnv } from '../http/env.ts';
import { invalidParameter, notFound } from '../http/errors.ts';
import { siteBase } from '../http/links.ts';
import { queryEnum, queryInteger, queryList } from '../http/query.ts';
import { assertCanEdit } from '../restrictions/access.ts';
import { contentIdParam } from './ids.ts';
import { attachmentContentJson, contentArrayJson } from './json-v1.ts';
import { downloadPath } from './links.ts';
import type { AttachmentStore } from './store.ts';
import { type UploadMode, assertXsrfToken, readUpload, writeAttachment } from './upload.ts';

/** What attachments hang on. */
export const ATTACHMENT_CONTAINERS: readonly ContentType[] = ['page', 'blogpost', 'whiteboard'];

type RouteContext = Context<EmulatorEnv>;

export function attachmentRoutesV1(
  context: EmulatorContext,
  store: AttachmentStore,
): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();

  async function upload(c: RouteContext, mode: (id?: number) => UploadMode) {
    assertXsrfToken(c);
    const user = c.get('user');
    queryEnum(c, 'status', ['current', 'draft']);
    const container = loadContent(context, user, contentIdParam(c, 'id'), ATTACHMENT_CONTAINERS);
    const target = c.req.param('attachmentId');
    const attachmentId = target === undefined ? undefined : loadAttachment(c, container.id).id;
    assertCanEdit(context, user, container.id);
    const { files, minorEdit } = await readUpload(c);
    if (attachmentId !== undefined && files.length !== 1)
      throw invalidParameter(
        'file',
        `Updating one attachment takes exactly one file; got ${files.length}`,
      );
    // All files or none: a refused file rolls back the ones before it.
    const rows = transaction(context.db, () =>
      files.map((file) =>
        writeAttachment(context, store, user, container, file, {
          minorEdit,
          mode: mode(attachmentId),
        }),
      ),
    );
    c.set('audit', {
      summary: `Attachment uploaded: ${files.map((file) => file.name).join(', ')}`,
      category: 'Content',
      affectedObject: { name: container.title, objectType: container.type },
    });
    return rows.map((row) => attachmentContentJson(context, c, store.get(row.id)!));
  }

  /** The attachment in the path, which must belong to the container in the path. */
  function loadAttachment(c: RouteContext, containerId: number) {
    const id = contentIdParam(c, 'attachmentId');
    const attachment = loadContent(context, c.get('user'), id, ['attachment']);
    if (attachment.container_id !== containerId)
      throw notFound(
        `Content ${containerId} has no attachment with id ${c.req.param('attachmentId')}`,
      );
    return attachment;
  }

  app.post('/content/:id/child/attachment', async (c) =>
    c.json(contentArrayJson(c, await upload(c, () => 'create'))),
  );
  app.put('/content/:id/child/attachment', async (c) =>
    c.json(contentArrayJson(c, await upload(c, () => 'create-or-update'))),
  );
  app.post('/content/:id/child/attachment/:attachmentId/data', async (c) => {
    const [json] = await upload(c, (attachmentId) => ({ attachmentId: attachmentId! }));
    return c.json(json);
  });

  app.get('/content/:id/child/attachment/:attachmentId/download', (c) => {
    const container = loadContent(
      context,
      c.get('user'),
      contentIdParam(c, 'id'),
      ATTACHMENT_CONTAINERS,
    );
    const attachment = loadAttachment(c, container.id);
    const statuses = queryList(c, 'status');
    if (!(statuses.length > 0 ? statuses : ['current']).includes(attachment.status))
      throw notFound(`The attachment ${attachment.id} is ${attachment.status}`);
    const version = queryInteger(c, 'version') ?? attachment.version;
    if (version < 1 || version > attachment.version)
      throw invalidParameter(
        'version',
        `version must be between 1 and the latest version ${attachment.version}; got ${version}`,
      );
    const shown = context.content.version(attachment.id, version)!;
    const path = downloadPath({ ...attachment, version, version_created_at: shown.created_at });
    return c.redirect(`${siteBase(c)}${path}`, 302);
  });
  return app;
}
