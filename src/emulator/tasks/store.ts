/**
 * The tasks store: the only SQL over `tasks`. `sync` makes the rows of one content item match the
 * tasks of its body (keeping ids, creators and completion facts of tasks that stay); `list` is the
 * filtered keyset listing of GET /tasks over visible current content.
 */
import type { DatabaseSync } from 'node:sqlite';
import { visibleContentClause } from '../content/visibility.ts';
import { statementCache } from '../database/open.ts';
import { createWhere } from '../database/where.ts';
import type { ParsedTask } from './parse.ts';
import type { TaskRow } from './schema.ts';

export interface TaskFilter {
  accountId: string;
  status?: string | undefined;
  includeBlank: boolean;
  taskIds: readonly number[];
  spaceIds: readonly number[];
  /** Page and blog post ids "can be used in conjunction": a task matches either list. */
  pageIds: readonly number[];
  blogPostIds: readonly number[];
  createdBy: readonly string[];
  assignedTo: readonly string[];
  completedBy: readonly string[];
  /** Inclusive [from, to] ranges in ms since epoch; undefined ends are open. */
  createdAt: Range;
  dueAt: Range;
  completedAt: Range;
  afterId: number | undefined;
  limit: number;
}

export interface Range {
  from?: number | undefined;
  to?: number | undefined;
}

/** Where a sync comes from: the write that changed the body. */
export interface SyncSource {
  contentId: number;
  spaceId: number | null;
  actorId: string;
  at: number; // ms since epoch
}

export type TaskStore = ReturnType<typeof createTaskStore>;

export function createTaskStore(db: DatabaseSync) {
  const prepare = statementCache(db);
  const sql = {
    ofContent: db.prepare('SELECT * FROM tasks WHERE content_id = ?'),
    get: db.prepare('SELECT * FROM tasks WHERE id = ?'),
    insert: db.prepare(
      `INSERT INTO tasks (content_id, local_id, space_id, status, body, blank, created_by,
         assigned_to, completed_by, created_at, updated_at, due_at, completed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    update: db.prepare(
      `UPDATE tasks SET space_id = ?, status = ?, body = ?, blank = ?, assigned_to = ?,
         completed_by = ?, updated_at = ?, due_at = ?, completed_at = ? WHERE id = ?`,
    ),
    delete: db.prepare('DELETE FROM tasks WHERE id = ?'),
    deleteContent: db.prepare('DELETE FROM tasks WHERE content_id = ?'),
  };

  function sync(source: SyncSource, parsed: ParsedTask[]): void {
    const existing = new Map(
      (sql.ofContent.all(source.contentId) as unknown as TaskRow[]).map((row) => [
        row.local_id,
        row,
      ]),
    );
    for (const task of parsed) {
      const old = existing.get(task.localId);
      existing.delete(task.localId);
      const completed = task.status === 'complete';
      if (!old) {
        sql.insert.run(
          source.contentId,
          task.localId,
          source.spaceId,
          task.status,
          task.body,
          task.blank ? 1 : 0,
          source.actorId,
          task.assignedTo,
          completed ? source.actorId : null,
          source.at,
          source.at,
          task.dueAt,
          completed ? source.at : null,
        );
        continue;
      }
      const statusChanged = old.status !== task.status;
      const unchanged =
        !statusChanged &&
        old.body === task.body &&
        old.assigned_to === task.assignedTo &&
        old.due_at === task.dueAt &&
        old.space_id === source.spaceId;
      if (unchanged) continue;
      sql.update.run(
        source.spaceId,
        task.status,
        task.body,
        task.blank ? 1 : 0,
        task.assignedTo,
        statusChanged ? (completed ? source.actorId : null) : old.completed_by,
        source.at,
        task.dueAt,
        statusChanged ? (completed ? source.at : null) : old.completed_at,
        old.id,
      );
    }
    for (const gone of existing.values()) sql.delete.run(gone.id);
  }

  return {
    sync,
    get: (id: number) => sql.get.get(id) as TaskRow | undefined,
    deleteContent: (contentId: number) => void sql.deleteContent.run(contentId),
    /** One page in id order (limit + 1 rows). */
    list(filter: TaskFilter): TaskRow[] {
      const visible = visibleContentClause(db, filter.accountId, 'c');
      const where = createWhere()
        .add(`c.status IN ('current', 'archived')`)
        .add(visible.sql, ...visible.params)
        .in('t.id', filter.taskIds)
        .in('t.space_id', filter.spaceIds)
        .in('t.created_by', filter.createdBy)
        .in('t.assigned_to', filter.assignedTo)
        .in('t.completed_by', filter.completedBy);
      if (filter.status) where.add('t.status = ?', filter.status);
      if (!filter.includeBlank) where.add('t.blank = 0');
      containers(where, filter);
      range(where, 't.created_at', filter.createdAt);
      range(where, 't.due_at', filter.dueAt);
      range(where, 't.completed_at', filter.completedAt);
      if (filter.afterId !== undefined) where.add('t.id > ?', filter.afterId);
      const statement = prepare(
        `SELECT t.* FROM tasks t JOIN content c ON c.id = t.content_id
         WHERE ${where.sql()} ORDER BY t.id LIMIT ?`,
      );
      return statement.all(...where.params, filter.limit + 1) as unknown as TaskRow[];
    },
  };
}

function containers(where: ReturnType<typeof createWhere>, filter: TaskFilter): void {
  const ids = [...filter.pageIds, ...filter.blogPostIds];
  if (ids.length === 0) return;
  const pages = filter.pageIds.map(() => '?').join(', ');
  const posts = filter.blogPostIds.map(() => '?').join(', ');
  const parts = [
    ...(pages ? [`(c.type = 'page' AND t.content_id IN (${pages}))`] : []),
    ...(posts ? [`(c.type = 'blogpost' AND t.content_id IN (${posts}))`] : []),
  ];
  where.add(`(${parts.join(' OR ')})`, ...filter.pageIds, ...filter.blogPostIds);
}

function range(where: ReturnType<typeof createWhere>, column: string, bounds: Range): void {
  if (bounds.from !== undefined) where.add(`${column} >= ?`, bounds.from);
  if (bounds.to !== undefined) where.add(`${column} <= ?`, bounds.to);
}
