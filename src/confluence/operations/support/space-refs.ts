/**
 * Spaces by key or id, whichever the script has. The v2 API takes numeric space ids only and the
 * v1 API keys only (notes/confluence-api.md §2.1, "Space keys vs ids"); these helpers translate
 * with `GET /spaces?keys=KEY` or `GET /spaces/{id}`, memoized for the run in `runCache`.
 *
 * A reference made only of digits is taken as an id. Space keys may be any alphanumerics
 * (confluence.atlassian.com, "Choosing a space key"), so an all-digit key is possible but is then
 * read as an id; in practice keys are words (`ENG`) or `~accountid` for personal spaces.
 */
import type { OperationContext, SpaceReference } from '../../operation.ts';
import { OperationError } from './errors.ts';
import { pathOf } from './http.ts';

const DIGITS = /^\d+$/;

export function isSpaceId(reference: string): boolean {
  return DIGITS.test(reference);
}

/** What the allowed-spaces policy needs to know about a reference. */
export function spaceOf(reference: string | undefined): SpaceReference | undefined {
  if (reference === undefined) return undefined;
  return isSpaceId(reference) ? { id: reference } : { key: reference };
}

async function remember(
  context: OperationContext,
  cacheKey: string,
  lookUp: () => Promise<string>,
): Promise<string> {
  const cached = context.runCache?.get(cacheKey);
  if (typeof cached === 'string') return cached;
  const value = await lookUp();
  context.runCache?.set(cacheKey, value);
  return value;
}

/** The numeric id of a space given by id or key. */
export async function resolveSpaceId(
  reference: string,
  context: OperationContext,
): Promise<string> {
  if (isSpaceId(reference)) return reference;
  return remember(context, `space-id:${reference}`, async () => {
    const response = await context.request({
      api: 'v2',
      method: 'GET',
      path: '/spaces',
      query: { keys: [reference], limit: 1 },
    });
    const space = (response.body as { results?: Array<{ id?: string; key?: string }> })
      ?.results?.[0];
    if (!space?.id) {
      throw new OperationError('SPACE_NOT_FOUND', `No space with key "${reference}"`, {
        status: 404,
      });
    }
    context.runCache?.set(`space-key:${space.id}`, reference);
    return String(space.id);
  });
}

/** The key of a space given by id or key. */
export async function resolveSpaceKey(
  reference: string,
  context: OperationContext,
): Promise<string> {
  if (!isSpaceId(reference)) return reference;
  return remember(context, `space-key:${reference}`, async () => {
    const response = await context.request({
      api: 'v2',
      method: 'GET',
      path: pathOf('/spaces/{id}', { id: reference }),
    });
    const key = (response.body as { key?: string } | undefined)?.key;
    if (!key) {
      throw new OperationError('SPACE_NOT_FOUND', `No space with id ${reference}`, { status: 404 });
    }
    context.runCache?.set(`space-id:${key}`, reference);
    return key;
  });
}

/** Resolves a list of references to ids, in order. */
export async function resolveSpaceIds(
  references: readonly string[] | undefined,
  context: OperationContext,
): Promise<string[] | undefined> {
  if (!references) return undefined;
  return Promise.all(references.map((reference) => resolveSpaceId(reference, context)));
}

/** Each space a list filter names, for the allowed-spaces policy (every one must be allowed). */
export function spacesOf(references: readonly string[] | undefined): SpaceReference[] {
  return (references ?? []).flatMap((reference) => spaceOf(reference) ?? []);
}

/**
 * The `narrow` of a list read filtered by `spaceId`: with no filter, the allowed spaces become
 * it, so Confluence answers from them only and its cursor and counts stay true. A filter the
 * script gave is left as is: `space` already checked that each of its spaces is allowed.
 * @example narrowSpaceFilter({ title: 'Runbook' }, ['MKT']) // { title: 'Runbook', spaceId: ['MKT'] }
 */
export function narrowSpaceFilter<Input extends { spaceId?: string[] | undefined }>(
  input: Input,
  keys: readonly string[],
): Input {
  return input.spaceId === undefined ? { ...input, spaceId: [...keys] } : input;
}
