/**
 * Spaces, addressed by key or id, whichever the script has: v2 wants ids, v1 keys, and the SDK
 * translates (support/space-refs.ts). Creating and deleting spaces is in space-writes.ts.
 */
import { z } from 'zod';
import { defineOperation } from '../operation.ts';
import type { Page } from './models/content.ts';
import type { Space } from './models/space.ts';
import { convertBody, wireBodyFormat } from './support/bodies.ts';
import { pathOf, queryFrom } from './support/http.ts';
import { cursorPage } from './support/paging.ts';
import {
  CONTENT_SORTS,
  cursor,
  limit,
  listBodyFormat,
  numericId,
  oneOrMany,
  spaceRef,
} from './support/schemas.ts';
import { resolveSpaceId, spaceOf, spacesOf } from './support/space-refs.ts';

const SPACE_TYPES = [
  'global',
  'collaboration',
  'knowledge_base',
  'personal',
  'system',
  'onboarding',
  'xflow_sample_space',
] as const;

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
  space: (input) => [...spacesOf(input.keys), ...spacesOf(input.ids)],
  // With no keys or ids asked for, only the allowed spaces are listed.
  narrow: (input, keys) =>
    input.keys === undefined && input.ids === undefined ? { ...input, keys: [...keys] } : input,
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
