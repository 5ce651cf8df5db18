/**
 * Tasks: the action items of the task lists inside page and blog post bodies (storage format
 * `<ac:task-list><ac:task><ac:task-id>…<ac:task-status>…<ac:task-body>…`), re-derived from the body
 * on every published write. Task ids are global and stable for a (content, local id) pair.
 */

/** Task ids start here, so they look like Confluence's and differ from other ids. */
export const FIRST_TASK_ID = 1_048_577;

export const TASKS_SCHEMA = `
CREATE TABLE IF NOT EXISTS tasks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  content_id INTEGER NOT NULL,
  local_id TEXT NOT NULL,
  space_id INTEGER,
  status TEXT NOT NULL CHECK (status IN ('complete', 'incomplete')),
  body TEXT NOT NULL,
  blank INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  assigned_to TEXT,
  completed_by TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  due_at INTEGER,
  completed_at INTEGER,
  UNIQUE (content_id, local_id)
);
CREATE INDEX IF NOT EXISTS tasks_by_status ON tasks (status, id);
INSERT INTO sqlite_sequence (name, seq)
  SELECT 'tasks', ${FIRST_TASK_ID - 1}
  WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'tasks');
`;

export type TaskStatus = 'complete' | 'incomplete';

export interface TaskRow {
  id: number;
  /** The page or blog post holding the task. */
  content_id: number;
  /** `<ac:task-id>`: local to the content. */
  local_id: string;
  space_id: number | null;
  status: TaskStatus;
  /** The storage inside `<ac:task-body>`. */
  body: string;
  blank: number; // 0 | 1: the body has no text
  created_by: string; // accountId
  assigned_to: string | null; // accountId of the first mention in the body
  completed_by: string | null; // accountId
  created_at: number; // ms since epoch
  updated_at: number; // ms since epoch
  due_at: number | null; // ms since epoch: the first <time datetime> in the body, 00:00 UTC
  completed_at: number | null; // ms since epoch
}
