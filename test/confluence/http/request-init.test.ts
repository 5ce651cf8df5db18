import { describe, expect, it } from 'vitest';
import { requestInit } from '../../../src/confluence/http/request-init.ts';

const base = { accept: 'application/json', authorization: 'Basic c2VjcmV0' };

describe('requestInit', () => {
  it('requestInit: an upload token in any case is sent once, not doubled', () => {
    const init = requestInit(
      {
        api: 'v1',
        method: 'POST',
        path: '/content/1/child/attachment',
        multipart: [
          {
            name: 'file',
            filename: 'a.txt',
            contentType: 'text/plain',
            data: new Uint8Array([65]),
          },
        ],
        headers: { 'X-Atlassian-Token': 'nocheck' },
      },
      base,
    );
    expect(new Headers(init.headers).get('x-atlassian-token')).toBe('nocheck');
    expect(init.body).toBeInstanceOf(FormData);
  });

  it('requestInit: an operation cannot replace the site authentication', () => {
    const init = requestInit(
      { api: 'v2', method: 'GET', path: '/pages', headers: { Authorization: 'Bearer stolen' } },
      base,
    );
    expect(new Headers(init.headers).get('authorization')).toBe('Basic c2VjcmV0');
    expect(init.body).toBeUndefined();
  });

  it('requestInit: JSON bodies carry their content type', () => {
    const init = requestInit({ api: 'v2', method: 'PUT', path: '/pages/1', body: { a: 1 } }, base);
    expect(new Headers(init.headers).get('content-type')).toBe('application/json');
    expect(init.body).toBe('{"a":1}');
  });
});
