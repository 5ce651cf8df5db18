/**
 * One attempt of one request: fetch with a timeout, read the body as a capped stream, map a
 * failure to a {@link ConfluenceError}. Retrying is the client's business, not this function's.
 *
 * Redirects are never followed by `fetch` (`redirect: 'manual'`, set in request-init.ts): a 3xx
 * is an error, except when the request expects one (the attachment download), and then only to
 * a URL inside the site's root, which the caller fetches itself (src/confluence/http/redirects.ts).
 * Every body that comes back is redacted here, once, so no echo of a credential reaches the
 * script's answer, the stored trace or a log.
 */
import type { HttpResponseData } from '../operation.ts';
import { codeForStatus, ConfluenceError, hintForStatus } from './errors.ts';
import { parseErrorBody } from './error-body.ts';
import { nextUrlOf } from './pagination.ts';
import { BodyLimitError, readLimited } from './read-body.ts';
import { redactValue } from './redact-value.ts';
import { checkRedirect } from './redirects.ts';
import type { ResponseBudget } from './response-budget.ts';
import { parseRetryAfter } from './retry-after.ts';

/** The most of an error body read: enough for any message Confluence writes, not a whole page. */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;

export interface AttemptInput {
  fetch: typeof fetch;
  url: URL;
  init: RequestInit;
  /** The caller's signal: an abort here is a cancellation, never retried. */
  signal: AbortSignal | undefined;
  timeoutMs: number;
  operation: string | undefined;
  redact: (text: string) => string;
  /** Retries made so far, for the error's details. */
  retries: number;
  now: () => number;
  /** The most bytes the answer may have; past it the connection is dropped. */
  maxResponseBytes: number;
  /** Bytes of answers being read at once, shared with other requests. */
  budget: ResponseBudget;
  /** `{baseUrl}/wiki/`: the only place a redirect may lead. */
  siteRoot: string;
  /** The request expects a redirect inside the site (the attachment download); any other is an error. */
  acceptRedirect: boolean;
}

export async function sendOnce(input: AttemptInput): Promise<HttpResponseData> {
  const timeout = AbortSignal.timeout(input.timeoutMs);
  const stop = new AbortController();
  const signals = [timeout, stop.signal, ...(input.signal ? [input.signal] : [])];
  const signal = AbortSignal.any(signals);
  let response: Response;
  try {
    response = await input.fetch(input.url, { ...input.init, signal });
  } catch (error) {
    throw transportError(input, error, timeout);
  }
  const abort = () => stop.abort();
  if (response.status >= 400)
    throw await responseError(input, response, { signal, abort, timeout });
  if (response.status >= 300 && response.headers.has('location')) {
    abort();
    await response.body?.cancel().catch(() => {});
    checkRedirect(input, response);
    return { status: response.status, headers: response.headers, body: undefined };
  }
  let body: unknown;
  try {
    body = await readBody(input, response, { signal, abort });
  } catch (error) {
    throw transportError(input, error, timeout);
  }
  const nextUrl = nextUrlOf(response.headers, body);
  return {
    status: response.status,
    headers: response.headers,
    body,
    ...(nextUrl ? { nextUrl } : {}),
  };
}

interface Reading {
  signal: AbortSignal;
  abort: () => void;
}

