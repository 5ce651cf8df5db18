/**
 * Property routes for one owner collection: list (cursor, `key`, `sort`), create, get, update
 * (version + 1, else 409), delete. Pages, blog posts and whiteboards answer 200 on create;
 * spaces answer 201 with a `location` header (openapi-v2 createSpaceProperty).
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import { z } from 'zod';
import { readBody } from '../http/body.ts';
import type { EmulatorEnv } from '../http/env.ts';
import { conflict, notFound } from '../http/errors.ts';
import { sitePath } from '../http/links.ts';
import { cursorResponse, keysetPage, queryCursor, queryLimit } from '../http/pagination.ts';
import { pathId, queryEnum, queryString } from '../http/query.ts';
import { parseSort } from '../content/sort.ts';
import type { PropertyOwnerType, PropertyRow, PropertyStore } from './store.ts';

/** Confluence limits property keys to 255 characters. */
const MAX_KEY_LENGTH = 255;

const createSchema = z.object({ key: z.string().min(1).max(MAX_KEY_LENGTH), value: z.json() });
const updateSchema = z.object({
  key: z.string().min(1).max(MAX_KEY_LENGTH),
  value: z.json(),
  version: z.object({
    number: z.int().positive(),
    message: z.string().optional(),
    minorEdit: z.boolean().optional(),
  }),
});

export interface PropertyOwner {
  ownerType: PropertyOwnerType;
  /** `/pages`, `/blogposts`, `/whiteboards`, `/spaces`. */
  collection: string;
  /** Owner id parameter in the list/create path and in the item path (they differ for whiteboards). */
  listParameter: string;
  itemParameter: string;
  /** 404 unless the caller may see the owner. */
  load(c: Context<EmulatorEnv>, id: number): { title: string };
  /** 403 unless the caller may edit the owner (an update restriction covers its properties). */
  assertCanEdit?(c: Context<EmulatorEnv>, id: number): void;
  present(row: PropertyRow): unknown;
  createdStatus: 200 | 201;
  label: string;
}

export function propertyRoutes(store: PropertyStore, owner: PropertyOwner): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();
  const list = `${owner.collection}/:${owner.listParameter}/properties`;
  const item = `${owner.collection}/:${owner.itemParameter}/properties/:property-id`;
  const load = (c: Context<EmulatorEnv>, parameter: string) => {
    const ownerId = pathId(c, parameter);
    return { ownerId, title: owner.load(c, ownerId).title };
  };
  const property = (c: Context<EmulatorEnv>) => {
    const { ownerId, title } = load(c, owner.itemParameter);
    const id = pathId(c, 'property-id');
    const row = store.get(owner.ownerType, ownerId, id);
    if (!row) throw notFound(`No property with id ${id} on ${owner.label} ${ownerId}`);
    return { row, title };
  };
  app.get(list, (c) => {
    const { ownerId } = load(c, owner.listParameter);
    const sort = parseSort(queryEnum(c, 'sort', ['key', '-key']) ?? 'key', { key: 'key' }, 'id');
    const limit = queryLimit(c);
    const rows = store.list({
      ownerType: owner.ownerType,
      ownerId,
      key: queryString(c, 'key'),
      order: sort.order,
      after: queryCursor(c, sort.name),
      limit,
    });
    const page = keysetPage(rows, limit, sort.name, (row) => ({ value: row.key, id: row.id }));
    return cursorResponse(c, page.items.map(owner.present), limit, page.next);
  });
  app.post(list, async (c) => {
    const { ownerId, title } = load(c, owner.listParameter);
    owner.assertCanEdit?.(c, ownerId);
    const input = await readBody(c, createSchema);
    if (store.byKey(owner.ownerType, ownerId, input.key))
      throw conflict(
        `A property with key '${input.key}' already exists on ${owner.label} ${ownerId}`,
      );
    const row = store.create(
      owner.ownerType,
      ownerId,
      input.key,
      input.value,
      c.get('user').account_id,
    );
    c.set('audit', {
      summary: `${owner.label} property created`,
      category: 'Content',
      affectedObject: { name: title, objectType: owner.label },
    });
    if (owner.createdStatus === 201)
      c.header(
        'location',
        sitePath(c, `/wiki/api/v2${owner.collection}/${ownerId}/properties/${row.id}`),
      );
    return c.json(owner.present(row), owner.createdStatus);
  });
  app.get(item, (c) => c.json(owner.present(property(c).row)));
  app.put(item, async (c) => {
    const { row, title } = property(c);
    owner.assertCanEdit?.(c, row.owner_id);
    const input = await readBody(c, updateSchema);
    if (input.version.number !== row.version + 1)
      throw conflict(
        `Version must be incremented when updating a property. Current Version: [${row.version}]. Provided version: [${input.version.number}]`,
      );
    const other = store.byKey(owner.ownerType, row.owner_id, input.key);
    if (other && other.id !== row.id)
      throw conflict(
        `A property with key '${input.key}' already exists on ${owner.label} ${row.owner_id}`,
      );
    const updated = store.update(row.id, {
      key: input.key,
      value: input.value,
      version: input.version.number,
      message: input.version.message ?? '',
      minorEdit: input.version.minorEdit ?? false,
      accountId: c.get('user').account_id,
    });
    c.set('audit', {
      summary: `${owner.label} property updated`,
      category: 'Content',
      affectedObject: { name: title, objectType: owner.label },
    });
    if (owner.createdStatus === 201)
      c.header(
        'location',
        sitePath(c, `/wiki/api/v2${owner.collection}/${row.owner_id}/properties/${row.id}`),
      );
    return c.json(owner.present(updated));
  });
  app.delete(item, (c) => {
    const { row, title } = property(c);
    owner.assertCanEdit?.(c, row.owner_id);
    store.delete(row.id);
    c.set('audit', {
      summary: `${owner.label} property deleted`,
      category: 'Content',
      affectedObject: { name: title, objectType: owner.label },
    });
    return c.body(null, 204);
  });
  return app;
}
