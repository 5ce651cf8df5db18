/**
 * The four property operations (list, create, update, delete) built for one owner kind: pages,
 * blog posts, spaces or whiteboards share the v2 shape `/{owners}/{owner-id}/properties[/{id}]`
 * and differ only in names and path spellings (the spec mixes `{id}` and `{whiteboard-id}`:
 * notes/confluence-api.md §2.1).
 */
import { z } from 'zod';
import { defineOperation, type OperationContext, type SpaceReference } from '../../operation.ts';
import type { JsonValue } from '../models/common.ts';
import type { ContentProperty, SpaceProperty } from '../models/properties.ts';
import { pathOf } from './http.ts';
import { cursorPage } from './paging.ts';
import { plannedId } from './plan.ts';
import { cursor, jsonValue, limit, numericId, spaceRef, versionInput } from './schemas.ts';
import { resolveSpaceId, spaceOf } from './space-refs.ts';

export interface PropertyOwner {
  /** SDK resource: `pages`, `blogposts`, `spaces`, `whiteboards`. */
  resource: string;
  /** In words: `page`, `blog post`. */
  what: string;
  /** Input field naming the owner: `pageId`. */
  ownerField: string;
  /** Path of the collection, with the owner as `{owner}`: `/pages/{owner}/properties`. */
  collection: string;
  /** The collection's path as the spec writes it, for docs: `/pages/{page-id}/properties`. */
  specCollection: string;
  /** The create endpoint's spelling when it differs (whiteboards: `/whiteboards/{id}/properties`). */
  specCreateCollection?: string;
  /** The example owner id. */
  exampleId: string;
  /** False when the owner kind has no property listing (whiteboards, among the 62). */
  listable?: boolean;
}

export interface PropertyNames {
  composioName: string;
  operationId: string;
}

type Property = ContentProperty | SpaceProperty;

/** The zod shape of the owner field: `{ pageId: ... }`. */
function ownerShape(owner: PropertyOwner) {
  const schema =
    owner.resource === 'spaces'
      ? spaceRef().describe('The space key (e.g. "ENG") or numeric id.')
      : numericId(`a ${owner.what}`).describe(`The ${owner.what} id.`);
  return { [owner.ownerField]: schema };
}

/**
 * The owner field's name varies (`pageId`, `spaceId`...), which TypeScript cannot follow through
 * zod's inference; these are the parsed inputs as the factories see them.
 */
interface OwnedInput {
  readonly [field: string]: unknown;
}
interface ListInput extends OwnedInput {
  key?: string;
  sort?: 'key' | '-key';
  limit?: number;
  cursor?: string;
}
interface CreateInput extends OwnedInput {
  key: string;
  value: JsonValue;
}
interface UpdateInput extends CreateInput {
  propertyId: string;
  version: { number: number; message?: string };
}
interface DeleteInput extends OwnedInput {
  propertyId: string;
}

function typed<Input>(schema: z.ZodType): z.ZodType<Input> {
  return schema as z.ZodType<Input>;
}

async function ownerPath(
  owner: PropertyOwner,
  ownerId: string,
  context: OperationContext,
  propertyId?: string,
): Promise<string> {
  const id = owner.resource === 'spaces' ? await resolveSpaceId(ownerId, context) : ownerId;
  const collection = pathOf(owner.collection, { owner: id });
  return propertyId === undefined
    ? collection
    : collection + pathOf('/{propertyId}', { propertyId });
}

function access(input: OwnedInput, field: string): string {
  return String(input[field]);
}

/** What the allowed-spaces policy checks: the space, or the page or blog post that owns the property. */
function spaceHook(owner: PropertyOwner) {
  return (input: OwnedInput): SpaceReference | undefined => {
    const ownerId = access(input, owner.ownerField);
    if (owner.resource === 'spaces') return spaceOf(ownerId);
    if (owner.resource === 'pages') return { pageId: ownerId };
    if (owner.resource === 'blogposts') return { blogPostId: ownerId };
    return { whiteboardId: ownerId };
  };
}

export function listProperties(owner: PropertyOwner, names: PropertyNames) {
  const sortable = owner.resource !== 'spaces';
  return defineOperation({
    name: `${owner.resource}.properties.list`,
    summary: `List the properties of a ${owner.what} (or find one by key).`,
    ...names,
    endpoint: `GET /wiki/api/v2${owner.specCollection}`,
    kind: 'read',
    pagination: 'cursor',
    input: typed<ListInput>(
      z.strictObject({
        ...ownerShape(owner),
        key: z.string().optional().describe('Only the property with this key.'),
        ...(sortable
          ? { sort: z.enum(['key', '-key']).optional().describe('Sort by key, "-key" descending.') }
          : {}),
        limit: limit(),
        cursor: cursor(),
      }),
    ),
    positional: [owner.ownerField],
    resultType: owner.resource === 'spaces' ? 'Paged<SpaceProperty>' : 'Paged<ContentProperty>',
    example: `const { results } = await confluence.${owner.resource}.properties.list('${owner.exampleId}', { key: 'review-state' });
return results[0]?.value ?? null;`,
    space: spaceHook(owner),
    execute: async (input, context) => {
      const response = await context.request({
        api: 'v2',
        method: 'GET',
        path: await ownerPath(owner, access(input, owner.ownerField), context),
        query: { key: input.key, sort: input.sort, limit: input.limit, cursor: input.cursor },
      });
      return cursorPage<Property>(response);
    },
  });
}

