/**
 * The Hono environment every emulator route shares: the authenticated caller and the audit note a
 * write route leaves for the audit middleware.
 */
import type { IncomingMessage } from 'node:http';
import type { UserRow } from '../users/store.ts';

/** What a write route says about itself for the audit log (GET /wiki/rest/api/audit). */
export interface AuditNote {
  summary: string;
  /** e.g. `Pages`, `Spaces`, `Permissions`. */
  category: string;
  /** The object written: its name (title, key) and type (`Page`, `Space`, ...). */
  affectedObject?: { name: string; objectType: string };
}

export interface EmulatorEnv {
  /** Present when served over HTTP by @hono/node-server; absent in-process. */
  Bindings: { incoming?: IncomingMessage };
  Variables: {
    /** The authenticated caller (set by the auth middleware on every /wiki route). */
    user: UserRow;
    /**
     * Set by write routes; the audit middleware records it once the write succeeded. `'read'`
     * marks a POST that only reads (e.g. POST /users-bulk), which is not audited.
     */
    audit: AuditNote | 'read' | undefined;
    /** The configured mount prefix (`/emulator`), when `EmulatorOptions.basePath` was given. */
    basePath: string | undefined;
  };
}
