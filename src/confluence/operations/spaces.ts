/**
 * Spaces, addressed by key or id, whichever the script has: v2 wants ids, v1 keys, and the SDK
 * translates (support/space-refs.ts). Creating a private space and deleting one are v1-only.
 */
import { z } from 'zod';
import { defineOperation } from '../operation.ts';
import type { Page } from './models/content.ts';
import type { Space, SpaceDeletion, SpaceType } from './models/space.ts';
import { convertBody, wireBodyFormat } from './support/bodies.ts';
import { compact, pathOf, queryFrom } from './support/http.ts';
import { cursorPage } from './support/paging.ts';
import { PLANNED_AT, plannedId } from './support/plan.ts';
import {
  CONTENT_SORTS,
  cursor,
  limit,
  listBodyFormat,
  numericId,
  oneOrMany,
  spaceRef,
} from './support/schemas.ts';
import { resolveSpaceId, resolveSpaceKey, spaceOf } from './support/space-refs.ts';

const SPACE_TYPES = [
  'global',
  'collaboration',
  'knowledge_base',
  'personal',
  'system',
  'onboarding',
  'xflow_sample_space',
] as const;

const SPACE_KEY = /^[A-Za-z0-9]+$/;

export const getSpace = defineOperation({
  name: 'spaces.get',
  summary: 'Get a space by key (e.g. "ENG") or id.',
  composioName: 'CONFLUENCE_GET_SPACE_BY_ID',
  operationId: 'getSpaceById',
  endpoint: 'GET /wiki/api/v2/spaces/{id}',
  kind: 'read',
  input: z.strictObject({
    id: spaceRef().describe('The space key (e.g. "ENG") or numeric id.'),
    descriptionFormat: z
      .enum(['plain', 'view'])
      .optional()
      .describe('Return the description in this format (none without it).'),
    includeIcon: z.boolean().optional().describe('Include the icon.'),
    includeOperations: z.boolean().optional().describe('Include what you may do in the space.'),
    includeProperties: z.boolean().optional().describe('Include the space properties.'),
    includePermissions: z.boolean().optional().describe('Include the space permissions.'),
    includeRoleAssignments: z.boolean().optional().describe('Include the role assignments.'),
    includeLabels: z.boolean().optional().describe('Include the space labels.'),
  }),
  positional: ['id'],
  resultType: 'Space',
  example: `const space = await confluence.spaces.get('ENG', { descriptionFormat: 'plain' });
return { id: space.id, name: space.name, home: space.homepageId };`,
  space: (input) => spaceOf(input.id),
  execute: async (input, context) => {
    const id = await resolveSpaceId(input.id, context);
    const response = await context.request({
      api: 'v2',
      method: 'GET',
      path: pathOf('/spaces/{id}', { id }),
      query: queryFrom(input, [
        'descriptionFormat',
        'includeIcon',
        'includeOperations',
        'includeProperties',
        'includePermissions',
        'includeRoleAssignments',
        'includeLabels',
      ]),
    });
    return response.body as Space;
  },
});

export const listSpaces = defineOperation({
  name: 'spaces.list',
  summary: 'List spaces, filtered by key, type, status or label.',
  composioName: 'CONFLUENCE_GET_SPACES',
  operationId: 'getSpaces',
  endpoint: 'GET /wiki/api/v2/spaces',
  kind: 'read',
  pagination: 'cursor',
  input: z.strictObject({
    keys: oneOrMany(z.string().min(1)).optional().describe('Only the spaces with these keys.'),
    ids: oneOrMany(numericId('a space')).optional().describe('Only the spaces with these ids.'),
    type: z.enum(SPACE_TYPES).optional().describe('Only spaces of this type.'),
    status: z.enum(['current', 'archived']).optional().describe('Only current or archived spaces.'),
    labels: oneOrMany(z.string().min(1)).optional().describe('Only spaces with these labels.'),
    favoritedBy: z.string().optional().describe('Only spaces this account id favorited.'),
    notFavoritedBy: z.string().optional().describe('Only spaces this account id did not favorite.'),
    sort: z
      .enum(['id', '-id', 'key', '-key', 'name', '-name'])
      .optional()
      .describe('Sort order (default: id ascending).'),
    descriptionFormat: z
      .enum(['plain', 'view'])
      .optional()
      .describe('Return descriptions in this format.'),
    includeIcon: z.boolean().optional().describe("Include each space's icon."),
    limit: limit(),
    cursor: cursor(),
  }),
  resultType: 'Paged<Space>',
  example: `const spaces = await confluence.spaces.list.all({ type: 'global' });
return spaces.results.map((space) => \`\${space.key}: \${space.name}\`);`,
  request: (input) => ({
    api: 'v2',
    method: 'GET',
    path: '/spaces',
    query: queryFrom(input, [
      'keys',
      'ids',
      'type',
      'status',
      'labels',
      'favoritedBy',
      'notFavoritedBy',
      'sort',
      'descriptionFormat',
      'includeIcon',
      'limit',
      'cursor',
    ]),
  }),
  transform: (response) => cursorPage<Space>(response),
});

