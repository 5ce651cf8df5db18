/**
 * v1 content restrictions (swagger.v3.json "Content restrictions"): GET/PUT/POST/DELETE
 * /content/{id}/restriction, GET …/byOperation and …/byOperation/{operationKey}, and
 * GET/PUT/DELETE …/byOperation/{operationKey}/user?accountId=.
 */
import { Hono, type Context } from 'hono';
import type { EmulatorContext } from '../context.ts';
import { contentIdParam } from '../attachments/ids.ts';
import { loadContent } from '../content/access.ts';
import type { ContentWithVersion } from '../content/queries.ts';
import type { ContentType } from '../content/schema.ts';
import { transaction } from '../database/open.ts';
import { readJsonBody } from '../http/body.ts';
import type { EmulatorEnv } from '../http/env.ts';
import { badRequest, invalidParameter, notFound } from '../http/errors.ts';
import { mountPrefix, siteBase } from '../http/links.ts';
import { queryEnumList, queryInteger, queryString } from '../http/query.ts';
import { assertCanEdit } from './access.ts';
import { parseRestrictionWrite, resolveRestrictions } from './input.ts';
import {
  RESTRICTION_EXPANDS,
  type RestrictionJsonOptions,
  createRestrictionPresenter,
} from './json.ts';
import { RESTRICTED_OPERATIONS, type RestrictedOperation } from './schema.ts';
import type { RestrictionStore } from './store.ts';

/** What can carry restrictions: pages, blog posts, attachments and the other tree content. */
const RESTRICTABLE: readonly ContentType[] = [
  'page',
  'blogpost',
  'attachment',
  'whiteboard',
  'folder',
  'database',
  'embed',
];
/** Users and groups per restriction (swagger.v3.json getRestrictions `limit` default 100). */
export const DEFAULT_RESTRICTION_LIMIT = 100;

type RouteContext = Context<EmulatorEnv>;

export function restrictionRoutesV1(
  context: EmulatorContext,
  store: RestrictionStore,
): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();
  const load = (c: RouteContext) =>
    loadContent(context, c.get('user'), contentIdParam(c, 'id'), RESTRICTABLE);

  function options(c: RouteContext): RestrictionJsonOptions {
    return {
      expand: queryEnumList(c, 'expand', RESTRICTION_EXPANDS),
      start: queryInteger(c, 'start', { min: 0 }) ?? 0,
      limit: queryInteger(c, 'limit', { min: 0 }) ?? DEFAULT_RESTRICTION_LIMIT,
    };
  }

  function answer(c: RouteContext, content: ContentWithVersion) {
    const json = createRestrictionPresenter(context, c).array(
      content,
      store.ofContent(content.id),
      options(c),
    );
    return c.json(json);
  }

  /** Runs `change` atomically; 400 (rolled back) when it would lock the caller out. */
  function write(c: RouteContext, content: ContentWithVersion, change: () => void) {
    const user = c.get('user');
    assertCanEdit(context, user, content.id);
    c.set('audit', {
      summary: 'Content restrictions changed',
      category: 'Permissions',
      affectedObject: { name: content.title, objectType: content.type },
    });
    transaction(context.db, () => {
      change();
      if (
        store.isHidden(content.id, user.account_id) ||
        !store.mayUpdate(content.id, user.account_id)
      )
        throw badRequest(
          `These restrictions would lock the caller (${user.account_id}) out of content ${content.id}: include your own accountId in every read and update restriction you set`,
          'body',
        );
    });
  }

  app.get('/content/:id/restriction', (c) => answer(c, load(c)));

  for (const method of ['put', 'post'] as const) {
    app[method]('/content/:id/restriction', async (c) => {
      const content = load(c);
      options(c);
      const updates = resolveRestrictions(context, parseRestrictionWrite(await readJsonBody(c)));
      write(c, content, () => {
        if (method === 'put') store.clear(content.id);
        for (const update of updates) {
          if (method === 'put') store.replace(content.id, update.operation, update.subjects);
          else store.add(content.id, update.operation, update.subjects);
        }
      });
      return answer(c, content);
    });
  }

  app.delete('/content/:id/restriction', (c) => {
    const content = load(c);
    options(c);
    write(c, content, () => store.clear(content.id));
    return answer(c, content);
  });

  app.get('/content/:id/restriction/byOperation', (c) => {
    const content = load(c);
    const expand = queryEnumList(c, 'expand', [
      'restrictions.user',
      'restrictions.group',
      'content',
    ]);
    const presenter = createRestrictionPresenter(context, c);
    const rows = store.ofContent(content.id);
    const json: Record<string, unknown> = {};
    for (const operation of RESTRICTED_OPERATIONS)
      json[operation] = presenter.restriction(content, operation, rows, {
        expand,
        start: 0,
        limit: DEFAULT_RESTRICTION_LIMIT,
      });
    json['_links'] = { base: siteBase(c), context: `${mountPrefix(c)}/wiki` };
    return c.json(json);
  });

  app.get('/content/:id/restriction/byOperation/:operationKey', (c) => {
    const content = load(c);
    const operation = operationParam(c);
    const expand = queryEnumList(c, 'expand', [
      'restrictions.user',
      'restrictions.group',
      'content',
    ]);
    const { start, limit } = options(c);
    const presenter = createRestrictionPresenter(context, c);
    return c.json(
      presenter.restriction(content, operation, store.ofContent(content.id), {
        expand,
        start,
        limit,
      }),
    );
  });

  app.get('/content/:id/restriction/byOperation/:operationKey/user', (c) => {
    const content = load(c);
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

  app.put('/content/:id/restriction/byOperation/:operationKey/user', (c) => {
    const content = load(c);
    const operation = operationParam(c);
    const accountId = accountIdParam(c);
    if (!context.users.byId(accountId))
      throw invalidParameter('accountId', `No user found with accountId ${accountId}`);
    write(c, content, () => store.add(content.id, operation, [{ type: 'user', id: accountId }]));
    return c.body(null, 200);
  });

  app.delete('/content/:id/restriction/byOperation/:operationKey/user', (c) => {
    const content = load(c);
    const operation = operationParam(c);
    const accountId = accountIdParam(c);
    write(c, content, () =>
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
