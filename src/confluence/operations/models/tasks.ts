/** Inline tasks (v2 `Task`). Copied into confluence.d.ts. */
import type { BodyValue } from './common.ts';

/** An inline task (checkbox) in a page or blog post. */
export interface Task {
  id: string;
  /** Id local to the containing page or blog post. */
  localId?: string;
  spaceId?: string;
  pageId?: string;
  blogPostId?: string;
  status: 'complete' | 'incomplete';
  /** Present when a `bodyFormat` was asked for. */
  body?: { storage?: BodyValue; atlas_doc_format?: BodyValue };
  /** Account ids. */
  createdBy?: string;
  assignedTo?: string;
  completedBy?: string;
  /** ISO 8601 date-times. */
  createdAt?: string;
  updatedAt?: string;
  dueAt?: string;
  completedAt?: string;
}
