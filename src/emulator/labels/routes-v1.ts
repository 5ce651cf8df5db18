/**
 * v1 label writes on content (v2 has none): POST /content/{id}/label (a `LabelCreate` or an array
 * of them; answers every label of the content), DELETE /content/{id}/label/{label} and
 * DELETE /content/{id}/label?name= (a `prefix:name` form is accepted; removing a label the
 * content does not carry is a no-op), and GET /content/{id}/label (removed from the current
 * document but still used by older clients). Space labels: `space-routes.ts`.
 */
import { Hono, type Context } from 'hono';
import type { EmulatorContext } from '../context.ts';
import { contentIdParam } from '../attachments/ids.ts';
import { loadContent } from '../content/access.ts';
import type { ContentType } from '../content/schema.ts';
import { transaction } from '../database/open.ts';
import type { EmulatorEnv } from '../http/env.ts';
import { badRequest, invalidParameter } from '../http/errors.ts';
import { queryString } from '../http/query.ts';
import { assertCanEdit } from '../restrictions/access.ts';
import { labelArrayJson } from './json.ts';
import { MAX_LABELS_PER_CONTENT, splitPrefixedName } from './names.ts';
import { spaceLabelRoutes } from './space-routes.ts';
import type { LabelStore } from './store.ts';
import { allLabels, offsetLabelList, readLabelsToAdd } from './v1-lists.ts';

/** What can carry labels. */
export const LABELLED_TYPES: readonly ContentType[] = [
  'page',
  'blogpost',
  'attachment',
  'whiteboard',
  'folder',
  'database',
  'embed',
];

type RouteContext = Context<EmulatorEnv>;

export function labelRoutesV1(context: EmulatorContext, store: LabelStore): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();
  const loadLabelled = (c: RouteContext) =>
    loadContent(context, c.get('user'), contentIdParam(c, 'id'), LABELLED_TYPES);
  const self = (id: number) => `/rest/api/content/${id}/label`;

  app.post('/content/:id/label', async (c) => {
    const user = c.get('user');
    const content = loadLabelled(c);
    const labels = await readLabelsToAdd(c);
    assertCanEdit(context, user, content.id);
    transaction(context.db, () => {
      for (const wanted of labels)
        store.attach(content.id, store.ensure(wanted.prefix, wanted.name, user.account_id).id);
      const count = store.countOnContent(content.id);
      if (count > MAX_LABELS_PER_CONTENT)
        throw badRequest(
          `Content ${content.id} would carry ${count} labels; at most ${MAX_LABELS_PER_CONTENT} are allowed`,
          'body',
        );
    });
    c.set('audit', {
      summary: `Labels added: ${labels.map((label) => label.name).join(', ')}`,
      category: 'Content',
      affectedObject: { name: content.title, objectType: content.type },
    });
    const all = allLabels(c, store, { kind: 'content', contentId: content.id });
    return c.json(labelArrayJson(c, all, { start: 0, limit: all.length, self: self(content.id) }));
  });

  app.get('/content/:id/label', (c) => {
    const content = loadLabelled(c);
    return offsetLabelList(c, store, { kind: 'content', contentId: content.id }, self(content.id));
  });

  function removeLabel(c: RouteContext, raw: string) {
    const user = c.get('user');
    const content = loadLabelled(c);
    const { prefix, name } = splitPrefixedName(raw, 'name');
    assertCanEdit(context, user, content.id);
    if (content.status === 'archived')
      throw badRequest(`Labels can't be removed from archived content (${content.id})`);
    for (const candidate of prefix ? [prefix] : (['global', 'team', 'my'] as const)) {
      const label = store.find(candidate, name, user.account_id);
      if (label) store.detach(content.id, label.id);
    }
    c.set('audit', {
      summary: `Label removed: ${name}`,
      category: 'Content',
      affectedObject: { name: content.title, objectType: content.type },
    });
    return c.body(null, 204);
  }

  app.delete('/content/:id/label', (c) => {
    const name = queryString(c, 'name');
    if (name === undefined)
      throw invalidParameter('name', "The query parameter 'name' is required");
    return removeLabel(c, name);
  });
  app.delete('/content/:id/label/:label', (c) => removeLabel(c, c.req.param('label')));
  app.route('/', spaceLabelRoutes(context, store));
  return app;
}
