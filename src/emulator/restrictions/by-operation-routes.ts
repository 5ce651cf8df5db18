/**
 * v1 restrictions by operation (swagger.v3.json): GET /content/{id}/restriction/byOperation
 * (`{read, update, _links}`), GET …/byOperation/{operationKey} (one `ContentRestriction`), and
 * GET/PUT/DELETE …/byOperation/{operationKey}/user?accountId= (200 with an empty body; GET is a
 * 404 when the restriction does not name the user). An unknown operation is a 404.
 */
import { Hono, type Context } from 'hono';
import type { EmulatorContext } from '../context.ts';
import type { EmulatorEnv } from '../http/env.ts';
import { invalidParameter, notFound } from '../http/errors.ts';
import { mountPrefix, siteBase } from '../http/links.ts';
import { queryString } from '../http/query.ts';
import { createRestrictionPresenter } from './json.ts';
import {
  DEFAULT_RESTRICTION_LIMIT,
  loadRestrictable,
  restrictionOptions,
  writeRestrictions,
} from './route-helpers.ts';
import { RESTRICTED_OPERATIONS, type RestrictedOperation } from './schema.ts';
import type { RestrictionStore } from './store.ts';

/** `expand` of the by-operation reads. */
const OPERATION_EXPANDS = ['restrictions.user', 'restrictions.group', 'content'];

type RouteContext = Context<EmulatorEnv>;

export function byOperationRoutes(
  context: EmulatorContext,
  store: RestrictionStore,
): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();
  const base = '/content/:id/restriction/byOperation';

  app.get(base, (c) => {
    const content = loadRestrictable(context, c);
    const { expand } = restrictionOptions(c, OPERATION_EXPANDS);
    const presenter = createRestrictionPresenter(context, c);
    const rows = store.ofContent(content.id);
    const options = { expand, start: 0, limit: DEFAULT_RESTRICTION_LIMIT };
    const json: Record<string, unknown> = {};
    for (const operation of RESTRICTED_OPERATIONS)
      json[operation] = presenter.restriction(content, operation, rows, options);
    json['_links'] = { base: siteBase(c), context: `${mountPrefix(c)}/wiki` };
    return c.json(json);
  });

  app.get(`${base}/:operationKey`, (c) => {
    const content = loadRestrictable(context, c);
    const operation = operationParam(c);
    const options = restrictionOptions(c, OPERATION_EXPANDS);
    const presenter = createRestrictionPresenter(context, c);
    return c.json(presenter.restriction(content, operation, store.ofContent(content.id), options));
  });

  app.get(`${base}/:operationKey/user`, (c) => {
    const content = loadRestrictable(context, c);
    const operation = operationParam(c);
    const accountId = accountIdParam(c);
    const named = store
      .ofContent(content.id)
      .some(
        (row) =>
          row.operation === operation &&
          row.subject_type === 'user' &&
          row.subject_id === accountId,
      );
    if (!named)
      throw notFound(
        `The ${operation} restriction of content ${content.id} does not name ${accountId}`,
      );
    return c.body(null, 200);
  });

  app.put(`${base}/:operationKey/user`, (c) => {
    const content = loadRestrictable(context, c);
    const operation = operationParam(c);
    const accountId = accountIdParam(c);
    if (!context.users.byId(accountId))
      throw invalidParameter('accountId', `No user found with accountId ${accountId}`);
    writeRestrictions(context, store, c, content, () =>
      store.add(content.id, operation, [{ type: 'user', id: accountId }]),
    );
    return c.body(null, 200);
  });

  app.delete(`${base}/:operationKey/user`, (c) => {
    const content = loadRestrictable(context, c);
    const operation = operationParam(c);
    const accountId = accountIdParam(c);
    writeRestrictions(context, store, c, content, () =>
      store.removeSubject(content.id, operation, { type: 'user', id: accountId }),
    );
    return c.body(null, 200);
  });
  return app;
}

/** `read` or `update`; anything else is a 404, as the document says for an invalid operation. */
function operationParam(c: RouteContext): RestrictedOperation {
  const raw = c.req.param('operationKey') ?? '';
  if ((RESTRICTED_OPERATIONS as readonly string[]).includes(raw)) return raw as RestrictedOperation;
  throw notFound(`No such restriction operation: ${raw}; content restrictions are read and update`);
}

function accountIdParam(c: RouteContext): string {
  const accountId = queryString(c, 'accountId');
  if (accountId === undefined)
    throw invalidParameter('accountId', "The query parameter 'accountId' is required");
  return accountId;
}