function planSpace(input: {
  name: string;
  key?: string | undefined;
  description?: string | undefined;
}): Space {
  return compact({
    id: plannedId(input),
    key: input.key ?? input.name.replace(/[^A-Za-z0-9]/g, '').toUpperCase(),
    name: input.name,
    type: 'global' as SpaceType,
    status: 'current' as const,
    createdAt: PLANNED_AT,
    description:
      input.description === undefined
        ? undefined
        : { plain: { representation: 'plain', value: input.description } },
  }) as Space;
}

const spaceKeyInput = () =>
  z
    .string()
    .regex(SPACE_KEY, { error: 'expected a space key of letters and digits, such as "ENG"' })
    .optional()
    .describe('The key, letters and digits (e.g. "ENG"); required unless alias is given.');

export const createSpace = defineOperation({
  name: 'spaces.create',
  summary: 'Create a space.',
  composioName: 'CONFLUENCE_CREATE_SPACE',
  operationId: 'createSpace',
  endpoint: 'POST /wiki/api/v2/spaces',
  kind: 'write',
  input: z
    .strictObject({
      name: z.string().min(1).describe('The space name.'),
      key: spaceKeyInput(),
      alias: z
        .string()
        .min(1)
        .optional()
        .describe('The identifier used in URLs (default: the key).'),
      description: z.string().optional().describe('A plain-text description.'),
      createPrivateSpace: z
        .boolean()
        .optional()
        .describe('Create it private (only you can see it).'),
      templateKey: z.string().optional().describe('A space template key.'),
      copySpaceAccessConfiguration: numericId('a space')
        .optional()
        .describe('Copy the access configuration of this space id.'),
    })
    .refine((input) => input.key !== undefined || input.alias !== undefined, {
      error: 'give a key (or an alias) for the new space',
      path: ['key'],
    }),
  resultType: 'Space',
  example: `const space = await confluence.spaces.create({ name: 'Platform', key: 'PLAT', description: 'Platform team' });
return space.id;`,
  target: (input) => `new space ${input.key ?? input.alias}`,
  space: (input) => (input.key ? { key: input.key } : undefined),
  plan: (input) => planSpace(input),
  request: (input) => ({
    api: 'v2',
    method: 'POST',
    path: '/spaces',
    body: compact({
      name: input.name,
      key: input.key,
      alias: input.alias,
      description:
        input.description === undefined
          ? undefined
          : { value: input.description, representation: 'plain' },
      createPrivateSpace: input.createPrivateSpace,
      templateKey: input.templateKey,
      copySpaceAccessConfiguration:
        input.copySpaceAccessConfiguration === undefined
          ? undefined
          : Number(input.copySpaceAccessConfiguration),
    }),
  }),
  transform: (response) => response.body as Space,
});

interface V1Space {
  id?: number | string;
  key: string;
  name: string;
  type: string;
  status: string;
  description?: { plain?: { value?: string; representation?: string } };
  homepage?: { id?: string };
  _links?: { webui?: string };
}

/** The v1 `Space` answer in the v2 shape every other space result has. */
export function spaceFromV1(space: V1Space): Space {
  const plain = space.description?.plain?.value;
  return compact({
    id: String(space.id ?? ''),
    key: space.key,
    name: space.name,
    type: space.type as SpaceType,
    status: space.status === 'archived' ? 'archived' : 'current',
    homepageId: space.homepage?.id === undefined ? undefined : String(space.homepage.id),
    description:
      plain === undefined ? undefined : { plain: { representation: 'plain', value: plain } },
    _links: space._links?.webui === undefined ? undefined : { webui: space._links.webui },
  }) as Space;
}

