/**
 * Each operation, given every field it accepts, sends its documented endpoint, and every query
 * parameter it sends is one the official OpenAPI document declares for that endpoint: the
 * camelCase → kebab-case mapping (`bodyFormat` → `body-format`) cannot silently drift.
 */
import { describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../../src/confluence/operations/index.ts';
import { endpointMatches, specOperationFor } from '../support/openapi.ts';
import { API_ROOT, runRecorded } from '../support/recording-context.ts';
import { sampleInput } from '../support/sample-input.ts';

describe('registry HTTP mapping', () => {
  it.each(OPERATIONS.map((spec) => [spec.name, spec] as const))(
    '%s: sends its endpoint with only declared query parameters',
    async (_name, spec) => {
      const { requests } = await runRecorded(spec, sampleInput(spec));
      const main = requests.find((request) =>
        endpointMatches(spec.endpoint!, request.method, API_ROOT[request.api] + request.path),
      );
      expect(
        main,
        `${spec.name} sent ${requests.map((r) => `${r.method} ${r.path}`).join(', ')}`,
      ).toBeDefined();
      for (const request of requests) {
        const declared = specOperationFor(
          request.api,
          request.method,
          API_ROOT[request.api] + request.path,
        );
        expect(
          declared,
          `${request.method} ${request.path} is not in the OpenAPI documents`,
        ).toBeDefined();
        const sent = Object.entries(request.query ?? {})
          .filter(([, value]) => value !== undefined)
          .map(([name]) => name);
        const undeclared = sent.filter((name) => !declared!.queryParameters.has(name));
        expect(undeclared, `${declared!.operationId} does not declare these`).toEqual([]);
      }
    },
  );

  it('pages.get: camelCase options become the kebab-case v2 parameters', async () => {
    const spec = OPERATIONS.find((candidate) => candidate.name === 'pages.get')!;
    const { requests } = await runRecorded(spec, {
      id: 65537,
      bodyFormat: 'markdown',
      includeLabels: true,
      getDraft: true,
    });
    expect(requests[0]).toMatchObject({
      api: 'v2',
      method: 'GET',
      path: '/pages/65537',
      query: { 'body-format': 'storage', 'include-labels': true, 'get-draft': true },
    });
  });

  it('pages.list: a space key is resolved to its id once, then sent as space-id', async () => {
    const spec = OPERATIONS.find((candidate) => candidate.name === 'pages.list')!;
    const { requests } = await runRecorded(spec, { spaceId: ['ENG', '131072'] });
    expect(requests.map((request) => [request.path, request.query])).toEqual([
      ['/spaces', { keys: ['ENG'], limit: 1 }],
      ['/pages', expect.objectContaining({ 'space-id': ['98306', '131072'] })],
    ]);
  });

  it('attachments.upload: sends multipart with the XSRF header Confluence requires', async () => {
    const spec = OPERATIONS.find((candidate) => candidate.name === 'attachments.upload')!;
    const { requests } = await runRecorded(spec, {
      contentId: '65537',
      filename: 'a.csv',
      base64: 'aGVsbG8=',
    });
    expect(requests[0]!.headers).toEqual({ 'x-atlassian-token': 'no-check' });
    const file = requests[0]!.multipart!.find((part) => part.name === 'file') as {
      data: Uint8Array;
      contentType: string;
    };
    expect(new TextDecoder().decode(file.data)).toBe('hello');
    expect(file.contentType).toBe('text/csv');
  });

  it('labels.remove: a label with a slash goes in the query, not the path', async () => {
    const spec = OPERATIONS.find((candidate) => candidate.name === 'labels.remove')!;
    const { requests } = await runRecorded(spec, { contentId: '65537', label: 'team/infra' });
    expect(requests[0]).toMatchObject({
      path: '/content/65537/label',
      query: { name: 'team/infra' },
    });
  });

  it('pages.update: fills in what the caller left out from the current page, and keeps the version', async () => {
    const spec = OPERATIONS.find((candidate) => candidate.name === 'pages.update')!;
    const { requests } = await runRecorded(spec, { id: '65537', version: 2, title: 'New title' });
    expect(requests.map((request) => request.method)).toEqual(['GET', 'PUT']);
    expect(requests[1]!.body).toEqual({
      id: '65537',
      status: 'current',
      title: 'New title',
      body: { representation: 'storage', value: '<p>Hello</p>' },
      version: { number: 2 },
    });
  });
});
