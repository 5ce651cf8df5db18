/**
 * Spaces: v2 GET /spaces (cursor; ids, keys, type, status, labels, favourites, sort,
 * description-format, include-icon), GET /spaces/{id} (include-*), POST /spaces (201, private
 * with createPrivateSpace); v1 POST /space/_private and DELETE /space/{spaceKey} (202 long task).
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { EmulatorContext } from '../context.ts';
import { loadSpace } from '../content/access.ts';
import { readBody } from '../http/body.ts';
import type { EmulatorEnv } from '../http/env.ts';
import { invalidParameter } from '../http/errors.ts';
import { cursorResponse, keysetPage, queryCursor, queryLimit } from '../http/pagination.ts';
import {
  pathId,
  queryBoolean,
  queryEnum,
  queryIntegerList,
  queryList,
  queryString,
} from '../http/query.ts';
import { parseSort } from '../content/sort.ts';
import { createSpaceWithHomepage } from './create.ts';
import { createSpaceSchema, spaceKeyOf } from './input.ts';
import { spaceJson } from './json.ts';
import { SPACE_SORT_COLUMNS } from './store.ts';

const SPACE_TYPES = [
  'global',
  'collaboration',
  'knowledge_base',
  'personal',
  'system',
  'onboarding',
  'xflow_sample_space',
] as const;
const SPACE_SORTS = ['id', '-id', 'key', '-key', 'name', '-name'] as const;
const DESCRIPTION_FORMATS = ['plain', 'view'] as const;
const SPACE_INCLUDES = [
  'labels',
  'properties',
  'operations',
  'permissions',
  'role-assignments',
] as const;
/** `ids` and `keys` accept at most 250 values (openapi-v2 getSpaces). */
const MAX_SPACE_FILTER_VALUES = 250;

export function spaceRoutesV2(context: EmulatorContext): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();
  app.get('/spaces', (c) => listSpaces(context, c));
  app.get('/spaces/:id', (c) => {
    const space = loadSpace(context, c.get('user'), pathId(c, 'id'));
    const json = spaceJson(c, space, {
      descriptionFormat: queryEnum(c, 'description-format', DESCRIPTION_FORMATS),
      includeIcon: queryBoolean(c, 'include-icon'),
      single: true,
    });
    for (const name of SPACE_INCLUDES) {
      if (!queryBoolean(c, `include-${name}`)) continue;
      const included = context.includes.resolve(
        c,
        name === 'role-assignments' ? 'roleAssignments' : name,
        { type: 'space', id: space.id, collection: 'spaces' },
      );
      if (included) json[name === 'role-assignments' ? 'roleAssignments' : name] = included;
    }
    return c.json(json);
  });
  app.post('/spaces', async (c) => {
    const input = await readBody(c, createSpaceSchema);
    const key = spaceKeyOf(input);
    if (!key)
      throw invalidParameter('body.key', 'A space key (or an alias to derive it from) is required');
    if (context.spaces.byKey(key))
      throw invalidParameter('body.key', `A space with key ${key} already exists`);
    const space = createSpaceWithHomepage(context, {
      key,
      name: input.name,
      description: input.description?.value ?? '',
      authorId: c.get('user').account_id,
      isPrivate: input.createPrivateSpace,
    });
    c.set('audit', {
      summary: 'Space created',
      category: 'Spaces',
      affectedObject: { name: space.name, objectType: 'Space' },
    });
    return c.json(spaceJson(c, space, { descriptionFormat: 'plain', single: true }), 201);
  });
  return app;
}

function listSpaces(context: EmulatorContext, c: Context<EmulatorEnv>) {
  const sort = parseSort(queryEnum(c, 'sort', SPACE_SORTS) ?? 'id', SPACE_SORT_COLUMNS, 'id');
  const limit = queryLimit(c);
  const keys = queryList(c, 'keys');
  if (keys.length > MAX_SPACE_FILTER_VALUES)
    throw invalidParameter('keys', `'keys' accepts at most ${MAX_SPACE_FILTER_VALUES} values`);
  const descriptionFormat = queryEnum(c, 'description-format', DESCRIPTION_FORMATS);
  const includeIcon = queryBoolean(c, 'include-icon');
  const labels = queryList(c, 'labels');
  // The emulator has no favourites: `favorited-by` matches nothing, `not-favorited-by` everything.
  const favoritedBy = queryString(c, 'favorited-by');
  queryString(c, 'not-favorited-by');
  const rows =
    favoritedBy !== undefined
      ? []
      : context.spaces.list({
          ids: queryIntegerList(c, 'ids', MAX_SPACE_FILTER_VALUES),
          keys,
          type: queryEnum(c, 'type', SPACE_TYPES),
          status: queryEnum(c, 'status', ['current', 'archived']),
          visibleTo: c.get('user').account_id,
          order: sort.order,
          after: queryCursor(c, sort.name),
          limit,
        });
  const filtered =
    labels.length === 0 ? rows : rows.filter((space) => hasLabel(context, c, space.id, labels));
  const page = keysetPage(filtered, limit, sort.name, (space) => ({
    value: sort.order.column === 'id' ? space.id : space[sort.order.column as 'key' | 'name'],
    id: space.id,
  }));
  return cursorResponse(
    c,
    page.items.map((space) => spaceJson(c, space, { descriptionFormat, includeIcon })),
    limit,
    page.next,
  );
}

/** `labels=` filters through the labels module's `labels` include provider, when registered. */
function hasLabel(
  context: EmulatorContext,
  c: Context<EmulatorEnv>,
  spaceId: number,
  names: string[],
): boolean {
  const included = context.includes.resolve(c, 'labels', {
    type: 'space',
    id: spaceId,
    collection: 'spaces',
  });
  return (included?.results ?? []).some((label) =>
    names.includes((label as { name?: string }).name ?? ''),
  );
}