export const createPrivateSpace = defineOperation({
  name: 'spaces.createPrivate',
  summary: 'Create a private space, visible only to you.',
  composioName: 'CONFLUENCE_CREATE_PRIVATE_SPACE',
  operationId: 'createPrivateSpace',
  endpoint: 'POST /wiki/rest/api/space/_private',
  kind: 'write',
  input: z
    .strictObject({
      name: z.string().min(1).describe('The space name.'),
      key: spaceKeyInput(),
      alias: z
        .string()
        .min(1)
        .optional()
        .describe('The identifier used in URLs (default: the key).'),
      description: z.string().optional().describe('A plain-text description.'),
    })
    .refine((input) => input.key !== undefined || input.alias !== undefined, {
      error: 'give a key (or an alias) for the new space',
      path: ['key'],
    }),
  resultType: 'Space',
  example: `const space = await confluence.spaces.createPrivate({ name: 'Scratch', key: 'SCRATCH' });
return space.key;`,
  target: (input) => `new private space ${input.key ?? input.alias}`,
  space: (input) => (input.key ? { key: input.key } : undefined),
  plan: (input) => planSpace(input),
  request: (input) => ({
    api: 'v1',
    method: 'POST',
    path: '/space/_private',
    body: compact({
      name: input.name,
      key: input.key,
      alias: input.alias,
      description:
        input.description === undefined
          ? undefined
          : { plain: { value: input.description, representation: 'plain' } },
    }),
  }),
  transform: (response) => spaceFromV1(response.body as V1Space),
});

export const deleteSpace = defineOperation({
  name: 'spaces.delete',
  summary:
    'Delete a space and everything in it, permanently (Confluence does it in the background).',
  composioName: 'CONFLUENCE_DELETE_SPACE',
  operationId: 'deleteSpace',
  endpoint: 'DELETE /wiki/rest/api/space/{spaceKey}',
  kind: 'write',
  input: z.strictObject({ id: spaceRef().describe('The space key (e.g. "ENG") or numeric id.') }),
  positional: ['id'],
  resultType: 'SpaceDeletion',
  example: `const deletion = await confluence.spaces.delete('SCRATCH');
return deletion.taskId;`,
  target: (input) => `space ${input.id}`,
  space: (input) => spaceOf(input.id),
  plan: (input): SpaceDeletion => ({ taskId: plannedId(input), spaceKey: input.id }),
  execute: async (input, context) => {
    const spaceKey = await resolveSpaceKey(input.id, context);
    const response = await context.request({
      api: 'v1',
      method: 'DELETE',
      path: pathOf('/space/{spaceKey}', { spaceKey }),
    });
    const task = response.body as { id?: string; links?: { status?: string } } | undefined;
    return compact({
      taskId: String(task?.id ?? ''),
      spaceKey,
      statusLink: task?.links?.status,
    }) as SpaceDeletion;
  },
});

export const spacePages = defineOperation({
  name: 'spaces.pages',
  summary: 'List the pages of a space: all of them, or only its top-level pages.',
  composioName: 'CONFLUENCE_GET_SPACE_CONTENTS',
  operationId: 'getPagesInSpace',
  endpoint: 'GET /wiki/api/v2/spaces/{id}/pages',
  kind: 'read',
  pagination: 'cursor',
  input: z.strictObject({
    id: spaceRef().describe('The space key (e.g. "ENG") or numeric id.'),
    depth: z
      .enum(['all', 'root'])
      .optional()
      .describe('"root": only the top-level pages; "all" (default): every page.'),
    title: z.string().optional().describe('Only pages with exactly this title.'),
    status: oneOrMany(z.enum(['current', 'archived', 'deleted', 'trashed']))
      .optional()
      .describe('Only pages in these statuses (default: current).'),
    sort: z
      .enum([...CONTENT_SORTS, 'title', '-title'])
      .optional()
      .describe('Sort order; a leading "-" sorts descending.'),
    bodyFormat: listBodyFormat(),
    limit: limit(),
    cursor: cursor(),
  }),
  positional: ['id'],
  resultType: 'Paged<Page>',
  example: `const roots = await confluence.spaces.pages('ENG', { depth: 'root' });
let count = 0;
for await (const page of confluence.spaces.pages.iterate('ENG')) count++;
return { roots: roots.results.map((page) => page.title), total: count };`,
  space: (input) => spaceOf(input.id),
  execute: async (input, context) => {
    const id = await resolveSpaceId(input.id, context);
    const response = await context.request({
      api: 'v2',
      method: 'GET',
      path: pathOf('/spaces/{id}/pages', { id }),
      query: {
        ...queryFrom(input, ['depth', 'title', 'status', 'sort', 'limit', 'cursor']),
        'body-format': wireBodyFormat(input.bodyFormat),
      },
    });
    return cursorPage(response, (page: Page) => convertBody(page, input.bodyFormat));
  },
});
