/**
 * The OpenAPI side of the contract helper: loads the official Confluence documents, indexes their
 * operations by method + path template, and compiles Ajv validators for response bodies and for
 * the Confluence v2/v1 error envelopes. Used through `contract.ts`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

const here = path.dirname(fileURLToPath(import.meta.url));
const SPEC_DIR = process.env['CONFLUENCE_SPEC_DIR'] ?? path.resolve(here, '../../spec/confluence');

export interface Operation {
  document: 'v2' | 'v1';
  operationId: string;
  method: string;
  /** Full path template, e.g. `/wiki/api/v2/pages/{id}`. */
  template: string;
  pattern: RegExp;
  responses: Record<string, { content?: Record<string, unknown> }>;
  /** JSON pointer of the operation inside its document. */
  pointer: string;
}

type OpenApiDocument = {
  paths: Record<
    string,
    Record<string, { operationId?: string; responses: Operation['responses'] }>
  >;
};

const PREFIX = { v2: '/wiki/api/v2', v1: '' } as const;
const METHODS = new Set(['get', 'post', 'put', 'delete', 'patch']);

function loadDocument(file: string): OpenApiDocument {
  return JSON.parse(readFileSync(path.join(SPEC_DIR, file), 'utf8')) as OpenApiDocument;
}

const documents = { v2: loadDocument('openapi-v2.v3.json'), v1: loadDocument('swagger.v3.json') };

export const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
(addFormatsModule as unknown as (instance: Ajv) => void)(ajv);
for (const format of ['int32', 'int64', 'double', 'float', 'binary', 'byte']) {
  if (!ajv.formats[format]) ajv.addFormat(format, true);
}
ajv.addSchema(documents.v2 as object, 'v2');
ajv.addSchema(documents.v1 as object, 'v1');

const operations: Operation[] = [];
for (const document of ['v2', 'v1'] as const) {
  for (const [template, item] of Object.entries(documents[document].paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!METHODS.has(method) || !operation.operationId) continue;
      const full = `${PREFIX[document]}${template}`;
      const pattern = new RegExp(
        `^${full.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+')}$`,
      );
      operations.push({
        document,
        operationId: operation.operationId,
        method: method.toUpperCase(),
        template: full,
        pattern,
        responses: operation.responses,
        pointer: `/paths/${escapePointer(template)}/${method}`,
      });
    }
  }
}
// Literal segments win over parameters (`/space/_private` before `/space/{spaceKey}`).
operations.sort((a, b) => literalWeight(b.template) - literalWeight(a.template));

function literalWeight(template: string): number {
  return template.split('/').filter((segment) => segment !== '' && !segment.startsWith('{')).length;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The operation with this operationId (in either document). */
export function operationById(operationId: string): Operation {
  const operation = operations.find((candidate) => candidate.operationId === operationId);
  if (!operation) throw new Error(`No operation ${operationId} in the OpenAPI documents`);
  return operation;
}

/** The operation serving `method path` (path without query and without a mount prefix). */
export function operationFor(method: string, requestPath: string): Operation | undefined {
  const pathname = requestPath.split('?')[0]!.replace(/^.*?(?=\/wiki\/)/, '');
  return operations.find(
    (operation) => operation.method === method.toUpperCase() && operation.pattern.test(pathname),
  );
}

const validators = new Map<string, ValidateFunction>();

export function responseValidator(
  operation: Operation,
  status: string,
): ValidateFunction | undefined {
  const key = `${operation.document}${operation.pointer}/${status}`;
  if (validators.has(key)) return validators.get(key);
  const response = operation.responses[status];
  const json = response?.content?.['application/json'] as { schema?: unknown } | undefined;
  const validator = json?.schema
    ? ajv.compile({
        $ref: `${operation.document}#${operation.pointer}/responses/${status}/content/application~1json/schema`,
      })
    : undefined;
  if (validator) validators.set(key, validator);
  return validator;
}

export const v2ErrorValidator = ajv.compile({
  type: 'object',
  required: ['errors'],
  additionalProperties: false,
  properties: {
    errors: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['status', 'code', 'title', 'detail'],
        additionalProperties: false,
        properties: {
          status: { type: 'integer' },
          code: { type: 'string', pattern: '^[A-Z_]+$' },
          title: { type: 'string', minLength: 1 },
          detail: { type: ['string', 'null'] },
        },
      },
    },
  },
});

export const v1ErrorValidator = ajv.compile({
  type: 'object',
  required: ['statusCode', 'data', 'message'],
  properties: {
    statusCode: { type: 'integer' },
    message: { type: 'string', minLength: 1 },
    data: {
      type: 'object',
      required: ['authorized', 'valid', 'errors', 'successful'],
      properties: {
        authorized: { type: 'boolean' },
        valid: { type: 'boolean' },
        successful: { const: false },
        errors: { type: 'array' },
      },
    },
  },
});
