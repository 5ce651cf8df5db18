/**
 * v1 label writes (v2 has none): POST /content/{id}/label (a `LabelCreate` or an array of them),
 * DELETE /content/{id}/label/{label} and DELETE /content/{id}/label?name=, GET /content/{id}/label
 * (removed from the current document but still used by older clients), and GET/POST/DELETE
 * /space/{spaceKey}/label (swagger.v3.json "Content labels", "Space").
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { EmulatorContext } from '../context.ts';
import { contentIdParam } from '../attachments/ids.ts';
import { loadContent } from '../content/access.ts';
import type { ContentType } from '../content/schema.ts';
import { parseSort } from '../content/sort.ts';
import { transaction } from '../database/open.ts';
import { readBody } from '../http/body.ts';
import type { EmulatorEnv } from '../http/env.ts';
import { badRequest, invalidParameter, notFound } from '../http/errors.ts';
import { queryEnum, queryInteger, queryString } from '../http/query.ts';
import { canSeeSpace, type SpaceRow } from '../spaces/store.ts';
import { assertCanEdit } from '../restrictions/access.ts';
import { labelArrayJson } from './json.ts';
import {
  MAX_LABELS_PER_CONTENT,
  MAX_LABELS_PER_REQUEST,
  checkLabelName,
  checkWritablePrefix,
  splitPrefixedName,
} from './names.ts';
import { LABEL_PREFIXES, type LabelRow } from './schema.ts';
import type { LabelSource, LabelStore } from './store.ts';

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
/** v1 label lists: `limit` default 200 (swagger.v3.json getLabelsForSpace). */
const DEFAULT_V1_LABEL_LIMIT = 200;
/** Labels read at once for a v1 offset list (an item carries at most 500). */
const MAX_LABELS_READ = 10_000;

const labelCreate = z.looseObject({ prefix: z.string().optional(), name: z.string() });
const labelCreateBody = z.union([z.array(labelCreate), labelCreate]);

type RouteContext = Context<EmulatorEnv>;

