/** Whiteboards (v2 `/whiteboards`); their properties are in properties.ts. */
import { z } from 'zod';
import { defineOperation } from '../operation.ts';
import type { Whiteboard } from './models/content.ts';
import { compact, queryFrom } from './support/http.ts';
import { PLANNED_AT, plannedId } from './support/plan.ts';
import { numericId, spaceRef } from './support/schemas.ts';
import { resolveSpaceId, spaceOf } from './support/space-refs.ts';

export const createWhiteboard = defineOperation({
  name: 'whiteboards.create',
  summary: 'Create a whiteboard in a space, optionally from a template.',
  composioName: 'CONFLUENCE_CREATE_WHITEBOARD',
  operationId: 'createWhiteboard',
  endpoint: 'POST /wiki/api/v2/whiteboards',
  kind: 'write',
  input: z.strictObject({
    spaceId: spaceRef().describe('The space: its id, or its key such as "ENG".'),
    title: z.string().min(1).optional().describe('The whiteboard title.'),
    parentId: numericId('a parent').optional().describe('The parent page or folder.'),
    templateKey: z
      .string()
      .optional()
      .describe('A whiteboard template, e.g. "kanban-board", "sailboat-retro", "flow-chart".'),
    locale: z.string().optional().describe('The template\'s language, e.g. "en-US", "de-DE".'),
    private: z.boolean().optional().describe('Make it visible to its creator only.'),
  }),
  resultType: 'Whiteboard',
  example: `const board = await confluence.whiteboards.create({ spaceId: 'ENG', title: 'Retro', templateKey: 'sailboat-retro' });
return board.id;`,
  target: (input) => `new whiteboard "${input.title ?? ''}" in space ${input.spaceId}`,
  space: (input) => [
    ...[spaceOf(input.spaceId) ?? []].flat(),
    ...(input.parentId === undefined ? [] : [{ contentId: input.parentId }]),
  ],
  plan: (input): Whiteboard =>
    compact({
      id: plannedId(input),
      status: 'current' as const,
      title: input.title ?? '',
      spaceId: input.spaceId,
      parentId: input.parentId,
      authorId: '',
      createdAt: PLANNED_AT,
      version: { number: 1 },
    }) as Whiteboard,
  execute: async (input, context) => {
    const spaceId = await resolveSpaceId(input.spaceId, context);
    const response = await context.request({
      api: 'v2',
      method: 'POST',
      path: '/whiteboards',
      query: queryFrom(input, ['private']),
      body: compact({
        spaceId,
        title: input.title,
        parentId: input.parentId,
        templateKey: input.templateKey,
        locale: input.locale,
      }),
    });
    return response.body as Whiteboard;
  },
});
