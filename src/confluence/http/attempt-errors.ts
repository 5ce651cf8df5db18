/**
 * The errors of one attempt that got no usable answer: cancelled, timed out, over a size limit,
 * unreadable, or a failed connection. Every message names the operation and the request, and
 * every figure a limit error needs: the limit and what was reached.
 */
import { ConfluenceError } from './errors.ts';
import { BodyLimitError } from './read-body.ts';

/** What an attempt's errors quote. */
export interface AttemptContext {
  url: URL;
  init: RequestInit;
  /** The caller's signal: aborted means cancelled. */
  signal: AbortSignal | undefined;
  timeoutMs: number;
  operation: string | undefined;
  redact: (text: string) => string;
  retries: number;
}

/**
 * @example throw transportError(input, error, timeout) // ABORTED, TIMEOUT, RESPONSE_TOO_LARGE, …
 */
export function transportError(
  input: AttemptContext,
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

/** Each limit error quotes the limit and the figure reached, and names the setting that raises it. */
function limitError(input: AttemptContext, error: BodyLimitError): ConfluenceError {
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

export function details(input: AttemptContext) {
  return {
    ...(input.operation ? { operation: input.operation } : {}),
    method: input.init.method ?? 'GET',
    path: input.url.pathname,
    retries: input.retries,
  };
}

export function prefix(input: AttemptContext): string {
  return input.operation ? `${input.operation}: ` : '';
}

export function describe(input: AttemptContext): string {
  return `${input.init.method ?? 'GET'} ${input.url.pathname}`;
}
