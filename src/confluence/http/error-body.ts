/**
 * Reads Confluence's error bodies, whichever of its shapes arrives (notes/confluence-api.md §3.6):
 * - v2: `{"errors":[{"status":409,"code":"CONFLICT","title":"…","detail":null}]}`
 * - v1: `{"statusCode":404,"data":{"errors":[{"message":{"translation":"…"}}]},"message":"…"}`
 * - gateway and older bodies: `{"code":401,"message":"…"}`, `{"errorMessages":["…"]}`
 * - `text/plain` (401 "Basic authentication with passwords is deprecated") and empty bodies.
 */

/** The most a message quoted from a body may hold; bodies are sometimes whole HTML pages. */
export const MAX_ERROR_MESSAGE_CHARS = 500;

export interface ParsedErrorBody {
  /** Confluence's own code (v2 `errors[].code`), when it gave a usable one. */
  code?: string;
  /** Confluence's message, trimmed to {@link MAX_ERROR_MESSAGE_CHARS}. */
  message?: string;
}

type Clip = (value: string) => string;

/**
 * Parses an error body; never throws. `redact` runs on the whole body and on every message taken
 * from it before the message is cut to {@link MAX_ERROR_MESSAGE_CHARS}: cutting first could leave
 * part of a token at the cut, where no redactor would recognize it. It runs again after parsing
 * because JSON escapes (`\u0041`, `\/`) can hide a secret from the first pass.
 * @example parseErrorBody('{"errors":[{"code":"CONFLICT","title":"Version must be incremented"}]}', 'application/json')
 * // { code: 'CONFLICT', message: 'Version must be incremented' }
 */
export function parseErrorBody(
  text: string,
  contentType: string | null,
  redact: (text: string) => string = (value) => value,
): ParsedErrorBody {
  const trimmed = redact(text.trim());
  if (trimmed === '') return {};
  const clip: Clip = (value) => clipText(redact(value));
  const looksJson = /json/i.test(contentType ?? '') || /^[[{]/.test(trimmed);
  if (looksJson) {
    try {
      return fromJson(JSON.parse(trimmed) as unknown, clip);
    } catch {
      // Not JSON after all: fall through to the text.
    }
  }
  if (/html/i.test(contentType ?? '') || /^<(!doctype|html)/i.test(trimmed)) {
    return {
      message: clip(
        trimmed
          .replace(/<[^>]*>/g, ' ')
          .replace(/\s+/g, ' ')
          .trim(),
      ),
    };
  }
  return { message: clip(trimmed) };
}

function fromJson(body: unknown, clip: Clip): ParsedErrorBody {
  if (!isRecord(body)) return typeof body === 'string' ? { message: clip(body) } : {};
  const v2 = Array.isArray(body['errors']) ? body['errors'].filter(isRecord) : [];
  if (v2.length > 0) {
    const code = v2.map((error) => error['code']).find(isCodeToken);
    const messages = v2.map(v2Message).filter((message) => message !== undefined);
    return withoutUndefined({
      code,
      message: messages.length ? clip(messages.join('; ')) : undefined,
    });
  }
  const message =
    text(body['message']) ??
    v1DataMessage(body['data']) ??
    text(body['errorMessage']) ??
    (Array.isArray(body['errorMessages']) ? text(body['errorMessages'][0]) : undefined) ??
    text(body['error']) ??
    text(body['title']);
  const code = isCodeToken(body['code']) ? body['code'] : undefined;
  return withoutUndefined({ code, message: message === undefined ? undefined : clip(message) });
}

function v2Message(error: Record<string, unknown>): string | undefined {
  const title = text(error['title']);
  const detail = text(error['detail']);
  if (title && detail && detail !== title) return `${title}: ${detail}`;
  return title ?? detail ?? text(error['message']);
}

function v1DataMessage(data: unknown): string | undefined {
  if (!isRecord(data) || !Array.isArray(data['errors'])) return undefined;
  for (const error of data['errors']) {
    if (!isRecord(error)) continue;
    const message = error['message'];
    if (isRecord(message)) return text(message['translation']) ?? text(message['key']);
    const direct = text(message);
    if (direct) return direct;
  }
  return undefined;
}

/** Upper-case tokens such as `CONFLICT` or `INVALID_REQUEST_PARAMETER`; numbers are not codes. */
function isCodeToken(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Z][A-Z0-9_.-]{1,63}$/.test(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function clipText(value: string): string {
  return value.length > MAX_ERROR_MESSAGE_CHARS
    ? `${value.slice(0, MAX_ERROR_MESSAGE_CHARS)}…`
    : value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function withoutUndefined(parsed: {
  code?: string | undefined;
  message?: string | undefined;
}): ParsedErrorBody {
  const result: ParsedErrorBody = {};
  if (parsed.code !== undefined) result.code = parsed.code;
  if (parsed.message !== undefined) result.message = parsed.message;
  return result;
}
