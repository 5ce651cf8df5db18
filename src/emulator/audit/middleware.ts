/**
 * Records one audit entry for every successful write under `/wiki` (any method but GET, HEAD and
 * OPTIONS answering < 400), using the summary the route left in `c.var.audit` when it did.
 */
import type { MiddlewareHandler } from 'hono';
import type { EmulatorEnv } from '../http/env.ts';
import type { AuditStore } from './store.ts';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function recordWrites(audit: AuditStore, now: () => number): MiddlewareHandler<EmulatorEnv> {
  return async function auditWrite(c, next) {
    await next();
    if (READ_METHODS.has(c.req.method) || c.res.status >= 400) return;
    const note = c.get('audit');
    if (note === 'read') return;
    const path = c.req.path;
    audit.record({
      author_id: c.get('user').account_id,
      remote_address: c.env?.incoming?.socket?.remoteAddress ?? '127.0.0.1',
      created_at: now(),
      summary: note?.summary ?? `${c.req.method} ${path.slice(path.indexOf('/wiki/'))}`,
      description: `${c.req.method} ${path} answered ${c.res.status}`,
      category: note?.category ?? 'Content',
      object_name: note?.affectedObject?.name ?? null,
      object_type: note?.affectedObject?.objectType ?? null,
      method: c.req.method,
      path,
      status: c.res.status,
    });
  };
}
