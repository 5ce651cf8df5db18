/**
 * Shared by the v1 label routes: reading the labels to add (a `LabelCreate` or an array of them)
 * and answering an offset-paged v1 `LabelArray` (`start`, `limit` default 200, `prefix`).
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { parseSort } from '../content/sort.ts';
import { readBody } from '../http/body.ts';
import type { EmulatorEnv } from '../http/env.ts';
import { badRequest } from '../http/errors.ts';
import { queryEnum, queryInteger } from '../http/query.ts';
import { labelArrayJson } from './json.ts';
import { MAX_LABELS_PER_REQUEST, checkLabelName, checkWritablePrefix } from './names.ts';
import { LABEL_PREFIXES, type LabelPrefix, type LabelRow } from './schema.ts';
import type { LabelSource, LabelStore } from './store.ts';

/** v1 label lists: `limit` default 200 (swagger.v3.json getLabelsForSpace). */
const DEFAULT_V1_LABEL_LIMIT = 200;
/** Labels read at once for a v1 offset list (an item carries at most 500). */
const MAX_LABELS_READ = 10_000;

const labelCreate = z.looseObject({ prefix: z.string().optional(), name: z.string() });
const labelCreateBody = z.union([z.array(labelCreate), labelCreate]);

type RouteContext = Context<EmulatorEnv>;

/** Every label of a source the caller may see, in id order. */
export function allLabels(
  c: RouteContext,
  store: LabelStore,
  source: LabelSource,
  prefixes: string[] = [],
): LabelRow[] {
  return store.page({
    source,
    accountId: c.get('user').account_id,
    prefixes,
    order: parseSort('id', {}, 'l.id').order,
    after: undefined,
    limit: MAX_LABELS_READ,
  });
}

/** A v1 offset `LabelArray` of a source; `self` is relative to `_links.base`. */
export function offsetLabelList(
  c: RouteContext,
  store: LabelStore,
  source: LabelSource,
  self: string,
): Response {
  const prefix = queryEnum(c, 'prefix', LABEL_PREFIXES);
  const start = queryInteger(c, 'start', { min: 0 }) ?? 0;
  const limit = queryInteger(c, 'limit', { min: 0 }) ?? DEFAULT_V1_LABEL_LIMIT;
  const labels = allLabels(c, store, source, prefix ? [prefix] : []);
  const slice = labels.slice(start, start + limit);
  const query = new URLSearchParams({
    ...(prefix ? { prefix } : {}),
    start: String(start + limit),
    limit: String(limit),
  });
  const next = start + limit < labels.length ? `${self}?${query}` : undefined;
  return c.json(labelArrayJson(c, slice, { start, limit, self, ...(next ? { next } : {}) }));
}

/** The labels to add, validated; 400 naming `body[i].name` / `body[i].prefix`. */
export async function readLabelsToAdd(
  c: RouteContext,
): Promise<Array<{ prefix: LabelPrefix; name: string }>> {
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
