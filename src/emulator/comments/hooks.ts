/**
 * The comments' content-write listener:
 * - purging a page, blog post or attachment purges its comments; purging a comment purges its
 *   replies (DELETE of a comment is permanent and takes the thread below it along);
 * - a new version of a page or blog post whose text no longer contains the highlighted text of
 *   an open inline comment makes that comment `dangling`, as Confluence does when the marked
 *   text is deleted.
 */
import type { EmulatorContext } from '../context.ts';
import type { ContentWriteEvent } from '../content/events.ts';
import { commentExtra } from './extra.ts';
import { countOccurrences } from './selection.ts';
import type { CommentStore } from './store.ts';

const CONTAINERS = new Set(['page', 'blogpost', 'attachment']);

export function onCommentContainerWrite(
  context: EmulatorContext,
  store: CommentStore,
  event: ContentWriteEvent,
): void {
  const content = event.content;
  if (event.kind === 'purged') {
    const ids =
      content.type === 'comment'
        ? store.replyIds(content.id)
        : CONTAINERS.has(content.type)
          ? store.idsInContainer(content.id)
          : [];
    for (const id of ids) if (context.content.get(id)) context.content.purge(id, event.actorId);
    return;
  }
  if (event.kind === 'updated' && event.body !== undefined && content.type !== 'comment')
    markDangling(context, store, content.id, event.body, event.at);
}

function markDangling(
  context: EmulatorContext,
  store: CommentStore,
  containerId: number,
  body: string,
  at: number,
): void {
  for (const id of store.idsInContainer(containerId)) {
    const row = context.content.get(id);
    if (!row || row.parent_id !== null) continue;
    const extra = commentExtra(row);
    if (extra.location !== 'inline' || extra.resolutionStatus === 'dangling') continue;
    if (extra.resolutionStatus === 'resolved') continue;
    const selection = extra.inlineOriginalSelection ?? '';
    if (
      selection === '' ||
      countOccurrences(body, selection) > (extra.textSelectionMatchIndex ?? 0)
    )
      continue;
    context.content.setExtra(id, {
      ...extra,
      resolutionStatus: 'dangling',
      resolutionLastModifiedAt: at,
    });
  }
}
