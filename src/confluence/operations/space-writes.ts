/**
 * Creating and deleting spaces: v2 create, and the v1-only private-space create and delete (a
 * space is deleted in the background: v1 answers 202 with a long task).
 */
import { z } from 'zod';
import { defineOperation } from '../operation.ts';
import type { Space, SpaceDeletion, SpaceType } from './models/space.ts';
import { compact, pathOf } from './support/http.ts';
import { PLANNED_AT, plannedId } from './support/plan.ts';
import { numericId, spaceRef } from './support/schemas.ts';
import { resolveSpaceKey, spaceOf } from './support/space-refs.ts';

const SPACE_KEY = /^[A-Za-z0-9]+$/;

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
