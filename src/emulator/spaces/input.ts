/**
 * Request bodies of space creation: v2 POST /spaces (SpaceCreateRequest) and v1 SpaceCreate.
 * Space keys: letters and digits only (support.atlassian.com "Create a space").
 */
import { z } from 'zod';

/** Confluence accepts keys of letters and digits, stored upper case. */
export const SPACE_KEY_PATTERN = /^[A-Za-z0-9]{1,255}$/;

const key = z
  .string()
  .regex(SPACE_KEY_PATTERN, 'a space key holds letters and digits only (1..255)');

export const createSpaceSchema = z.object({
  name: z.string().min(1).max(200),
  key: key.optional(),
  alias: z
    .string()
    .regex(/^[a-z0-9-]{1,255}$/i, 'an alias holds letters, digits and dashes')
    .optional(),
  description: z
    .object({ value: z.string(), representation: z.enum(['plain']).default('plain') })
    .optional(),
  createPrivateSpace: z.boolean().default(false),
  roleAssignments: z.unknown().optional(),
  copySpaceAccessConfiguration: z.unknown().optional(),
  templateKey: z.string().optional(),
});

export const createSpaceV1Schema = z.looseObject({
  name: z.string().min(1).max(200),
  key: key.optional(),
  alias: z.string().optional(),
  description: z
    .object({ plain: z.object({ value: z.string(), representation: z.string().optional() }) })
    .optional(),
  permissions: z.unknown().optional(),
});

/** The key of a new space: `key`, else `alias` upper-cased without dashes. */
export function spaceKeyOf(input: {
  key?: string | undefined;
  alias?: string | undefined;
}): string | undefined {
  if (input.key) return input.key.toUpperCase();
  return input.alias ? input.alias.replace(/-/g, '').toUpperCase() || undefined : undefined;
}
