/** The site's audit log (v1, admins only; offset paging, 1,000 records a page by default). */
import { z } from 'zod';
import { defineOperation } from '../operation.ts';
import type { AuditRecord } from './models/people.ts';
import { offsetPage } from './support/paging.ts';
import { epochMillis, offsetCursor } from './support/schemas.ts';

interface V1AuditRecord extends Omit<AuditRecord, 'author'> {
  author?: { accountId?: string; displayName?: string; publicName?: string; type?: string };
}

export const listAuditRecords = defineOperation({
  name: 'audit.list',
  summary: 'Read the audit log (site admins only), by date range or text.',
  composioName: 'CONFLUENCE_GET_AUDIT_LOGS',
  operationId: 'getAuditRecords',
  endpoint: 'GET /wiki/rest/api/audit',
  kind: 'read',
  pagination: 'offset',
  input: z.strictObject({
    startDate: epochMillis('Records from this moment'),
    endDate: epochMillis('Records up to this moment'),
    searchString: z.string().optional().describe('Only records mentioning this text.'),
    limit: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .optional()
      .describe('Records per page (default 1000).'),
    cursor: offsetCursor(),
  }),
  resultType: 'Paged<AuditRecord>',
  example: `const week = await confluence.audit.list({ startDate: '2026-01-01', endDate: '2026-01-08', limit: 100 });
return week.results.map((record) => \`\${record.category}: \${record.summary}\`);`,
  // Audit records tell of every space's content and no parameter narrows them to a space.
  siteWide: 'every-space',
  request: (input) => ({
    api: 'v1',
    method: 'GET',
    path: '/audit',
    query: {
      // v1 takes the dates as strings of epoch milliseconds (notes/confluence-api.md §2, #22).
      startDate: input.startDate === undefined ? undefined : String(input.startDate),
      endDate: input.endDate === undefined ? undefined : String(input.endDate),
      searchString: input.searchString,
      limit: input.limit,
      start: input.cursor,
    },
  }),
  transform: (response) =>
    offsetPage(response, (record: V1AuditRecord): AuditRecord => ({
      ...record,
      author: {
        ...(record.author?.accountId ? { accountId: record.author.accountId } : {}),
        ...(record.author?.displayName || record.author?.publicName
          ? { displayName: record.author.displayName ?? record.author.publicName }
          : {}),
        ...(record.author?.type ? { type: record.author.type } : {}),
      },
    })),
});
