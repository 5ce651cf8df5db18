/**
 * Input validation with the operation's zod schema, before anything is sent. The message names
 * every offending field and what was expected, in one line the script's author (often a model)
 * can act on: `pages.get: invalid arguments: id: expected string, received number`.
 */
import type { z } from 'zod';
import { SessionError } from './errors.ts';

/** Issues quoted in the message and the details; the rest are counted. */
export const MAX_REPORTED_ISSUES = 5;

export type Validated = { ok: true; value: unknown } | { ok: false; error: SessionError };

/**
 * @example
 * const checked = validateInput('pages.get', getPage.input, { id: 42 });
 * if (!checked.ok) throw checked.error; // pages.get: invalid arguments: id: expected string, received number
 */
export function validateInput(operation: string, schema: z.ZodType, args: unknown): Validated {
  const parsed = schema.safeParse(args);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = parsed.error.issues.slice(0, MAX_REPORTED_ISSUES).map((issue) => ({
    path: formatPath(issue.path),
    message: issue.message.replace(/^Invalid input: /, ''),
  }));
  const more = parsed.error.issues.length - issues.length;
  const listed = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  return {
    ok: false,
    error: new SessionError({
      name: 'ValidationError',
      code: 'VALIDATION',
      phase: 'runtime',
      message: `${operation}: invalid arguments: ${listed}${more > 0 ? ` (and ${more} more)` : ''}`,
      details: { operation, issues },
    }),
  };
}

/** `body.storage.value`, `labels[2].name`; the arguments object itself is `(arguments)`. */
function formatPath(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return '(arguments)';
  return path
    .map((key, index) =>
      typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`,
    )
    .join('');
}
