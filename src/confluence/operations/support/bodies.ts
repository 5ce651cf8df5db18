/**
 * Bodies in and out. Writes accept `{ markdown }`, `{ storage }` or Confluence's own
 * `{ representation, value }`; reads asked for `markdown` fetch storage and convert it.
 */
import { z } from 'zod';
import type { Body } from '../models/common.ts';
import { markdownToStorage, storageToMarkdown } from './markdown.ts';

const WIRE_REPRESENTATIONS = ['storage', 'atlas_doc_format', 'wiki'] as const;

/** The body of a create or update. */
export function bodyInput(what: string) {
  return z
    .union(
      [
        z.strictObject({
          markdown: z
            .string()
            .describe(
              'GFM markdown. `- [ ] item` makes a Confluence task; `[text](<confluence-page:Title?space=KEY>)` links a page; keep `<!--confluence …-->` and confluence-storage blocks from a read as they are.',
            ),
        }),
        z.strictObject({
          storage: z.string().describe('Confluence storage format (XHTML with ac: macros).'),
        }),
        z.strictObject({
          representation: z
            .enum(WIRE_REPRESENTATIONS)
            .describe('Confluence representation of `value`.'),
          value: z.string().describe('The body in that representation (ADF as a JSON string).'),
        }),
      ],
      {
        error: `expected the ${what} body as { markdown: string }, { storage: string } or { representation, value }`,
      },
    )
    .describe(
      `The ${what} body: { markdown } (converted, macros kept), { storage } (XHTML) or { representation, value }.`,
    );
}

export type BodyInput = z.output<ReturnType<typeof bodyInput>>;

/** What Confluence's v2 API takes as a body. */
export interface WireBody {
  representation: (typeof WIRE_REPRESENTATIONS)[number];
  value: string;
}

export function toWireBody(body: BodyInput): WireBody {
  if ('markdown' in body)
    return { representation: 'storage', value: markdownToStorage(body.markdown) };
  if ('storage' in body) return { representation: 'storage', value: body.storage };
  return { representation: body.representation, value: body.value };
}

/** The `body-format` to send for a requested format (`markdown` is read as storage). */
export function wireBodyFormat<Format extends string>(
  format: Format | undefined,
): Exclude<Format, 'markdown'> | 'storage' | undefined {
  return format === 'markdown' ? 'storage' : (format as Exclude<Format, 'markdown'> | undefined);
}

/** Replaces a storage body with its markdown when markdown was asked for. */
export function convertBody<Entity extends { body?: Body }>(
  entity: Entity,
  format: string | undefined,
): Entity {
  if (format !== 'markdown' || !entity?.body) return entity;
  const storage = entity.body.storage?.value ?? '';
  return {
    ...entity,
    body: { markdown: { representation: 'markdown', value: storageToMarkdown(storage) } },
  };
}

/** {@link convertBody} over a nested field, e.g. a page version's `page`. */
export function convertNestedBody<Entity, Key extends keyof Entity>(
  entity: Entity,
  key: Key,
  format: string | undefined,
): Entity {
  const nested = entity?.[key] as { body?: Body } | undefined;
  if (format !== 'markdown' || !nested?.body) return entity;
  return { ...entity, [key]: convertBody(nested, format) };
}
