/**
 * Attachment ids. Attachments are rows of the one content table, so their number comes from the
 * content sequence; on the wire Confluence writes them `att<number>` (openapi-v2 GET
 * /attachments/{id} pattern `(att)?[0-9]+`, v1 ids such as `att456`). Every path that takes a
 * content or attachment id accepts both forms.
 */
import type { Context } from 'hono';
import { invalidParameter } from '../http/errors.ts';

const ID_PATTERN = /^(att)?([0-9]{1,15})$/;

/** `att65601` for an attachment row id. */
export function attachmentId(contentId: number): string {
  return `att${contentId}`;
}

/** The content id in `raw` (`123` or `att123`), or undefined when it is not an id. */
export function parseContentId(raw: string): number | undefined {
  const match = ID_PATTERN.exec(raw.trim());
  if (!match) return undefined;
  const value = Number(match[2]);
  return Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

/**
 * A path id that may carry the `att` prefix; anything else is a 400 naming the parameter.
 * @example const id = contentIdParam(c, 'id'); // '/attachments/att65601' → 65601
 */
export function contentIdParam(c: Context, name: string): number {
  const raw = c.req.param(name) ?? '';
  const value = parseContentId(raw);
  if (value === undefined)
    throw invalidParameter(
      name,
      `Provided value {${raw}} for '${name}' is not the correct type. Expected a content id such as 65601 or att65601`,
    );
  return value;
}
