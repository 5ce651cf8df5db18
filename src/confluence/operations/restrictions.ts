/** Who may read or update a piece of content (v1 restrictions: v2 has none). */
import { z } from 'zod';
import { defineOperation } from '../operation.ts';
import type { ContentRestriction, Group } from './models/people.ts';
import { pathOf } from './support/http.ts';
import { offsetPage } from './support/paging.ts';
import { numericId, offsetCursor } from './support/schemas.ts';
import { userFromV1, type V1User } from './support/v1-mappers.ts';

interface V1Restriction {
  operation: string;
  restrictions?: {
    user?: { results?: V1User[] };
    group?: { results?: Array<{ id?: string; name: string }> };
  };
}

export const getRestrictions = defineOperation({
  name: 'restrictions.get',
  summary: 'List who a page or blog post is restricted to, per operation (read, update).',
  composioName: 'CONFLUENCE_GET_CONTENT_RESTRICTIONS',
  operationId: 'getRestrictions',
  endpoint: 'GET /wiki/rest/api/content/{id}/restriction',
  kind: 'read',
  pagination: 'offset',
  input: z.strictObject({
    contentId: numericId('a page or blog post').describe('The page or blog post id.'),
    limit: z
      .number()
      .int()
      .min(1)
      .max(100)
      .optional()
      .describe('Operations per page (default 100).'),
    cursor: offsetCursor(),
  }),
  positional: ['contentId'],
  resultType: 'Paged<ContentRestriction>',
  example: `const { results } = await confluence.restrictions.get('65537');
const read = results.find((restriction) => restriction.operation === 'read');
return read && (read.users.length > 0 || read.groups.length > 0) ? 'restricted' : 'open';`,
  space: (input) => ({ contentId: input.contentId }),
  request: (input) => ({
    api: 'v1',
    method: 'GET',
    path: pathOf('/content/{id}/restriction', { id: input.contentId }),
    query: {
      expand: ['restrictions.user', 'restrictions.group'],
      limit: input.limit,
      start: input.cursor,
    },
  }),
  transform: (response) =>
    offsetPage(response, (restriction: V1Restriction): ContentRestriction => ({
      operation: restriction.operation,
      users: (restriction.restrictions?.user?.results ?? []).map(userFromV1),
      groups: (restriction.restrictions?.group?.results ?? []).map((group): Group => ({
        id: String(group.id ?? ''),
        name: group.name,
      })),
    })),
});
