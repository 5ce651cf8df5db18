/**
 * An OperationContext that records the requests an operation builds and answers each with a
 * minimal well-formed body. It tests the registry's HTTP mapping in isolation; behaviour against a
 * real Confluence-compatible server is the contract suite's job (test/confluence/contract/).
 */
import type {
  HttpRequestSpec,
  HttpResponseData,
  OperationContext,
} from '../../../src/confluence/operation.ts';
import type { AnyOperationSpec } from '../../../src/confluence/operations/index.ts';

const CONTENT = {
  id: '65537',
  title: 'Release notes',
  status: 'current',
  spaceId: '98306',
  version: { number: 1 },
  body: { storage: { representation: 'storage', value: '<p>Hello</p>' } },
};

function answer(spec: HttpRequestSpec): unknown {
  if (spec.method === 'DELETE') return undefined;
  if (spec.path === '/spaces' && spec.query?.['keys'])
    return { results: [{ id: '98306', key: 'ENG' }] };
  if (/^\/spaces\/\d+$/.test(spec.path)) return { id: '98306', key: 'ENG', name: 'Engineering' };
  if (/^\/(pages|blogposts)\/\d+$/.test(spec.path)) return CONTENT;
  return {
    ...CONTENT,
    results: [{ id: 'att98305', title: 'notes.txt', type: 'attachment', status: 'current' }],
  };
}

export interface Recorded {
  requests: HttpRequestSpec[];
  result: unknown;
}

/** Runs an operation (its `execute`, or `request` + `transform`) against recorded answers. */
export async function runRecorded(spec: AnyOperationSpec, input: unknown): Promise<Recorded> {
  const requests: HttpRequestSpec[] = [];
  const context: OperationContext = {
    signal: new AbortController().signal,
    runCache: new Map(),
    async request(request: HttpRequestSpec): Promise<HttpResponseData> {
      requests.push(request);
      return {
        status: 200,
        headers: new Headers({ 'content-type': 'application/json' }),
        body: answer(request),
      };
    },
    async call() {
      throw new Error('the recording context does not nest operations');
    },
  };
  const parsed = spec.input.parse(input);
  if (spec.execute) return { requests, result: await spec.execute(parsed, context) };
  const response = await context.request(spec.request!(parsed));
  return { requests, result: spec.transform ? spec.transform(response, parsed) : response.body };
}

export const API_ROOT = { v2: '/wiki/api/v2', v1: '/wiki/rest/api' } as const;
