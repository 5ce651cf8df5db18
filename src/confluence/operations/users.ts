/** Users (v1 only: v2 has no current-user or user-search endpoint). */
import { z } from 'zod';
import { defineOperation } from '../operation.ts';
import { queryFrom } from './support/http.ts';
import { offsetPage } from './support/paging.ts';
import { offsetCursor } from './support/schemas.ts';
import {
  anonymousFromV1,
  userFromV1,
  type V1SearchResult,
  type V1User,
} from './support/v1-mappers.ts';

export const currentUser = defineOperation({
  name: 'users.current',
  summary: 'Get the user the workbench acts as (account id, display name, email...).',
  composioName: 'CONFLUENCE_GET_CURRENT_USER',
  operationId: 'getCurrentUser',
  endpoint: 'GET /wiki/rest/api/user/current',
  kind: 'read',
  input: z.strictObject({}),
  resultType: 'User',
  example: `const me = await confluence.users.current();
return { accountId: me.accountId, name: me.displayName };`,
  siteWide: 'site',
  request: () => ({ api: 'v1', method: 'GET', path: '/user/current' }),
  transform: (response) => userFromV1(response.body as V1User),
});

export const anonymousUser = defineOperation({
  name: 'users.anonymous',
  summary: 'Get how Confluence shows anonymous visitors, and what they may do.',
  composioName: 'CONFLUENCE_GET_ANONYMOUS_USER',
  operationId: 'getAnonymousUser',
  endpoint: 'GET /wiki/rest/api/user/anonymous',
  kind: 'read',
  input: z.strictObject({
    includeOperations: z
      .boolean()
      .optional()
      .describe('Include the operations anonymous visitors may perform.'),
  }),
  resultType: 'AnonymousUser',
  example: `const anonymous = await confluence.users.anonymous({ includeOperations: true });
return anonymous.operations?.length ?? 0;`,
  siteWide: 'site',
  request: (input) => ({
    api: 'v1',
    method: 'GET',
    path: '/user/anonymous',
    query: { expand: input.includeOperations ? 'operations' : undefined },
  }),
  transform: (response) => anonymousFromV1(response.body as V1User),
});

export const searchUsers = defineOperation({
  name: 'users.search',
  summary: 'Find users with CQL user fields (user.fullname ~ "ada", user.accountid = "...").',
  composioName: 'CONFLUENCE_SEARCH_USERS',
  operationId: 'searchUser',
  endpoint: 'GET /wiki/rest/api/search/user',
  kind: 'read',
  pagination: 'offset',
  input: z.strictObject({
    cql: z
      .string()
      .trim()
      .min(1, { error: 'expected a CQL user query such as \'user.fullname ~ "ada"\'' })
      .describe('A CQL query on user fields only, e.g. \'type = user AND user.fullname ~ "ada"\'.'),
    sitePermissionTypeFilter: z
      .enum(['all', 'externalCollaborator', 'none'])
      .optional()
      .describe('Filter by site permission type (default "none").'),
    limit: z.number().int().min(1).max(1000).optional().describe('Results per page (default 25).'),
    cursor: offsetCursor(),
  }),
  positional: ['cql'],
  resultType: 'Paged<User>',
  example: `const { results } = await confluence.users.search('user.fullname ~ "ada"');
return results.map((user) => ({ id: user.accountId, name: user.displayName }));`,
  siteWide: 'site',
  request: (input) => ({
    api: 'v1',
    method: 'GET',
    path: '/search/user',
    query: {
      ...queryFrom(input, ['cql', 'sitePermissionTypeFilter', 'limit'], 'as-is'),
      start: input.cursor,
    },
  }),
  transform: (response) =>
    offsetPage(response, (hit: V1SearchResult) => userFromV1(hit.user ?? {})),
});
