import { describe, expect, it } from 'vitest';
import { parseErrorBody } from '../../../src/confluence/http/error-body.ts';
import { parseRetryAfter } from '../../../src/confluence/http/retry-after.ts';
import { cursorOf, nextUrlOf } from '../../../src/confluence/http/pagination.ts';
import { normalizeBaseUrl, toSitePath } from '../../../src/confluence/http/urls.ts';
import { createCredentials } from '../../../src/confluence/http/auth.ts';

describe('parseErrorBody', () => {
  it.each([
    [
      'v2',
      '{"errors":[{"status":409,"code":"CONFLICT","title":"Version must be incremented","detail":null}]}',
      'application/json',
      { code: 'CONFLICT', message: 'Version must be incremented' },
    ],
    [
      'v2 several',
      '{"errors":[{"status":400,"code":"INVALID_REQUEST_PARAMETER","title":"a"},{"status":400,"code":"X","title":"b","detail":"c"}]}',
      'application/json',
      { code: 'INVALID_REQUEST_PARAMETER', message: 'a; b: c' },
    ],
    [
      'v1',
      '{"statusCode":404,"data":{"authorized":false,"valid":false,"errors":[{"message":{"translation":"Not here","args":[]}}],"successful":false},"message":"No content found"}',
      'application/json',
      { message: 'No content found' },
    ],
    [
      'v1 data only',
      '{"statusCode":400,"data":{"errors":[{"message":{"translation":"Bad title","args":[]}}]}}',
      'application/json',
      { message: 'Bad title' },
    ],
    [
      'gateway',
      '{"code":401,"message":"Unauthorized; scope does not match"}',
      'application/json',
      { message: 'Unauthorized; scope does not match' },
    ],
    ['jira style', '{"errorMessages":["Nope"]}', 'application/json', { message: 'Nope' }],
    [
      'text',
      'Basic authentication with passwords is deprecated.',
      'text/plain',
      { message: 'Basic authentication with passwords is deprecated.' },
    ],
    ['json without content type', '{"message":"m"}', null, { message: 'm' }],
    ['broken json', '{"errors": [', 'application/json', { message: '{"errors": [' }],
    [
      'html',
      '<!DOCTYPE html><html><body><h1>Bad gateway</h1></body></html>',
      'text/html',
      { message: 'Bad gateway' },
    ],
    ['empty', '', 'application/json', {}],
    [
      'numeric code is not a code',
      '{"code":500,"message":"x"}',
      'application/json',
      { message: 'x' },
    ],
  ])('parseErrorBody: %s', (_name, text, contentType, expected) => {
    expect(parseErrorBody(text, contentType)).toEqual(expected);
  });

  it('parseErrorBody: long messages are clipped', () => {
    expect(parseErrorBody('x'.repeat(5_000), 'text/plain').message).toHaveLength(501);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-07-01T10:00:00Z');
  it.each([
    ['3', 3_000],
    ['0', 0],
    [' 120 ', 120_000],
    ['Wed, 01 Jul 2026 10:00:30 GMT', 30_000],
    ['Wed, 01 Jul 2026 09:00:00 GMT', 0],
    ['soon', undefined],
    ['2026', 2_026_000],
    ['-1', undefined],
    [null, undefined],
  ])('parseRetryAfter: %s', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});

describe('next links', () => {
  it.each([
    [
      'v2 site-relative',
      '/wiki/api/v2/pages?cursor=abc&limit=5',
      '/wiki/api/v2/pages?cursor=abc&limit=5',
    ],
    [
      'v1 relative to _links.base',
      '/rest/api/search?cql=type%3Dpage&cursor=xyz',
      '/wiki/rest/api/search?cql=type%3Dpage&cursor=xyz',
    ],
    [
      'absolute on the site',
      'https://acme.atlassian.net/wiki/api/v2/pages?cursor=a',
      '/wiki/api/v2/pages?cursor=a',
    ],
    ['mounted emulator', '/emulator/wiki/api/v2/pages?cursor=a', '/wiki/api/v2/pages?cursor=a'],
    [
      'gateway',
      'https://api.atlassian.com/ex/confluence/abc/wiki/rest/api/search?cursor=a',
      '/wiki/rest/api/search?cursor=a',
    ],
    ['unrelated', '/admin/users', undefined],
  ])('toSitePath: %s', (_name, link, expected) => {
    expect(toSitePath(link)).toBe(expected);
  });

  it('nextUrlOf: prefers the Link header, falls back to _links.next, undefined on the last page', () => {
    const linkHeader = new Headers({
      link: '</wiki/api/v2/pages?cursor=L>; rel="next", <https://x.atlassian.net/wiki>; rel="base"',
    });
    expect(nextUrlOf(linkHeader, { _links: { next: '/wiki/api/v2/pages?cursor=B' } })).toBe(
      '/wiki/api/v2/pages?cursor=L',
    );
    expect(nextUrlOf(new Headers(), { _links: { next: '/rest/api/search?cursor=B' } })).toBe(
      '/wiki/rest/api/search?cursor=B',
    );
    expect(
      nextUrlOf(new Headers({ link: 'garbage' }), { _links: { next: '/wiki/api/v2/x?cursor=C' } }),
    ).toBe('/wiki/api/v2/x?cursor=C');
    expect(
      nextUrlOf(new Headers(), { results: [], _links: { base: 'https://x/wiki' } }),
    ).toBeUndefined();
    expect(nextUrlOf(new Headers(), undefined)).toBeUndefined();
  });

  it('cursorOf: the cursor, or the offset of v1 offset lists', () => {
    expect(cursorOf('/wiki/api/v2/pages?limit=2&cursor=abc%3D')).toBe('abc=');
    expect(cursorOf('/wiki/rest/api/audit?start=50&limit=25')).toBe('50');
    expect(cursorOf(undefined)).toBeUndefined();
  });
});

describe('normalizeBaseUrl', () => {
  it.each([
    ['https://acme.atlassian.net', 'https://acme.atlassian.net'],
    ['https://acme.atlassian.net/wiki/', 'https://acme.atlassian.net'],
    ['https://api.atlassian.com/ex/confluence/abc/', 'https://api.atlassian.com/ex/confluence/abc'],
    ['http://127.0.0.1:8787/emulator', 'http://127.0.0.1:8787/emulator'],
  ])('normalizeBaseUrl: %s', (raw, expected) => {
    expect(normalizeBaseUrl(raw)).toBe(expected);
  });

  it('normalizeBaseUrl: refuses other schemes and non-URLs', () => {
    expect(() => normalizeBaseUrl('ftp://x')).toThrow(/http/);
    expect(() => normalizeBaseUrl('acme')).toThrow(/not a URL/);
  });
});

describe('createCredentials', () => {
  it('createCredentials: redacts the token, the encoded header and their escaped forms', () => {
    const credentials = createCredentials({
      kind: 'basic',
      email: 'a@b.c',
      apiToken: 'tok/en+secret',
    });
    const encoded = Buffer.from('a@b.c:tok/en+secret').toString('base64');
    const text = `h=${credentials.authorization} t=tok/en+secret u=${encodeURIComponent('tok/en+secret')} e=${encoded}`;
    expect(credentials.redact(text)).not.toMatch(/tok\/en|tok%2Fen|[A-Za-z0-9+/]{20,}/);
  });
});
