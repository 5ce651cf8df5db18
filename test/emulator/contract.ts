/**
 * Contract checking for emulator responses against the official OpenAPI documents
 * (shared/confluence/openapi-v2.v3.json and swagger.v3.json), shared by every emulator test.
 *
 * - `expectMatchesSpec(response, operationId)`: asserts the status is one the operation declares
 *   (2xx/3xx) or a Confluence error envelope (4xx/5xx, v2 or v1 shape), validates the JSON body
 *   against the declared response schema, and returns the parsed body.
 * - `contractClient(app, options)`: `app.request` wrapped so that every response is checked
 *   against the operation found by method + path (no operationId needed). Paths outside both
 *   documents (e.g. `/__emulator/...`) must be sent with `{ unchecked: true }`.
 *
 * OpenAPI 3.0 specifics are handled by Ajv itself (`nullable`), unknown vendor keywords and
 * formats (`x-*`, `int32`, ...) are tolerated, and `$ref`s resolve inside each document.
 *
 * @example
 * const client = contractClient(emulator.app);               // demo admin credentials
 * const { status, body } = await client.get('/wiki/api/v2/pages/65540?body-format=storage');
 * const page = await expectMatchesSpec(await emulator.app.request(...), 'getPageById');
 */
import {
  type Operation,
  ajv,
  operationById,
  operationFor,
  responseValidator,
  v1ErrorValidator,
  v2ErrorValidator,
} from './contract-spec.ts';

export { operationById, operationFor } from './contract-spec.ts';

/** Thrown when a response breaks the contract; the message lists every schema error. */
export class ContractViolation extends Error {
  override name = 'ContractViolation';
}

/**
 * Asserts that `response` is what `operationId` may answer and returns its parsed JSON body
 * (`undefined` for an empty body).
 * @example const body = await expectMatchesSpec(response, 'getSpaces');
 */
export async function expectMatchesSpec(
  response: Response,
  operationId: string | Operation,
): Promise<unknown> {
  const operation = typeof operationId === 'string' ? operationById(operationId) : operationId;
  const text = await response.text();
  const body: unknown = text === '' ? undefined : parseJson(text, operation);
  const status = String(response.status);
  const where = `${operation.operationId} (${operation.method} ${operation.template}) answered ${status}`;
  if (response.status >= 400) {
    const validator = operation.document === 'v2' ? v2ErrorValidator : v1ErrorValidator;
    if (!validator(body))
      throw new ContractViolation(
        `${where} without a ${operation.document} Confluence error body: ${ajv.errorsText(validator.errors)}\n${text.slice(0, 500)}`,
      );
    const statusInBody =
      operation.document === 'v2'
        ? (body as { errors: Array<{ status: number }> }).errors[0]!.status
        : (body as { statusCode: number }).statusCode;
    if (statusInBody !== response.status)
      throw new ContractViolation(`${where} but its error body says ${statusInBody}`);
    return body;
  }
  if (!(status in operation.responses)) {
    throw new ContractViolation(
      `${where}, which the OpenAPI document does not declare (declared: ${Object.keys(operation.responses).join(', ')})`,
    );
  }
  const validator = responseValidator(operation, status);
  if (validator && !validator(body)) {
    throw new ContractViolation(
      `${where} with a body that does not match the schema: ${ajv.errorsText(validator.errors, { separator: '\n  ' })}\n${text.slice(0, 800)}`,
    );
  }
  return body;
}

function parseJson(text: string, operation: Operation): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ContractViolation(
      `${operation.operationId} answered a body that is not JSON: ${text.slice(0, 200)}`,
    );
  }
}

/** The demo site admin's basic credentials. */
export const DEMO_AUTH = `Basic ${Buffer.from('demo@example.com:demo-token').toString('base64')}`;

/** Basic credentials for any `email:token`. */
export function basicAuth(email: string, token: string): string {
  return `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`;
}

// Tests read response fields freely; the contract check has already validated the shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface ContractResponse<Body = any> {
  status: number;
  headers: Headers;
  body: Body;
  /** The operation the response was checked against, absent when unchecked. */
  operationId: string | undefined;
}

export interface RequestOptions {
  /** JSON-encoded unless a string, FormData or undefined. */
  body?: unknown;
  headers?: Record<string, string>;
  /** `Authorization` value; `null` sends none (default: the demo admin). */
  auth?: string | null;
  /** Skip the contract (paths outside the documents, e.g. `/__emulator/faults`). */
  unchecked?: boolean;
}

interface RequestableApp {
  request(input: string, init?: RequestInit): Response | Promise<Response>;
}

export interface ContractClient {
  request(method: string, path: string, options?: RequestOptions): Promise<ContractResponse>;
  get(path: string, options?: RequestOptions): Promise<ContractResponse>;
  post(path: string, body?: unknown, options?: RequestOptions): Promise<ContractResponse>;
  put(path: string, body?: unknown, options?: RequestOptions): Promise<ContractResponse>;
  delete(path: string, options?: RequestOptions): Promise<ContractResponse>;
}

/**
 * @example
 * const client = contractClient(emulator.app, { auth: basicAuth('alice@example.com', 'alice-token') });
 * const created = await client.post('/wiki/api/v2/pages', { spaceId, title: 'x', body: {...} });
 */
export function contractClient(
  app: RequestableApp,
  defaults: { auth?: string | null } = {},
): ContractClient {
  async function request(
    method: string,
    requestPath: string,
    options: RequestOptions = {},
  ): Promise<ContractResponse> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    const auth =
      options.auth === undefined
        ? defaults.auth === undefined
          ? DEMO_AUTH
          : defaults.auth
        : options.auth;
    if (auth !== null) headers['authorization'] = auth;
    let body: string | FormData | undefined;
    if (typeof options.body === 'string' || options.body instanceof FormData) body = options.body;
    else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await app.request(requestPath, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
    });
    if (options.unchecked) {
      const text = await response.text();
      return {
        status: response.status,
        headers: response.headers,
        body: text === '' ? undefined : safeJson(text),
        operationId: undefined,
      };
    }
    const operation = operationFor(method, requestPath);
    if (!operation)
      throw new ContractViolation(
        `No operation in the OpenAPI documents serves ${method} ${requestPath}; pass { unchecked: true } for emulator-only paths`,
      );
    const parsed = await expectMatchesSpec(response, operation);
    return {
      status: response.status,
      headers: response.headers,
      body: parsed,
      operationId: operation.operationId,
    };
  }
  return {
    request,
    get: (requestPath, options) => request('GET', requestPath, options),
    post: (requestPath, body, options) => request('POST', requestPath, { ...options, body }),
    put: (requestPath, body, options) => request('PUT', requestPath, { ...options, body }),
    delete: (requestPath, options) => request('DELETE', requestPath, options),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
