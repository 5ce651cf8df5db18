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
import { type AttemptContext, transportError } from './attempt-errors.ts';
import { nextUrlOf } from './pagination.ts';
import { readLimited } from './read-body.ts';
import { redactValue } from './redact-value.ts';
import { checkRedirect } from './redirects.ts';
import type { ResponseBudget } from './response-budget.ts';
import { responseError } from './response-error.ts';

export interface AttemptInput extends AttemptContext {
  fetch: typeof fetch;
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
    throw await responseError(input, response, {
      budget: input.budget,
      now: input.now,
      signal,
      timeout,
      abort,
    });
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
