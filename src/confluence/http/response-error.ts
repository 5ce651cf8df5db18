/**
 * A Confluence answer of 400 or more as a {@link ConfluenceError}: its body read to
 * {@link MAX_ERROR_BODY_BYTES} at most (bodies are sometimes whole HTML pages, or endless), its
 * message parsed from whichever shape Confluence used (error-body.ts) and redacted before it is
 * cut, its `Retry-After` and a hint for the statuses an author can act on.
 */
import {
  type AttemptContext,
  describe,
  details,
  prefix,
  transportError,
} from './attempt-errors.ts';
import { parseErrorBody } from './error-body.ts';
import { codeForStatus, ConfluenceError, hintForStatus } from './errors.ts';
import { readLimited } from './read-body.ts';
import type { ResponseBudget } from './response-budget.ts';
import { parseRetryAfter } from './retry-after.ts';

/** The most of an error body read: enough for any message Confluence writes, not a whole page. */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;

export interface ErrorReading {
  budget: ResponseBudget;
  now: () => number;
  /** The attempt's combined signal, its own timeout, and how to drop the connection. */
  signal: AbortSignal;
  timeout: AbortSignal;
  abort: () => void;
}

/**
 * @example throw await responseError(input, response, { budget, now, signal, timeout, abort })
 */
export async function responseError(
  input: AttemptContext,
  response: Response,
  reading: ErrorReading,
): Promise<ConfluenceError> {
  let text = '';
  try {
    const { bytes, truncated } = await readLimited(response, {
      maxBytes: MAX_ERROR_BODY_BYTES,
      overflow: 'truncate',
      budget: reading.budget,
      signal: reading.signal,
      abort: reading.abort,
    });
    text = new TextDecoder().decode(bytes);
    if (truncated) text = withoutCutTail(text);
  } catch (error) {
    if (reading.timeout.aborted || input.signal?.aborted)
      throw transportError(input, error, reading.timeout);
    // The body was cut off or the budget is full; the status says enough.
  }
  const parsed = parseErrorBody(text, response.headers.get('content-type'), input.redact);
  const status = response.status;
  const code = parsed.code ?? codeForStatus(status);
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), reading.now());
  const said = parsed.message ?? (response.statusText || 'no message');
  const hint = hintForStatus(status);
  return new ConfluenceError({
    status,
    code,
    message: input.redact(
      `${prefix(input)}Confluence answered ${status} ${code}: ${said} (${describe(input)})`,
    ),
    ...details(input),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    ...(hint ? { hint } : {}),
  });
}

/** Longer than any credential's encoded form (an API token is ~200 characters, its basic header ~280). */
const MAX_SECRET_CHARS = 1_024;
const TOKEN_CHARACTER = /[\w+/=.:%~-]/;

/**
 * A token cut at the end of what was read is no longer whole, and no redactor would recognize
 * it: drop the trailing run of token characters, up to the longest a secret could be.
 */
function withoutCutTail(text: string): string {
  let end = text.length;
  while (end > 0 && text.length - end < MAX_SECRET_CHARS && TOKEN_CHARACTER.test(text[end - 1]!))
    end -= 1;
  return text.slice(0, end);
}
