/**
 * The v2 `Task` JSON: string ids, `pageId` or `blogPostId`, ISO dates, and the body (the storage
 * inside `<ac:task-body>`, or its ADF) only when `body-format` asks. Fields without a value are
 * left out: the schema types them as non-null strings.
 */
import { type BodyFormat, bodyJson } from '../bodies/index.ts';
import type { EmulatorContext } from '../context.ts';
import type { TaskRow } from './schema.ts';

export interface TaskJsonOptions {
  bodyFormat?: BodyFormat | undefined;
  /** Mount prefix, for links rendered in bodies. */
  prefix: string;
}

export function taskJson(context: EmulatorContext, task: TaskRow, options: TaskJsonOptions) {
  const container = context.content.get(task.content_id);
  const iso = (ms: number | null) => (ms === null ? undefined : new Date(ms).toISOString());
  const json: Record<string, unknown> = {
    id: String(task.id),
    localId: task.local_id,
    ...(task.space_id === null ? {} : { spaceId: String(task.space_id) }),
    [container?.type === 'blogpost' ? 'blogPostId' : 'pageId']: String(task.content_id),
    status: task.status,
  };
  if (options.bodyFormat)
    json['body'] = bodyJson({ body: task.body, adf: null }, options.bodyFormat, {
      prefix: options.prefix,
      userName: (accountId) => context.users.byId(accountId)?.display_name,
    });
  const optional: Record<string, string | undefined> = {
    createdBy: task.created_by,
    assignedTo: task.assigned_to ?? undefined,
    completedBy: task.completed_by ?? undefined,
    createdAt: iso(task.created_at),
    updatedAt: iso(task.updated_at),
    dueAt: iso(task.due_at),
    completedAt: iso(task.completed_at),
  };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) json[key] = value;
  return json;
}
