/**
 * GET /wiki/rest/api/audit: site admins only (403 otherwise); `startDate`/`endDate` in epoch
 * milliseconds (ISO dates are accepted too), `searchString`, offset paging with `start`/`limit`
 * (default 1000, swagger.v3.json getAuditRecords).
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { EmulatorContext } from '../context.ts';
import type { EmulatorEnv } from '../http/env.ts';
import { forbidden, invalidParameter } from '../http/errors.ts';
import { offsetBody, queryLimit, queryStart } from '../http/pagination.ts';
import { queryString } from '../http/query.ts';
import type { AuditRow } from './store.ts';

export const DEFAULT_AUDIT_LIMIT = 1000;
export const MAX_AUDIT_LIMIT = 1000;

export function auditRoutesV1(context: EmulatorContext): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();
  app.get('/audit', (c) => {
    if (c.get('user').is_admin !== 1)
      throw forbidden('Only site administrators may read the audit log');
    const start = queryStart(c);
    const limit = queryLimit(c, { defaultLimit: DEFAULT_AUDIT_LIMIT, maxLimit: MAX_AUDIT_LIMIT });
    const rows = context.audit.search({
      startDate: queryDate(c, 'startDate'),
      endDate: queryDate(c, 'endDate'),
      searchString: queryString(c, 'searchString'),
      start,
      limit,
    });
    const results = rows.slice(0, limit).map((row) => auditJson(context, row));
    return c.json(offsetBody(c, results, start, limit, rows.length > limit));
  });
  return app;
}

function queryDate(c: Context, name: string): number | undefined {
  const raw = queryString(c, name);
  if (raw === undefined) return undefined;
  const value = /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
  if (!Number.isFinite(value))
    throw invalidParameter(name, `'${name}' must be epoch milliseconds or an ISO date; got ${raw}`);
  return value;
}

function auditJson(context: EmulatorContext, row: AuditRow) {
  const author = context.users.byId(row.author_id);
  return {
    author: {
      type: 'user',
      displayName: author?.display_name ?? 'Unknown user',
      accountId: row.author_id,
      accountType: author?.account_type ?? 'atlassian',
      publicName: author?.display_name ?? 'Unknown user',
      operations: null,
      isExternalCollaborator: false,
    },
    remoteAddress: row.remote_address,
    creationDate: row.created_at,
    summary: row.summary,
    description: row.description,
    category: row.category,
    sysAdmin: author?.is_admin === 1,
    superAdmin: false,
    affectedObject: { name: row.object_name ?? '', objectType: row.object_type ?? '' },
    changedValues: [],
    associatedObjects: [],
  };
}
