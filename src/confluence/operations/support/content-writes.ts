/**
 * Updates of pages and blog posts. Confluence's PUT is a full replacement that needs the title,
 * status and body every time (notes/confluence-api.md §3.3); the SDK lets a script send only what
 * changes and fills in the rest from the current content, read in storage format so the body
 * survives unchanged. The version number stays the caller's: a stale one is Confluence's 409.
 */
import type { OperationContext } from '../../operation.ts';
import type { BlogPost, Page } from '../models/content.ts';
import { convertBody, toWireBody, type BodyInput, type WireBody } from './bodies.ts';
import { compact, pathOf } from './http.ts';
import { PLANNED_AT } from './plan.ts';

export interface ContentUpdateInput {
  id: string;
  version: { number: number; message?: string | undefined };
  title?: string | undefined;
  body?: BodyInput | undefined;
  status?: 'current' | 'draft' | undefined;
  parentId?: string | undefined;
  ownerId?: string | undefined;
  createdAt?: string | undefined;
}

export async function contentUpdate<Entity extends Page | BlogPost>(
  resource: 'pages' | 'blogposts',
  input: ContentUpdateInput,
  context: OperationContext,
): Promise<Entity> {
  const path = pathOf(`/${resource}/{id}`, input);
  let { title, status } = input;
  let body: WireBody | undefined = input.body === undefined ? undefined : toWireBody(input.body);
  if (title === undefined || status === undefined || body === undefined) {
    const current = (
      await context.request({ api: 'v2', method: 'GET', path, query: { 'body-format': 'storage' } })
    ).body as Entity;
    title ??= current.title;
    status ??= current.status === 'draft' ? 'draft' : 'current';
    body ??= { representation: 'storage', value: current.body?.storage?.value ?? '' };
  }
  const response = await context.request({
    api: 'v2',
    method: 'PUT',
    path,
    body: compact({
      id: input.id,
      status,
      title,
      parentId: input.parentId,
      ownerId: input.ownerId,
      createdAt: input.createdAt,
      body,
      version: compact({ number: input.version.number, message: input.version.message }),
    }),
  });
  const format = input.body !== undefined && 'markdown' in input.body ? 'markdown' : undefined;
  return convertBody(response.body as Entity, format);
}

/** A planned page or blog post for dry-run: the input echoed in the entity's shape. */
export function planContent<Entity extends Page | BlogPost>(input: {
  id: string;
  spaceId?: string | undefined;
  title?: string | undefined;
  status?: 'current' | 'draft' | undefined;
  parentId?: string | undefined;
  version: { number: number; message?: string | undefined };
}): Entity {
  return compact({
    id: input.id,
    status: input.status ?? 'current',
    title: input.title ?? '',
    spaceId: input.spaceId ?? '',
    parentId: input.parentId,
    authorId: '',
    createdAt: PLANNED_AT,
    version: compact({ number: input.version.number, message: input.version.message }),
  }) as Entity;
}
