/** Inline tasks (checkboxes in pages and blog posts): list with filters, and tick or untick (v2). */
import { z } from 'zod';
import { defineOperation } from '../operation.ts';
import type { Task } from './models/tasks.ts';
import { convertBody, wireBodyFormat } from './support/bodies.ts';
import { pathOf, queryFrom } from './support/http.ts';
import { cursorPage } from './support/paging.ts';
import {
  cursor,
  epochMillis,
  limit,
  listBodyFormat,
  numericId,
  oneOrMany,
  spaceRef,
} from './support/schemas.ts';
import { narrowSpaceFilter, resolveSpaceIds, spacesOf } from './support/space-refs.ts';

const accountIds = (who: string) =>
  oneOrMany(z.string().min(1)).optional().describe(`Only tasks ${who} this account id (or these).`);

export const listTasks = defineOperation({
  name: 'tasks.list',
  summary: 'List inline tasks, filtered by status, space, page, assignee or dates.',
  composioName: 'CONFLUENCE_GET_TASKS',
  operationId: 'getTasks',
  endpoint: 'GET /wiki/api/v2/tasks',
  kind: 'read',
  pagination: 'cursor',
  input: z.strictObject({
    status: z.enum(['complete', 'incomplete']).optional().describe('Only done or open tasks.'),
    spaceId: oneOrMany(spaceRef())
      .optional()
      .describe('Only tasks in this space (id or key) or these.'),
    pageId: oneOrMany(numericId('a page')).optional().describe('Only tasks on this page or these.'),
    blogPostId: oneOrMany(numericId('a blog post'))
      .optional()
      .describe('Only tasks in this blog post or these.'),
    taskIds: oneOrMany(numericId('a task')).optional().describe('Only these tasks.'),
    assignedTo: accountIds('assigned to'),
    createdBy: accountIds('created by'),
    completedBy: accountIds('completed by'),
    createdAtFrom: epochMillis('Created at or after'),
    createdAtTo: epochMillis('Created at or before'),
    dueAtFrom: epochMillis('Due at or after'),
    dueAtTo: epochMillis('Due at or before'),
    completedAtFrom: epochMillis('Completed at or after'),
    completedAtTo: epochMillis('Completed at or before'),
    includeBlankTasks: z
      .boolean()
      .optional()
      .describe('Include tasks with no text (default true).'),
    bodyFormat: listBodyFormat(),
    limit: limit(),
    cursor: cursor(),
  }),
  resultType: 'Paged<Task>',
  example: `const me = await confluence.users.current();
const open = await confluence.tasks.list.all({ assignedTo: me.accountId, status: 'incomplete' });
return open.results.map((task) => ({ page: task.pageId, due: task.dueAt }));`,
  space: (input) => [
    ...spacesOf(input.spaceId),
    ...(input.pageId ?? []).map((pageId) => ({ pageId })),
    ...(input.blogPostId ?? []).map((blogPostId) => ({ blogPostId })),
  ],
  narrow: narrowSpaceFilter,
  execute: async (input, context) => {
    const spaceIds = await resolveSpaceIds(input.spaceId, context);
    const response = await context.request({
      api: 'v2',
      method: 'GET',
      path: '/tasks',
      query: {
        ...queryFrom(input, [
          'status',
          'assignedTo',
          'createdBy',
          'completedBy',
          'createdAtFrom',
          'createdAtTo',
          'dueAtFrom',
          'dueAtTo',
          'completedAtFrom',
          'completedAtTo',
          'includeBlankTasks',
          'limit',
          'cursor',
        ]),
        'space-id': spaceIds,
        'page-id': input.pageId,
        'blogpost-id': input.blogPostId,
        'task-id': input.taskIds,
        'body-format': wireBodyFormat(input.bodyFormat),
      },
    });
    return cursorPage(response, (task: Task) => convertBody(task, input.bodyFormat));
  },
});

export const updateTask = defineOperation({
  name: 'tasks.update',
  summary: 'Mark an inline task complete or incomplete.',
  composioName: 'CONFLUENCE_UPDATE_TASK',
  operationId: 'updateTask',
  endpoint: 'PUT /wiki/api/v2/tasks/{id}',
  kind: 'write',
  input: z.strictObject({
    id: numericId('a task').describe('The task id.'),
    status: z.enum(['complete', 'incomplete']).describe('The new status.'),
    bodyFormat: z
      .enum(['storage', 'atlas_doc_format'])
      .optional()
      .describe('Return the task body in this format.'),
  }),
  positional: ['id'],
  resultType: 'Task',
  example: `const task = await confluence.tasks.update('4', { status: 'complete' });
return task.completedAt;`,
  target: (input) => `task ${input.id} (${input.status})`,
  plan: (input): Task => ({ id: input.id, status: input.status }),
  space: (input) => ({ taskId: input.id }),
  request: (input) => ({
    api: 'v2',
    method: 'PUT',
    path: pathOf('/tasks/{id}', input),
    query: { 'body-format': input.bodyFormat },
    body: { id: input.id, status: input.status },
  }),
  transform: (response) => response.body as Task,
});
