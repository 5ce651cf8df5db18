import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_PORT, isLoopback, loadConfig } from '../src/config.ts';

describe('loadConfig', () => {
  it('config: no site configured means the embedded emulator', () => {
    const config = loadConfig({});
    expect(config.confluence).toBeNull();
    expect(config.port).toBe(DEFAULT_PORT);
    expect(config.host).toBe('127.0.0.1');
    expect(config.apiKeys).toEqual([]);
  });

  it('config: basic auth from email and API token, /wiki suffix trimmed', () => {
    const config = loadConfig({
      CONFLUENCE_BASE_URL: 'https://acme.atlassian.net/wiki/',
      CONFLUENCE_EMAIL: 'a@b.c',
      CONFLUENCE_API_TOKEN: 't0k',
    });
    expect(config.confluence).toEqual({
      baseUrl: 'https://acme.atlassian.net',
      auth: { kind: 'basic', email: 'a@b.c', apiToken: 't0k' },
    });
  });

  it('config: bearer token with a cloud id uses the Atlassian gateway', () => {
    const config = loadConfig({ CONFLUENCE_ACCESS_TOKEN: 'x', CONFLUENCE_CLOUD_ID: 'abc-123' });
    expect(config.confluence).toEqual({
      baseUrl: 'https://api.atlassian.com/ex/confluence/abc-123',
      auth: { kind: 'bearer', accessToken: 'x' },
    });
  });

  it('config: incomplete credentials are a clear error', () => {
    expect(() => loadConfig({ CONFLUENCE_BASE_URL: 'https://acme.atlassian.net' })).toThrow(
      /CONFLUENCE_EMAIL and CONFLUENCE_API_TOKEN/,
    );
    expect(() => loadConfig({ CONFLUENCE_API_TOKEN: 'x' })).toThrow(ConfigError);
    expect(() =>
      loadConfig({ CONFLUENCE_BASE_URL: 'not a url', CONFLUENCE_ACCESS_TOKEN: 'x' }),
    ).toThrow(/not a URL/);
  });

  it('config: keys, policy and flags override the environment', () => {
    const config = loadConfig(
      {
        WORKBENCH_API_KEYS: ' k1, k2 ,',
        WORKBENCH_PORT: '9000',
        WORKBENCH_READ_ONLY: 'true',
        WORKBENCH_ALLOWED_SPACES: 'MKT,ENG',
      },
      { port: 9100 },
    );
    expect(config.apiKeys).toEqual(['k1', 'k2']);
    expect(config.port).toBe(9100);
    expect(config.policy.readOnly).toBe(true);
    expect(config.policy.allowedSpaces).toEqual(['MKT', 'ENG']);
  });

  it('config: malformed numbers and flags are refused', () => {
    expect(() => loadConfig({ WORKBENCH_PORT: '70000' })).toThrow(/port/);
    expect(() => loadConfig({ WORKBENCH_READ_ONLY: 'maybe' })).toThrow(/WORKBENCH_READ_ONLY/);
    expect(() => loadConfig({ WORKBENCH_MAX_WRITES_PER_RUN: '-1' })).toThrow(/MAX_WRITES/);
  });

  it('isLoopback: only loopback addresses', () => {
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('localhost')).toBe(true);
    expect(isLoopback('::1')).toBe(true);
    expect(isLoopback('0.0.0.0')).toBe(false);
    expect(isLoopback('10.0.0.5')).toBe(false);
  });
});
