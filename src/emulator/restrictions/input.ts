/**
 * The body of PUT/POST /content/{id}/restriction (swagger.v3.json
 * `ContentRestrictionAddOrUpdateArray`): an array of `ContentRestrictionUpdate`, or an object with
 * `results`. Each names an operation and its users (array of `User` or a `UserArray`) and groups.
 */
import { z } from 'zod';
import type { EmulatorContext } from '../context.ts';
import { validate } from '../http/body.ts';
import { badRequest, invalidParameter } from '../http/errors.ts';
import {
  RESTRICTED_OPERATIONS,
  type RestrictedOperation,
  type RestrictionSubject,
} from './schema.ts';

/** Every operation the document's enum lists; only `read` and `update` apply to content. */
const DOCUMENTED_OPERATIONS = [
  'administer',
  'copy',
  'create',
  'delete',
  'export',
  'move',
  'purge',
  'purge_version',
  'read',
  'restore',
  'update',
  'use',
] as const;

const userReference = z.looseObject({
  accountId: z.string().min(1, 'a user needs an accountId'),
});
const groupReference = z
  .looseObject({
    type: z.literal('group').optional(),
    id: z.string().min(1).optional(),
    name: z.string().min(1).optional(),
  })
  .refine((group) => group.id !== undefined || group.name !== undefined, 'a group needs an id');

function unwrapResults(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && 'results' in value)
    return (value as { results: unknown }).results;
  return value;
}

const restrictionUpdate = z.looseObject({
  operation: z.enum(DOCUMENTED_OPERATIONS),
  restrictions: z
    .looseObject({
      // An array of `User` or a `UserArray` ({ results }): unwrapped first, so that a 400
      // names the bad user (`body.0.restrictions.user.1.accountId`).
      user: z.preprocess(unwrapResults, z.array(userReference)).optional(),
      group: z.array(groupReference).optional(),
    })
    .refine(
      (restrictions) => restrictions.user !== undefined || restrictions.group !== undefined,
      'at least one of user or group must be specified',
    ),
});

const restrictionList = z.array(restrictionUpdate);

export type RestrictionWrite = z.infer<typeof restrictionList>;

/**
 * Validates either form; the 400 names the offending field (`body.0.operation`, …) rather than
 * the union as a whole.
 */
export function parseRestrictionWrite(body: unknown): RestrictionWrite {
  if (Array.isArray(body)) return validate(body, restrictionList);
  if (body !== null && typeof body === 'object' && 'results' in body)
    return validate((body as { results: unknown }).results, restrictionList);
  throw badRequest('body must be an array of restrictions or an object with results', 'body');
}

export interface ResolvedRestriction {
  operation: RestrictedOperation;
  subjects: RestrictionSubject[];
}

/** Checks the operations and that every user exists; 400 naming the offending field. */
export function resolveRestrictions(
  context: EmulatorContext,
  input: RestrictionWrite,
): ResolvedRestriction[] {
  return input.map((update, index) => {
    const field = `body[${index}]`;
    const operation = update.operation;
    if (!(RESTRICTED_OPERATIONS as readonly string[]).includes(operation))
      throw invalidParameter(
        `${field}.operation`,
        `Only read and update restrictions apply to content; got ${operation}`,
      );
    const subjects: RestrictionSubject[] = (update.restrictions.user ?? []).map((user) => {
      if (!context.users.byId(user.accountId))
        throw invalidParameter(
          `${field}.restrictions.user`,
          `No user found with accountId ${user.accountId}`,
        );
      return { type: 'user', id: user.accountId };
    });
    for (const group of update.restrictions.group ?? [])
      subjects.push({ type: 'group', id: (group.id ?? group.name)! });
    return { operation: operation as RestrictedOperation, subjects };
  });
}
