/**
 * The bulk tasks on the 5,000-page site (large-site.ts): the demo's factories with the names of
 * the generated site. `npm run eval -- --large`.
 */
import { LARGE_SITE } from './large-site.ts';
import type { EvalTask } from './task.ts';
import {
  commentSummary,
  largestPages,
  missingLabel,
  openTasks,
  pagesPerSpace,
  recentChanges,
} from './tasks-reads.ts';
import { bulkRelabel, moveTree } from './tasks-writes.ts';

const { recentSpace, missingLabel: unlabelled, relabel, move, discussion, largest } = LARGE_SITE;

export const LARGE_TASKS: readonly EvalTask[] = [
  bulkRelabel({
    id: 'bulk-relabel',
    space: relabel.space,
    spaceName: relabel.name,
    from: relabel.from,
    to: relabel.to,
  }),
  moveTree({ id: 'move-tree', ...move }),
  recentChanges({ id: 'recent-changes', space: recentSpace.key, spaceName: recentSpace.name }),
  missingLabel({
    id: 'missing-label',
    space: unlabelled.space,
    parent: unlabelled.parent,
    label: unlabelled.label,
  }),
  commentSummary({ id: 'comment-summary', ...discussion }),
  openTasks({ id: 'open-tasks', user: 'bob' }),
  largestPages({ id: 'largest-pages', space: largest.key, spaceName: largest.name }),
  pagesPerSpace({ id: 'pages-per-space' }),
];
