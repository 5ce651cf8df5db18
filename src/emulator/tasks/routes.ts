/**
 * GET /tasks (every filter of openapi-v2 getTasks), GET /tasks/{id}, PUT /tasks/{id}.
 *
 * PUT changes the status the way Confluence does when a box is ticked: the task's
 * `<ac:task-status>` in the page or blog post body is rewritten and saved as the next version of
 * that content (a minor edit by the caller), so the body, the version history and the task agree
 * and a later editor holding the old version gets a 409. Setting the status it already has writes
 * nothing.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { LIST_BODY_FORMATS } from '../bodies/index.ts';
import type { EmulatorContext } from '../context.ts';
import { canEditContent, canViewContent } from '../content/visibility.ts';
import { readBody } from '../http/body.ts';
import type { EmulatorEnv } from '../http/env.ts';
import { badRequest, notFound } from '../http/errors.ts';
import { mountPrefix } from '../http/links.ts';
import { cursorResponse, queryCursor, queryLimit } from '../http/pagination.ts';
import {
  pathId,
  queryBoolean,
  queryEnum,
  queryInteger,
  queryIntegerList,
  queryList,
} from '../http/query.ts';
import { taskJson } from './json.ts';
import { setTaskStatus } from './parse.ts';
import type { TaskRow } from './schema.ts';
import type { TaskStore } from './store.ts';

/** Every id/account filter takes at most 250 values (openapi-v2 getTasks `maxItems`). */
const MAX_FILTER_VALUES = 250;
/** The cursor of GET /tasks binds to this order (task id ascending). */
const TASK_ORDER = 'id';

const updateTaskSchema = z.looseObject({ status: z.enum(['complete', 'incomplete']) });

type RouteContext = Context<EmulatorEnv>;

export function taskRoutes(context: EmulatorContext, store: TaskStore): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();
  const present = (c: RouteContext, task: TaskRow) =>
    taskJson(context, task, {
      bodyFormat: queryEnum(c, 'body-format', LIST_BODY_FORMATS),
      prefix: mountPrefix(c),
    });

  function load(c: RouteContext): TaskRow {
    const id = pathId(c, 'id');
    const task = store.get(id);
    if (!task || !canViewContent(context.db, c.get('user').account_id, task.content_id))
      throw notFound(`No task found with id ${id}`);
    return task;
  }

  app.get('/tasks', (c) => {
    const accounts = (name: string) => {
      const values = queryList(c, name);
      if (values.length > MAX_FILTER_VALUES)
        throw badRequest(
          `'${name}' accepts at most ${MAX_FILTER_VALUES} values; got ${values.length}`,
          name,
        );
      return values;
    };
    const ids = (name: string) => queryIntegerList(c, name, MAX_FILTER_VALUES);
    const range = (name: string) => ({
      from: queryInteger(c, `${name}-from`),
      to: queryInteger(c, `${name}-to`),
    });
    queryEnum(c, 'body-format', LIST_BODY_FORMATS);
    const limit = queryLimit(c);
    const after = queryCursor(c, TASK_ORDER);
    const rows = store.list({
      accountId: c.get('user').account_id,
      status: queryEnum(c, 'status', ['complete', 'incomplete']),
      includeBlank: queryBoolean(c, 'include-blank-tasks', true),
      taskIds: ids('task-id'),
      spaceIds: ids('space-id'),
      pageIds: ids('page-id'),
      blogPostIds: ids('blogpost-id'),
      createdBy: accounts('created-by'),
      assignedTo: accounts('assigned-to'),
      completedBy: accounts('completed-by'),
      createdAt: range('created-at'),
      dueAt: range('due-at'),
      completedAt: range('completed-at'),
      afterId: after?.id,
      limit,
    });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    const next =
      rows.length > limit && last ? { sort: TASK_ORDER, value: last.id, id: last.id } : undefined;
    return cursorResponse(
      c,
      items.map((task) => present(c, task)),
      limit,
      next,
    );
  });

  app.get('/tasks/:id', (c) => c.json(present(c, load(c))));

  app.put('/tasks/:id', async (c) => {
    const user = c.get('user');
    const task = load(c);
    queryEnum(c, 'body-format', LIST_BODY_FORMATS);
    const { status } = await readBody(c, updateTaskSchema);
    // "The user does not have the needed permissions to update the containing page" is a 404.
    if (!canEditContent(context.db, user.account_id, task.content_id))
      throw notFound(
        `Task ${task.id} is on content ${task.content_id}, which the caller may not edit`,
      );
    c.set('audit', { summary: `Task ${task.local_id} marked ${status}`, category: 'Content' });
    if (status !== task.status) {
      const content = context.content.get(task.content_id)!;
      const current = context.content.current(content)!;
      const body = setTaskStatus(current.body, task.local_id, status);
      if (body === undefined) throw notFound(`Task ${task.id} is no longer in its content`);
      context.content.revise(content.id, {
        title: current.title,
        body,
        authorId: user.account_id,
        minorEdit: true,
      });
    }
    return c.json(present(c, store.get(task.id)!));
  });
  return app;
}
