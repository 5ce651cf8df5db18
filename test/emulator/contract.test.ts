import { describe, expect, it } from 'vitest';
import { ContractViolation, expectMatchesSpec, operationFor } from './contract.ts';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('contract helper', () => {
  it('expectMatchesSpec: accepts a body that matches the response schema', async () => {
    const body = await expectMatchesSpec(
      json({ results: [{ id: '1', title: 'x' }], _links: {} }),
      'getPages',
    );
    expect(body).toEqual({ results: [{ id: '1', title: 'x' }], _links: {} });
  });

  it('expectMatchesSpec: rejects a body whose field types break the schema', async () => {
    await expect(expectMatchesSpec(json({ results: [{ id: 5 }] }), 'getPages')).rejects.toThrow(
      /results\/0\/id must be string/,
    );
  });

  it('expectMatchesSpec: rejects a success status the operation does not declare', async () => {
    await expect(expectMatchesSpec(json({}, 201), 'getPageById')).rejects.toThrow(
      ContractViolation,
    );
  });

  it('expectMatchesSpec: requires the v2 error envelope on v2 errors', async () => {
    await expect(expectMatchesSpec(json({ message: 'nope' }, 404), 'getPageById')).rejects.toThrow(
      /v2 Confluence error body/,
    );
    const body = { errors: [{ status: 404, code: 'NOT_FOUND', title: 'Not Found', detail: null }] };
    await expect(expectMatchesSpec(json(body, 404), 'getPageById')).resolves.toEqual(body);
  });

  it('expectMatchesSpec: requires the v1 error envelope on v1 errors', async () => {
    await expect(expectMatchesSpec(json({ errors: [] }, 404), 'getUser')).rejects.toThrow(
      /v1 Confluence error body/,
    );
  });

  it('expectMatchesSpec: handles OpenAPI 3.0 nullable', async () => {
    await expect(
      expectMatchesSpec(json({ results: [{ id: '1', position: null }] }), 'getPages'),
    ).resolves.toBeDefined();
  });

  it('operationFor: prefers literal segments and ignores a mount prefix', () => {
    expect(operationFor('POST', '/wiki/rest/api/space/_private')?.operationId).toBe(
      'createPrivateSpace',
    );
    expect(operationFor('DELETE', '/emulator/wiki/rest/api/space/KEY')?.operationId).toBe(
      'deleteSpace',
    );
    expect(operationFor('GET', '/wiki/api/v2/pages/1?body-format=storage')?.operationId).toBe(
      'getPageById',
    );
    expect(operationFor('GET', '/__emulator/faults')).toBeUndefined();
  });
});