async function readBody(
  input: AttemptInput,
  response: Response,
  reading: Reading,
): Promise<unknown> {
  const { bytes } = await readLimited(response, {
    maxBytes: input.maxResponseBytes,
    overflow: 'fail',
    budget: input.budget,
    ...reading,
  });
  if (bytes.byteLength === 0) return undefined;
  const contentType = response.headers.get('content-type') ?? '';
  if (/json/i.test(contentType)) {
    const text = new TextDecoder().decode(bytes);
    try {
      return redactValue(JSON.parse(text) as unknown, input.redact);
    } catch {
      throw new SyntaxError(
        `a ${response.status} answer declared JSON but is not: ${input.redact(text).slice(0, 80)}`,
      );
    }
  }
  if (/^text\//i.test(contentType)) return input.redact(new TextDecoder().decode(bytes));
  // Binary answers (attachment files) are handed over as the bytes the site sent.
  return bytes;
}

async function responseError(
  input: AttemptInput,
  response: Response,
  reading: Reading & { timeout: AbortSignal },
): Promise<ConfluenceError> {
  let text = '';
  try {
    const { bytes, truncated } = await readLimited(response, {
      maxBytes: MAX_ERROR_BODY_BYTES,
      overflow: 'truncate',
      budget: input.budget,
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
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), input.now());
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

function transportError(
  input: AttemptInput,
  error: unknown,
  timeout: AbortSignal,
): ConfluenceError {
  if (input.signal?.aborted) {
    return new ConfluenceError({
      code: 'ABORTED',
      message: `${prefix(input)}the call was cancelled (${describe(input)})`,
      ...details(input),
    });
  }
  if (timeout.aborted) {
    return new ConfluenceError({
      code: 'TIMEOUT',
      message: `${prefix(input)}no answer within ${input.timeoutMs} ms (${describe(input)})`,
      ...details(input),
      hint: 'Confluence is slow or unreachable; the call may still have been applied if it was a write',
    });
  }
  if (error instanceof BodyLimitError) return limitError(input, error);
  if (error instanceof SyntaxError) {
    return new ConfluenceError({
      code: 'INVALID_RESPONSE',
      message: input.redact(`${prefix(input)}${error.message} (${describe(input)})`),
      ...details(input),
    });
  }
  return new ConfluenceError({
    code: 'NETWORK_ERROR',
    message: input.redact(
      `${prefix(input)}the connection failed: ${causeOf(error)} (${describe(input)})`,
    ),
    ...details(input),
    cause: error,
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

/** Each limit error quotes the limit and the figure reached, and names the setting that raises it. */
function limitError(input: AttemptInput, error: BodyLimitError): ConfluenceError {
  if (error.kind === 'too-large') {
    const reached = error.declared
      ? `it declares ${error.reachedBytes} bytes`
      : `${error.reachedBytes} bytes had arrived when the connection was dropped`;
    return new ConfluenceError({
      code: 'RESPONSE_TOO_LARGE',
      message: `${prefix(input)}the answer is over the limit of ${error.limitBytes} bytes: ${reached} (${describe(input)})`,
      ...details(input),
      hint: 'ask for less per call (a smaller limit, no bodies, a narrower query); the operator sets the limit with WORKBENCH_MAX_RESPONSE_BYTES',
    });
  }
  return new ConfluenceError({
    code: 'RESPONSE_MEMORY_LIMIT',
    message: `${prefix(input)}answers being read at once would hold ${error.reachedBytes} bytes, over the limit of ${error.limitBytes} bytes in flight (${describe(input)})`,
    ...details(input),
    hint: 'read large answers one at a time rather than all at once; the operator sets the limit with WORKBENCH_MAX_RESPONSE_BYTES_IN_FLIGHT',
  });
}

/** undici reports `fetch failed` and keeps the useful part (`ECONNRESET`, `other side closed`) in `cause`. */
function causeOf(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    parts.push(typeof code === 'string' ? `${current.message} [${code}]` : current.message);
    current = current.cause;
  }
  return parts.join(': ') || String(error);
}

function details(input: AttemptInput) {
  return {
    ...(input.operation ? { operation: input.operation } : {}),
    method: input.init.method ?? 'GET',
    path: input.url.pathname,
    retries: input.retries,
  };
}

function prefix(input: AttemptInput): string {
  return input.operation ? `${input.operation}: ` : '';
}

function describe(input: AttemptInput): string {
  return `${input.init.method ?? 'GET'} ${input.url.pathname}`;
}
