/**
 * zod building blocks shared by the registry. Every field of every operation carries a
 * `.describe()` text: it is the model's only documentation of the argument, and it reaches the
 * d.ts as JSDoc. Error messages name what was expected, so a validation failure reads as a fix.
 */
import { z } from 'zod';

const DIGITS = /^\d+$/;

/** An id Confluence writes as a string of digits; a number is accepted and turned into a string. */
export function numericId(what: string) {
  const expected = `expected ${what} id: a string of digits such as "65537"`;
  return z
    .union([z.string().regex(DIGITS, { error: expected }), z.number().int().nonnegative()], {
      error: expected,
    })
    .transform(String);
}

/** An attachment id: `att123456` (v1 style) or the bare digits. */
export function attachmentId() {
  const expected = 'expected an attachment id such as "att123456"';
  return z
    .union([z.string().regex(/^(att)?\d+$/, { error: expected }), z.number().int().nonnegative()], {
      error: expected,
    })
    .transform(String);
}

/** A space named by id (digits) or key (e.g. `ENG`, `~accountid` for personal spaces). */
export function spaceRef() {
  const expected = 'expected a space id (digits) or a space key such as "ENG"';
  return z
    .union([z.string().trim().min(1, { error: expected }), z.number().int().nonnegative()], {
      error: expected,
    })
    .transform(String);
}

/** One value or a list of them; always a list after parsing. */
export function oneOrMany<Item extends z.ZodType>(item: Item) {
  return z
    .union([item, z.array(item).min(1)])
    .transform((value): Array<z.output<Item>> => (Array.isArray(value) ? value : [value]));
}

/** Page size of a listing. */
export function limit(max = 250, fallback = 25) {
  return z
    .number()
    .int()
    .min(1)
    .max(max)
    .optional()
    .describe(`Results per page, 1-${max} (Confluence's default: ${fallback}).`);
}

/** The cursor of a v2 or v1-search listing. */
export function cursor() {
  return z
    .string()
    .min(1)
    .optional()
    .describe(
      'The nextCursor of a previous page: returns the page after it (give the same filters).',
    );
}

/** The cursor of a v1 offset listing: the index of the first item. */
export function offsetCursor() {
  return z
    .string()
    .regex(DIGITS, { error: 'expected the nextCursor of a previous page (digits)' })
    .optional()
    .describe('The nextCursor of a previous page: returns the page after it.');
}

/** Body formats a single GET of a page or blog post can return, plus the SDK's `markdown`. */
export const SINGLE_BODY_FORMATS = [
  'storage',
  'markdown',
  'atlas_doc_format',
  'view',
  'export_view',
  'anonymous_export_view',
  'styled_view',
  'editor',
] as const;

/** Body formats listings can return, plus the SDK's `markdown`. */
export const LIST_BODY_FORMATS = ['storage', 'markdown', 'atlas_doc_format'] as const;

export function singleBodyFormat() {
  return z
    .enum(SINGLE_BODY_FORMATS)
    .optional()
    .describe(
      'Return the body in this format (no body without it). `markdown` is converted from storage with macros kept as placeholders; `view` is rendered HTML.',
    );
}

export function listBodyFormat() {
  return z
    .enum(LIST_BODY_FORMATS)
    .optional()
    .describe(
      'Return each body in this format (no bodies without it). `markdown` is converted from storage, macros kept.',
    );
}

export const CONTENT_SORTS = [
  'id',
  '-id',
  'created-date',
  '-created-date',
  'modified-date',
  '-modified-date',
] as const;

export const COMMENT_SORTS = [
  'created-date',
  '-created-date',
  'modified-date',
  '-modified-date',
] as const;

export const LABEL_PREFIXES = ['my', 'team', 'global', 'system'] as const;

/** A version as a write carries it: the new number (current + 1), or `{ number, message }`. */
export function versionInput(what: string) {
  return z
    .union([
      z.number().int().min(1),
      z.object({
        number: z
          .number()
          .int()
          .min(1)
          .describe(`The new version number: the ${what}'s current + 1.`),
        message: z.string().optional().describe('A note recorded with the version.'),
      }),
    ])
    .transform((value) => (typeof value === 'number' ? { number: value } : value))
    .describe(
      `The new version number: the ${what}'s current version + 1 (or { number, message }). A stale number fails with a 409 CONFLICT.`,
    );
}

/** Epoch milliseconds, or an ISO 8601 date(-time) turned into epoch milliseconds. */
export function epochMillis(what: string) {
  return z
    .union([
      z.number().int().nonnegative(),
      z.string().refine((text) => !Number.isNaN(Date.parse(text)), {
        error: 'expected epoch milliseconds or an ISO 8601 date such as "2026-01-31"',
      }),
    ])
    .transform((value) => (typeof value === 'number' ? value : Date.parse(value)))
    .optional()
    .describe(`${what}: epoch milliseconds, or an ISO 8601 date such as "2026-01-31".`);
}

/** Any JSON value: what a content or space property holds. */
export function jsonValue(what: string) {
  return z
    .json()
    .describe(`${what}: any JSON value (object, array, string, number, boolean or null).`);
}
