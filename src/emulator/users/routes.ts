/**
 * Users: GET /wiki/rest/api/user/current, /user/anonymous, /user?accountId= (v1) and
 * POST /wiki/api/v2/users-bulk (v2).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { EmulatorContext } from '../context.ts';
import { readBody } from '../http/body.ts';
import type { EmulatorEnv } from '../http/env.ts';
import { invalidParameter, notFound } from '../http/errors.ts';
import { mountPrefix, siteBase } from '../http/links.ts';
import { queryEnumList, queryString } from '../http/query.ts';
import { anonymousJson, bulkUserJson, userJson } from './json.ts';

const USER_EXPANDS = ['operations', 'personalSpace', 'isExternalCollaborator'] as const;
/** POST /users-bulk: `accountIds` holds 1..250 ids (openapi-v2 createBulkUserLookup). */
const MAX_BULK_ACCOUNT_IDS = 250;

const bulkLookupSchema = z.object({
  accountIds: z.array(z.string()).min(1).max(MAX_BULK_ACCOUNT_IDS),
});

export function userRoutesV1(context: EmulatorContext): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();
  app.get('/user/current', (c) => {
    queryEnumList(c, 'expand', USER_EXPANDS);
    return c.json(userJson(c.get('user'), { base: siteBase(c), prefix: mountPrefix(c) }));
  });
  app.get('/user/anonymous', (c) => {
    queryEnumList(c, 'expand', ['operations']);
    return c.json(anonymousJson({ base: siteBase(c), prefix: mountPrefix(c) }));
  });
  app.get('/user', (c) => {
    queryEnumList(c, 'expand', USER_EXPANDS);
    const accountId = queryString(c, 'accountId');
    if (!accountId)
      throw invalidParameter('accountId', "The query parameter 'accountId' is required");
    const user = context.users.byId(accountId);
    if (!user) throw notFound(`No user found with accountId ${accountId}`);
    return c.json(userJson(user, { base: siteBase(c), prefix: mountPrefix(c) }));
  });
  return app;
}

export function userRoutesV2(context: EmulatorContext): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();
  app.post('/users-bulk', async (c) => {
    const { accountIds } = await readBody(c, bulkLookupSchema);
    const users = accountIds.flatMap((accountId) => context.users.byId(accountId) ?? []);
    // A lookup is a read: do not audit it.
    c.set('audit', 'read');
    return c.json({
      results: users.map((user) => bulkUserJson(user, mountPrefix(c))),
      _links: { base: siteBase(c) },
    });
  });
  return app;
}
