/**
 * Looks requests up in the official OpenAPI documents (shared/confluence/): which operation a
 * concrete method + path is, and which query parameters it declares.
 */
import { readFileSync } from 'node:fs';

interface Parameter {
  name: string;
  in: string;
  $ref?: string;
}
interface Document {
  paths: Record<string, Record<string, { operationId?: string; parameters?: Parameter[] }>>;
  components: { parameters?: Record<string, Parameter> };
}

function load(file: string): Document {
  return JSON.parse(
    readFileSync(new URL(`../../../spec/confluence/${file}`, import.meta.url), 'utf8'),
  );
}

const DOCUMENTS = { v2: load('openapi-v2.v3.json'), v1: load('swagger.v3.json') } as const;
/** v2 spec paths are below the API root; v1 spec paths carry it. */
const PREFIX = { v2: '/wiki/api/v2', v1: '' } as const;

function templateRegex(template: string): RegExp {
  const literal = (text: string) => text.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&');
  return new RegExp(
    `^${template
      .split(/\{[^}]+\}/)
      .map(literal)
      .join('[^/]+')}$`,
  );
}

export interface SpecOperation {
  operationId: string;
  template: string;
  queryParameters: Set<string>;
}

/** The spec operation a request goes to (`fullPath` includes `/wiki/...`), or undefined. */
export function specOperationFor(
  api: 'v1' | 'v2',
  method: string,
  fullPath: string,
): SpecOperation | undefined {
  const document = DOCUMENTS[api];
  const candidates = Object.keys(document.paths)
    .filter((template) => templateRegex(PREFIX[api] + template).test(fullPath))
    // A literal segment beats a parameter: `/space/_private` over `/space/{spaceKey}`.
    .sort((left, right) => (left.match(/\{/g)?.length ?? 0) - (right.match(/\{/g)?.length ?? 0));
  for (const template of candidates) {
    const operation = document.paths[template]![method.toLowerCase()];
    if (!operation) continue;
    const parameters = (operation.parameters ?? []).map((parameter) =>
      parameter.$ref
        ? document.components.parameters![parameter.$ref.split('/').pop()!]!
        : parameter,
    );
    return {
      operationId: operation.operationId ?? '',
      template: PREFIX[api] + template,
      queryParameters: new Set(
        parameters
          .filter((parameter) => parameter.in === 'query')
          .map((parameter) => parameter.name),
      ),
    };
  }
  return undefined;
}

/** `GET /wiki/api/v2/pages/{id}` matches `GET /wiki/api/v2/pages/65537`. */
export function endpointMatches(endpoint: string, method: string, fullPath: string): boolean {
  const [endpointMethod, template] = endpoint.split(' ');
  return endpointMethod === method && templateRegex(template!).test(fullPath);
}
