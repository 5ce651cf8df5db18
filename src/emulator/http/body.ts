/**
 * Reads and validates JSON request bodies: 413 past Confluence's 5 MB request limit, 400 for
 * malformed JSON, and a 400 naming the first offending field when a zod schema rejects it.
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import { EmulatorError, badRequest } from './errors.ts';

/** Requests above this are refused with 413 (notes/confluence-api.md §2.1: "oversized POST (>5 MB)"). */
export const MAX_REQUEST_BODY_BYTES = 5 * 1024 * 1024;

/** The raw body as text, refusing anything over {@link MAX_REQUEST_BODY_BYTES}. */
export async function readBodyText(c: Context): Promise<string> {
  const declared = Number(c.req.header('content-length') ?? '0');
  if (declared > MAX_REQUEST_BODY_BYTES) throw tooLarge(declared);
  const text = await c.req.text();
  const size = Buffer.byteLength(text);
  if (size > MAX_REQUEST_BODY_BYTES) throw tooLarge(size);
  return text;
}

/** Parses the body as JSON; an empty or malformed body is a 400. */
export async function readJsonBody(c: Context): Promise<unknown> {
  const text = await readBodyText(c);
  if (text.trim() === '')
    throw badRequest('The request body is empty; a JSON body is required.', 'body');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw badRequest(`The request body is not valid JSON: ${(error as Error).message}`, 'body');
  }
}

/**
 * Parses and validates the body with `schema`.
 * @example const input = await readBody(c, createPageSchema);
 */
export async function readBody<Schema extends z.ZodType>(
  c: Context,
  schema: Schema,
): Promise<z.output<Schema>> {
  return validate(await readJsonBody(c), schema);
}

/** Validates an already-parsed value; the 400 names the field as `body.<path>`. */
export function validate<Schema extends z.ZodType>(
  value: unknown,
  schema: Schema,
): z.output<Schema> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = ['body', ...(issue?.path ?? []).map(String)].join('.');
  throw badRequest(`Invalid value for ${field}: ${issue?.message ?? 'invalid'}`, field);
}

function tooLarge(bytes: number): EmulatorError {
  return new EmulatorError(
    'PAYLOAD_TOO_LARGE',
    `Request entity too large: ${bytes} bytes exceeds the limit of ${MAX_REQUEST_BODY_BYTES} bytes`,
  );
}
