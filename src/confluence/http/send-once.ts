/**
 * One attempt of one request: fetch with a timeout, read the body, map a failure to a
 * {@link ConfluenceError}. Retrying is the client's business, not this function's.
 */
import type { HttpResponseData } from '../operation.ts';
import { codeForStatus, ConfluenceError, hintForStatus } from './errors.ts';
import { parseErrorBody } from './error-body.ts';
import { nextUrlOf } from './pagination.ts';
import { parseRetryAfter } from './retry-after.ts';

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
}

export async function sendOnce(input: AttemptInput): Promise<HttpResponseData> {
  const timeout = AbortSignal.timeout(input.timeoutMs);
  const signal = input.signal ? AbortSignal.any([input.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await input.fetch(input.url, { ...input.init, signal });
  } catch (error) {
    throw transportError(input, error, timeout);
  }
  if (response.status >= 400) throw await responseError(input, response);
  let body: unknown;
  try {
    body = await readBody(response);
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

async function readBody(response: Response): Promise<unknown> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.byteLength === 0) return undefined;
  const contentType = response.headers.get('content-type') ?? '';
  if (/json/i.test(contentType)) {
    const text = new TextDecoder().decode(bytes);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new SyntaxError(
        `a ${response.status} answer declared JSON but is not: ${text.slice(0, 80)}`,
      );
    }
  }
  if (/^text\//i.test(contentType)) return new TextDecoder().decode(bytes);
  return bytes;
}

async function responseError(input: AttemptInput, response: Response): Promise<ConfluenceError> {
  let text = '';
  try {
    text = await response.text();
  } catch {
    // The body was cut off; the status says enough.
  }
  const parsed = parseErrorBody(text, response.headers.get('content-type'));
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