export function labelRoutesV1(context: EmulatorContext, store: LabelStore): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();
  const loadLabelled = (c: RouteContext) =>
    loadContent(context, c.get('user'), contentIdParam(c, 'id'), LABELLED_TYPES);

  function allLabels(c: RouteContext, source: LabelSource, prefixes: string[] = []): LabelRow[] {
    const sort = parseSort('id', {}, 'l.id');
    return store.page({
      source,
      accountId: c.get('user').account_id,
      prefixes,
      order: sort.order,
      after: undefined,
      limit: MAX_LABELS_READ,
    });
  }

  /** A v1 offset `LabelArray` of a source. */
  function offsetList(c: RouteContext, source: LabelSource, self: string) {
    const prefix = queryEnum(c, 'prefix', LABEL_PREFIXES);
    const start = queryInteger(c, 'start', { min: 0 }) ?? 0;
    const limit = queryInteger(c, 'limit', { min: 0 }) ?? DEFAULT_V1_LABEL_LIMIT;
    const labels = allLabels(c, source, prefix ? [prefix] : []);
    const slice = labels.slice(start, start + limit);
    const next =
      start + limit < labels.length
        ? `${self}?${new URLSearchParams({ ...(prefix ? { prefix } : {}), start: String(start + limit), limit: String(limit) })}`
        : undefined;
    return c.json(labelArrayJson(c, slice, { start, limit, self, ...(next ? { next } : {}) }));
  }

  /** The labels to add, validated; 400 naming `body[i].name` / `body[i].prefix`. */
  async function readLabels(c: RouteContext) {
    const body = await readBody(c, labelCreateBody);
    const items = Array.isArray(body) ? body : [body];
    if (items.length === 0) throw badRequest('The body holds no labels to add', 'body');
    if (items.length > MAX_LABELS_PER_REQUEST)
      throw badRequest(
        `Too many labels in one request: at most ${MAX_LABELS_PER_REQUEST}; got ${items.length}`,
        'body',
      );
    const field = (index: number) => (Array.isArray(body) ? `body[${index}]` : 'body');
    return items.map((item, index) => ({
      prefix: checkWritablePrefix(item.prefix, `${field(index)}.prefix`),
      name: checkLabelName(item.name, `${field(index)}.name`),
    }));
  }

  app.post('/content/:id/label', async (c) => {
    const user = c.get('user');
    const content = loadLabelled(c);
    const labels = await readLabels(c);
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
    const all = allLabels(c, { kind: 'content', contentId: content.id });
    return c.json(
      labelArrayJson(c, all, {
        start: 0,
        limit: all.length,
        self: `/rest/api/content/${content.id}/label`,
      }),
    );
  });

  app.get('/content/:id/label', (c) => {
    const content = loadLabelled(c);
    return offsetList(
      c,
      { kind: 'content', contentId: content.id },
      `/rest/api/content/${content.id}/label`,
    );
  });

  function removeLabel(c: RouteContext, raw: string) {
    const user = c.get('user');
    const content = loadLabelled(c);
    const { prefix, name } = splitPrefixedName(raw, 'name');
    assertCanEdit(context, user, content.id);
    if (content.status === 'archived')
      throw badRequest(`Labels can't be removed from archived content (${content.id})`);
    const candidates = prefix ? [prefix] : (['global', 'team', 'my'] as const);
    for (const candidate of candidates) {
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
  app.delete('/content/:id/label/:label', (c) =>
    removeLabel(c, decodeURIComponent(c.req.param('label'))),
  );

  spaceLabelRoutes(app, context, store, offsetList, readLabels);
  return app;
}

/** GET/POST/DELETE /space/{spaceKey}/label: labels on the space itself. */
function spaceLabelRoutes(
  app: Hono<EmulatorEnv>,
  context: EmulatorContext,
  store: LabelStore,
  offsetList: (c: RouteContext, source: LabelSource, self: string) => Response,
  readLabels: (c: RouteContext) => Promise<Array<{ prefix: LabelRow['prefix']; name: string }>>,
) {
  function loadSpaceByKey(c: RouteContext): SpaceRow {
    const key = c.req.param('spaceKey') ?? '';
    const space = context.spaces.byKey(key);
    if (!space || !canSeeSpace(space, c.get('user').account_id))
      throw notFound(`No space found with key ${key}`);
    return space;
  }
  const self = (space: SpaceRow) => `/rest/api/space/${space.key}/label`;

  app.get('/space/:spaceKey/label', (c) => {
    const space = loadSpaceByKey(c);
    return offsetList(c, { kind: 'space', spaceId: space.id }, self(space));
  });
  app.post('/space/:spaceKey/label', async (c) => {
    const space = loadSpaceByKey(c);
    const labels = await readLabels(c);
    for (const wanted of labels)
      store.attachToSpace(
        space.id,
        store.ensure(wanted.prefix, wanted.name, c.get('user').account_id).id,
      );
    c.set('audit', {
      summary: 'Space labels added',
      category: 'Spaces',
      affectedObject: { name: space.name, objectType: 'Space' },
    });
    return offsetList(c, { kind: 'space', spaceId: space.id }, self(space));
  });
  app.delete('/space/:spaceKey/label', (c) => {
    const space = loadSpaceByKey(c);
    const raw = queryString(c, 'name');
    if (raw === undefined) throw invalidParameter('name', "The query parameter 'name' is required");
    const name = checkLabelName(raw, 'name');
    const prefix = checkWritablePrefix(queryString(c, 'prefix'), 'prefix');
    const label = store.find(prefix, name, c.get('user').account_id);
    if (label) store.detachFromSpace(space.id, label.id);
    c.set('audit', {
      summary: `Space label removed: ${name}`,
      category: 'Spaces',
      affectedObject: { name: space.name, objectType: 'Space' },
    });
    return c.body(null, 204);
  });
}
