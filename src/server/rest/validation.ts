/**
 * Request validation for the REST API: zod schemas in, {@link HttpError}s with a message that
 * names each bad field out.
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import { HttpError } from '../http/http-error.ts';

/**
 * Reads and validates a JSON body: 415 for another content type, 400 `INVALID_JSON` for a body
 * that does not parse, 400 `INVALID_BODY` listing every issue otherwise.
 *
 * @example
 * const input = await parseJsonBody(c, runInputSchema);
 */
export async function parseJsonBody<Schema extends z.ZodType>(
  c: Context,
  schema: Schema,
): Promise<z.output<Schema>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) {
    throw new HttpError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      `send the body as JSON with "Content-Type: application/json" (got "${type || 'none'}")`,
    );
  }
  let body: unknown;
  try {
    const text = await c.req.text();
    body = text.trim() === '' ? undefined : JSON.parse(text);
  } catch (error) {
    throw new HttpError(
      400,
      'INVALID_JSON',
      `the body is not valid JSON: ${(error as Error).message}`,
    );
  }
  return validate(schema, body, 'body', 'INVALID_BODY');
}

/**
 * Validates query parameters (all strings; schemas coerce): 400 `INVALID_QUERY` naming each bad one.
 *
 * @example
 * const { limit } = parseQuery(c, listRunsQuerySchema);
 */
export function parseQuery<Schema extends z.ZodType>(c: Context, schema: Schema): z.output<Schema> {
  return validate(schema, c.req.query(), 'query', 'INVALID_QUERY');
}

function validate<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  where: string,
  code: string,
): z.output<Schema> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  const summary = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  throw new HttpError(400, code, `invalid ${where}: ${summary}`, { details: issues });
}
