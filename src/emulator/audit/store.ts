/**
 * The audit log (GET /wiki/rest/api/audit): one record per successful write, whoever's route it
 * was (the audit middleware records it), with the route's own summary when it left one.
 */
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';

export const AUDIT_SCHEMA = `
CREATE TABLE IF NOT EXISTS audit_records (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  author_id TEXT NOT NULL,
  remote_address TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  summary TEXT NOT NULL,
  description TEXT NOT NULL,
  category TEXT NOT NULL,
  object_name TEXT,
  object_type TEXT,
  method TEXT NOT NULL,
  path TEXT NOT NULL,
  status INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_by_time ON audit_records (created_at);
`;

export interface AuditRow {
  id: number;
  author_id: string;
  remote_address: string;
  created_at: number; // ms since epoch
  summary: string;
  description: string;
  category: string;
  object_name: string | null;
  object_type: string | null;
  method: string; // HTTP method of the write
  path: string; // request path of the write
  status: number; // HTTP status it answered
}

export type NewAuditRecord = Omit<AuditRow, 'id'>;

export interface AuditQuery {
  startDate?: number; // ms since epoch, inclusive
  endDate?: number; // ms since epoch, inclusive
  searchString?: string;
  start: number;
  /** Rows to return; one more is fetched to know whether more follow. */
  limit: number;
}

export type AuditStore = ReturnType<typeof createAuditStore>;

export function createAuditStore(db: DatabaseSync) {
  const insert = db.prepare(
    `INSERT INTO audit_records (author_id, remote_address, created_at, summary, description,
       category, object_name, object_type, method, path, status)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const search = db.prepare(
    `SELECT * FROM audit_records
     WHERE created_at >= ? AND created_at <= ?
       AND (? IS NULL OR summary LIKE ? OR description LIKE ? OR object_name LIKE ? OR category LIKE ?)
     ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`,
  );
  return {
    record(entry: NewAuditRecord): void {
      insert.run(
        entry.author_id,
        entry.remote_address,
        entry.created_at,
        entry.summary,
        entry.description,
        entry.category,
        entry.object_name,
        entry.object_type,
        entry.method,
        entry.path,
        entry.status,
      );
    },
    /** Newest first. */
    search(query: AuditQuery): AuditRow[] {
      const pattern: SQLInputValue = query.searchString ? `%${query.searchString}%` : null;
      return search.all(
        query.startDate ?? 0,
        query.endDate ?? Number.MAX_SAFE_INTEGER,
        pattern,
        pattern,
        pattern,
        pattern,
        pattern,
        query.limit + 1,
        query.start,
      ) as unknown as AuditRow[];
    },
  };
}
