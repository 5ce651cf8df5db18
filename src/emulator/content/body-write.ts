/**
 * The `body` of a v2 write: flat `{representation, value}` (PageBodyWrite) or nested
 * `{storage: {representation, value}}` (PageNestedBodyWrite, "only one body format should be
 * specified"), in storage, atlas_doc_format or wiki. Returns what is stored.
 */
import { z } from 'zod';
import { type StoredBody, WRITE_REPRESENTATIONS, toStoredBody } from '../bodies/index.ts';
import { badRequest } from '../http/errors.ts';

const flatBody = z.object({
  representation: z.enum(WRITE_REPRESENTATIONS),
  value: z.string(),
});

const nestedValue = z.object({
  representation: z.enum(WRITE_REPRESENTATIONS).optional(),
  value: z.string(),
});

const nestedBody = z
  .object({ storage: nestedValue, atlas_doc_format: nestedValue, wiki: nestedValue })
  .partial()
  .strict();

/** The zod schema of a write body (either form). */
export const bodyWriteSchema = z.union([flatBody, nestedBody]);

export type BodyWrite = z.infer<typeof bodyWriteSchema>;

/** An absent body is an empty storage body. */
export function storedBodyOf(body: BodyWrite | undefined): StoredBody {
  if (body === undefined) return { body: '', adf: null };
  if ('value' in body && 'representation' in body)
    return toStoredBody(body.representation, body.value);
  const entries = Object.entries(body).filter(([, value]) => value !== undefined);
  if (entries.length !== 1)
    throw badRequest(
      'body must hold exactly one representation (storage, atlas_doc_format or wiki)',
      'body',
    );
  const [representation, nested] = entries[0] as [
    (typeof WRITE_REPRESENTATIONS)[number],
    { value: string },
  ];
  return toStoredBody(representation, nested.value);
}
