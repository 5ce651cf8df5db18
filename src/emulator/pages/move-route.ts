/**
 * v1 PUT /wiki/rest/api/content/{pageId}/move/{position}/{targetId}: `before`/`after` make the
 * page a sibling of the target, `append` makes it the target's last child; the target may be in
 * another space (the page and its subtree move with it). Answers `{ pageId }`.
 */
import { Hono } from 'hono';
import type { EmulatorContext } from '../context.ts';
import { loadContent } from '../content/access.ts';
import { assertCanEditContent } from '../content/visibility.ts';
import type { ContentRow } from '../content/schema.ts';
import { assertTitleFree } from '../content/write-rules.ts';
import { PAGE_KIND } from '../content/kinds.ts';
import { transaction } from '../database/open.ts';
import type { EmulatorEnv } from '../http/env.ts';
import { invalidParameter } from '../http/errors.ts';
import { pathId } from '../http/query.ts';

const POSITIONS = ['before', 'after', 'append'] as const;

export function moveRoutesV1(context: EmulatorContext): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();
  app.put('/content/:pageId/move/:position/:targetId', (c) => {
    const user = c.get('user');
    const position = c.req.param('position') as (typeof POSITIONS)[number];
    if (!POSITIONS.includes(position))
      throw invalidParameter(
        'position',
        `position must be one of ${POSITIONS.join(', ')}; got ${position}`,
      );
    const page = loadContent(context, user, pathId(c, 'pageId'), ['page']);
    assertCanEditContent(context.db, user.account_id, page.id);
    const target = loadContent(context, user, pathId(c, 'targetId'), ['page']);
    const parentId = position === 'append' ? target.id : target.parent_id;
    if (page.id === target.id || isInSubtree(context, target.id, page.id)) {
      throw invalidParameter(
        'targetId',
        'A page cannot be moved relative to itself or one of its descendants',
      );
    }
    if (target.space_id !== page.space_id)
      assertTitleFree(context, PAGE_KIND, target.space_id!, page.title);
    c.set('audit', {
      summary: 'page moved',
      category: 'Content',
      affectedObject: { name: page.title, objectType: 'page' },
    });
    transaction(context.db, () => {
      if (target.space_id !== page.space_id) moveSubtreeToSpace(context, page.id, target.space_id!);
      const siblings = (parentId === null ? [] : context.queries.childrenOf(parentId)).filter(
        (row) => row.id !== page.id,
      );
      const at =
        position === 'append'
          ? siblings.length
          : siblings.findIndex((row) => row.id === target.id) + (position === 'after' ? 1 : 0);
      const ordered: ContentRow[] = [...siblings.slice(0, at), page, ...siblings.slice(at)];
      ordered.forEach((row, index) => {
        if (row.id === page.id || row.position !== index)
          context.content.move(row.id, parentId, index, user.account_id);
      });
    });
    return c.json({ pageId: String(page.id) });
  });
  return app;
}

function isInSubtree(context: EmulatorContext, candidateId: number, rootId: number): boolean {
  for (
    let row = context.content.get(candidateId);
    row;
    row = row.parent_id === null ? undefined : context.content.get(row.parent_id)
  ) {
    if (row.id === rootId) return true;
  }
  return false;
}

function moveSubtreeToSpace(context: EmulatorContext, rootId: number, spaceId: number): void {
  context.content.setSpace(rootId, spaceId);
  for (const child of context.queries.childrenOf(rootId))
    moveSubtreeToSpace(context, child.id, spaceId);
}
