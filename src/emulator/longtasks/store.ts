/**
 * Long tasks (v1 /wiki/rest/api/longtask/{id}). The emulator finishes work synchronously, so a
 * long task is born complete; the record lets clients poll as they would on Confluence.
 */
import type { DatabaseSync } from 'node:sqlite';

export const LONG_TASKS_SCHEMA = `
CREATE TABLE IF NOT EXISTS long_tasks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  args TEXT NOT NULL,
  elapsed_ms INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
`;

export interface LongTaskRow {
  id: number;
  /** i18n key of the task name, e.g. `com.atlassian.confluence.spaces.delete`. */
  name: string;
  args: string; // JSON array
  elapsed_ms: number; // ms the task took
  created_at: number; // ms since epoch
}

export type LongTaskStore = ReturnType<typeof createLongTaskStore>;

export function createLongTaskStore(db: DatabaseSync, now: () => number) {
  const sql = {
    insert: db.prepare(
      'INSERT INTO long_tasks (name, args, elapsed_ms, created_at) VALUES (?, ?, ?, ?) RETURNING *',
    ),
    get: db.prepare('SELECT * FROM long_tasks WHERE id = ?'),
  };
  return {
    create: (task: { name: string; args: unknown[]; elapsedMs: number }) =>
      sql.insert.get(
        task.name,
        JSON.stringify(task.args),
        task.elapsedMs,
        now(),
      ) as unknown as LongTaskRow,
    get: (id: string) =>
      /^\d+$/.test(id) ? (sql.get.get(Number(id)) as LongTaskRow | undefined) : undefined,
  };
}