export function createProperty(owner: PropertyOwner, names: PropertyNames) {
  return defineOperation({
    name: `${owner.resource}.properties.create`,
    summary: `Add a property (a key with a JSON value) to a ${owner.what}.`,
    ...names,
    endpoint: `POST /wiki/api/v2${owner.specCreateCollection ?? owner.specCollection}`,
    kind: 'write',
    input: typed<CreateInput>(
      z.strictObject({
        ...ownerShape(owner),
        key: z.string().min(1).max(255).describe('The property key, unique on its owner.'),
        value: jsonValue('The value'),
      }),
    ),
    positional: [owner.ownerField],
    resultType: owner.resource === 'spaces' ? 'SpaceProperty' : 'ContentProperty',
    example: `const property = await confluence.${owner.resource}.properties.create('${owner.exampleId}', {
  key: 'review-state',
  value: { state: 'approved', by: 'ada' },
});
return property.id;`,
    target: (input) => `property ${input.key} on ${owner.what} ${access(input, owner.ownerField)}`,
    space: spaceHook(owner),
    plan: (input) =>
      ({
        id: plannedId(input),
        key: input.key,
        value: input.value,
        version: { number: 1 },
      }) as Property,
    execute: async (input, context) => {
      const response = await context.request({
        api: 'v2',
        method: 'POST',
        path: await ownerPath(owner, access(input, owner.ownerField), context),
        body: { key: input.key, value: input.value },
      });
      return response.body as Property;
    },
  });
}

export function updateProperty(owner: PropertyOwner, names: PropertyNames) {
  return defineOperation({
    name: `${owner.resource}.properties.update`,
    summary: `Change a ${owner.what} property's value, with the next version number.`,
    ...names,
    endpoint: `PUT /wiki/api/v2${owner.specCollection}/{property-id}`,
    kind: 'write',
    input: typed<UpdateInput>(
      z.strictObject({
        ...ownerShape(owner),
        propertyId: numericId('a property').describe('The property id (from properties.list).'),
        key: z.string().min(1).max(255).describe('The property key.'),
        value: jsonValue('The new value'),
        version: versionInput('property'),
      }),
    ),
    positional: [owner.ownerField, 'propertyId'],
    resultType: owner.resource === 'spaces' ? 'SpaceProperty' : 'ContentProperty',
    example:
      owner.listable === false
        ? `const updated = await confluence.${owner.resource}.properties.update('${owner.exampleId}', '5', {
  key: 'review-state',
  value: { state: 'rejected' },
  version: 2,
});
return updated.version.number;`
        : `const [property] = (await confluence.${owner.resource}.properties.list('${owner.exampleId}', { key: 'review-state' })).results;
if (!property) return 'no such property';
const updated = await confluence.${owner.resource}.properties.update('${owner.exampleId}', property.id, {
  key: property.key,
  value: { state: 'rejected' },
  version: property.version.number + 1,
});
return updated.version.number;`,
    target: (input) =>
      `property ${input.propertyId} on ${owner.what} ${access(input, owner.ownerField)}`,
    space: spaceHook(owner),
    plan: (input) =>
      ({
        id: input.propertyId,
        key: input.key,
        value: input.value,
        version: input.version,
      }) as Property,
    execute: async (input, context) => {
      const response = await context.request({
        api: 'v2',
        method: 'PUT',
        path: await ownerPath(owner, access(input, owner.ownerField), context, input.propertyId),
        body: { key: input.key, value: input.value, version: input.version },
      });
      return response.body as Property;
    },
  });
}

export function deleteProperty(owner: PropertyOwner, names: PropertyNames) {
  return defineOperation({
    name: `${owner.resource}.properties.delete`,
    summary: `Delete a property of a ${owner.what}.`,
    ...names,
    endpoint: `DELETE /wiki/api/v2${owner.specCollection}/{property-id}`,
    kind: 'write',
    input: typed<DeleteInput>(
      z.strictObject({
        ...ownerShape(owner),
        propertyId: numericId('a property').describe('The property id (from properties.list).'),
      }),
    ),
    positional: [owner.ownerField, 'propertyId'],
    resultType: 'void',
    example: `await confluence.${owner.resource}.properties.delete('${owner.exampleId}', '5');
return 'deleted';`,
    target: (input) =>
      `property ${input.propertyId} on ${owner.what} ${access(input, owner.ownerField)}`,
    space: spaceHook(owner),
    plan: () => undefined,
    execute: async (input, context) => {
      await context.request({
        api: 'v2',
        method: 'DELETE',
        path: await ownerPath(owner, access(input, owner.ownerField), context, input.propertyId),
      });
      return undefined;
    },
  });
}
