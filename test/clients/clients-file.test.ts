/**
 * WORKBENCH_CLIENTS_FILE as loadConfig reads it from a real file: the shape of DESIGN.md
 * ("Clients and tenants") in YAML and JSON, every way a careless file is refused with a sentence
 * that says where and what, and a client's policy narrowing the server's (never widening it).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createClientDirectory } from '../../src/clients/directory.ts';
import { withClients } from '../../src/clients/load-clients.ts';
import { ConfigError, loadConfig as loadEnvironment } from '../../src/config.ts';

/** What `serve` does at start: the environment, then the clients file. */
const loadConfig = (env: Record<string, string>) => withClients(loadEnvironment(env));

const dir = mkdtempSync(path.join(tmpdir(), 'cw-clients-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

function file(text: string, extension = '.yaml'): string {
  const name = path.join(dir, `clients-${files++}${extension}`);
  writeFileSync(name, text);
  return name;
}

function load(text: string, env: Record<string, string> = {}, extension = '.yaml') {
  return loadConfig({ WORKBENCH_CLIENTS_FILE: file(text, extension), ...env });
}

function refusal(text: string, env: Record<string, string> = {}, extension = '.yaml'): string {
  try {
    load(text, env, extension);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('the clients file was accepted');
}

const DESIGN_EXAMPLE = `
clients:
  - name: ops                 # unique; shown in logs, runs and metrics
    key: "k-ops-0123456789"
    role: admin
  - name: docs-agent
    key: "k-docs-0123456789"
    role: user
    confluence:
      email: docs-bot@acme.com
      apiToken: "docs-secret-token"
    policy:
      readOnly: false
      allowedSpaces: [DOCS]
      allowedOperations: [pages.*, labels.*, search.*]
      maxWritesPerRun: 50
`;

describe('WORKBENCH_CLIENTS_FILE', () => {
  it('clients file: the DESIGN.md example loads, keys kept only as SHA-256 and each resolves to its client', () => {
    const config = load(DESIGN_EXAMPLE);
    expect(config.clients?.map((client) => client.tenant.name)).toEqual(['ops', 'docs-agent']);
    expect(JSON.stringify(config.clients)).not.toContain('k-docs-0123456789');
    // The credential is there for the SDK, but never serialized with the client.
    const docs = config.clients![1]!.tenant;
    expect(docs.confluence?.auth).toEqual({
      kind: 'basic',
      email: 'docs-bot@acme.com',
      apiToken: 'docs-secret-token',
    });
    expect(JSON.stringify(docs)).not.toContain('docs-secret-token');
    expect(JSON.stringify({ ...docs })).not.toContain('docs-secret-token');
    expect(docs.policy).toEqual({
      readOnly: false,
      allowedSpaces: ['DOCS'],
      allowedOperations: ['pages.*', 'labels.*', 'search.*'],
      maxWritesPerRun: 50,
    });
    const directory = createClientDirectory(config);
    expect(directory.required).toBe(true);
    expect(directory.authenticate('k-docs-0123456789')?.tenant).toMatchObject({
      name: 'docs-agent',
      role: 'user',
    });
    expect(directory.authenticate('k-ops-0123456789')?.tenant.role).toBe('admin');
    expect(directory.authenticate('k-docs-012345678')).toBeUndefined();
    expect(directory.byName('docs-agent')?.name).toBe('docs-agent');
  });

  it('clients file: JSON by its extension, keySha256 instead of the key, a bearer token with a cloudId', () => {
    const digest = createHash('sha256').update('k-json-key').digest('hex');
    const config = load(
      JSON.stringify({
        clients: [
          {
            name: 'bot',
            keySha256: digest.toUpperCase(),
            role: 'user',
            confluence: { accessToken: 'oauth-token', cloudId: 'abc-123' },
          },
        ],
      }),
      {},
      '.json',
    );
    const tenant = createClientDirectory(config).authenticate('k-json-key')?.tenant;
    expect(tenant?.name).toBe('bot');
    expect(tenant?.confluence).toEqual({
      auth: { kind: 'bearer', accessToken: 'oauth-token' },
      baseUrl: 'https://api.atlassian.com/ex/confluence/abc-123',
    });
  });

  it('clients file: with a file, a key is required even on loopback', () => {
    const config = load('clients: [{ name: a, key: k-a, role: user }]');
    expect(config.host).toBe('127.0.0.1');
    expect(createClientDirectory(config).required).toBe(true);
  });

  it.each([
    ['an unknown role', 'clients: [{ name: a, key: k1, role: owner }]', /clients\[0\]\.role/],
    [
      'a duplicate name',
      'clients: [{ name: a, key: k1, role: user }, { name: a, key: k2, role: user }]',
      /clients\[1\] \(a\): the name is already used by clients\[0\]/,
    ],
    [
      'a duplicate key',
      'clients: [{ name: a, key: k1, role: user }, { name: b, key: k1, role: admin }]',
      /clients\[1\] \(b\): the key is already clients\[0\]'s/,
    ],
    [
      'a key given again as its SHA-256',
      `clients: [{ name: a, key: k1, role: user }, { name: b, keySha256: "${createHash('sha256').update('k1').digest('hex')}", role: user }]`,
      /the key is already clients\[0\]'s/,
    ],
    ['a missing key', 'clients: [{ name: a, role: user }]', /exactly one of key and keySha256/],
    [
      'both key and keySha256',
      `clients: [{ name: a, key: k1, keySha256: "${'0'.repeat(64)}", role: user }]`,
      /exactly one of key and keySha256/,
    ],
    [
      'a keySha256 that is not a SHA-256',
      'clients: [{ name: a, keySha256: abc, role: user }]',
      /clients\[0\]\.keySha256: keySha256 is the 64 hex digits/,
    ],
    [
      'a misspelt policy field',
      'clients: [{ name: a, key: k1, role: user, policy: { allowedSpace: [MKT] } }]',
      /clients\[0\]\.policy.*allowedSpace/,
    ],
    [
      'a policy field of the wrong type',
      'clients: [{ name: a, key: k1, role: user, policy: { maxWritesPerRun: lots } }]',
      /clients\[0\]\.policy\.maxWritesPerRun/,
    ],
    [
      'an unknown operation',
      'clients: [{ name: a, key: k1, role: user, policy: { allowedOperations: [pages.gett, nope.*] } }]',
      /names no operation: pages\.gett, nope\.\*/,
    ],
    [
      'half a Confluence credential',
      'clients: [{ name: a, key: k1, role: user, confluence: { email: a@b.c } }]',
      /clients\[0\]\.confluence/,
    ],
    ['a name with spaces', 'clients: [{ name: "a b", key: k1, role: user }]', /clients\[0\]\.name/],
    ['no clients', 'clients: []', /at least one client/],
    ['not YAML', 'clients: [ { name: a', /not valid YAML/],
  ])('clients file: %s is refused at start, saying where', (_what, text, message) => {
    const error = refusal(text);
    expect(error).toMatch(/^WORKBENCH_CLIENTS_FILE /);
    expect(error).toMatch(message);
  });

  it('clients file: a file that cannot be read, or bad JSON, is a clear error', () => {
    expect(() => loadConfig({ WORKBENCH_CLIENTS_FILE: path.join(dir, 'missing.yaml') })).toThrow(
      /WORKBENCH_CLIENTS_FILE .*missing\.yaml: cannot read it \(ENOENT\)/,
    );
    expect(refusal('{"clients": [', {}, '.json')).toMatch(/not valid JSON/);
  });

  it('clients file: WORKBENCH_API_KEYS set as well is refused, saying which to keep', () => {
    expect(refusal(DESIGN_EXAMPLE, { WORKBENCH_API_KEYS: 'k1' })).toMatch(
      /WORKBENCH_API_KEYS and WORKBENCH_CLIENTS_FILE are both set: use one/,
    );
  });

  it('WORKBENCH_API_KEYS alone: the single-tenant form, every key the same admin client', () => {
    const config = loadConfig({ WORKBENCH_API_KEYS: 'k1,k2' });
    expect(config.clients).toBeUndefined();
    const directory = createClientDirectory(config);
    expect(directory.authenticate('k1')).toMatchObject({
      clientId: 'key-1',
      tenant: { name: 'default', role: 'admin' },
    });
    expect(directory.authenticate('k2')?.tenant).toBe(directory.authenticate('k1')?.tenant);
  });
});

describe('a client policy only narrows the server policy', () => {
  const SERVER = {
    WORKBENCH_ALLOWED_SPACES: 'MKT,ENG',
    WORKBENCH_ALLOWED_OPERATIONS: 'pages.*,labels.add',
    WORKBENCH_MAX_WRITES_PER_RUN: '3',
  };

  it('policy: spaces and operations are intersected, readOnly is OR-ed, the write cap is the smaller', () => {
    const config = load(
      `clients:
  - name: wide
    key: k-wide
    role: user
    policy:
      readOnly: true
      allowedSpaces: [mkt, HR]
      allowedOperations: [pages.get, labels.*, spaces.*]
      maxWritesPerRun: 50`,
      SERVER,
    );
    expect(config.clients![0]!.tenant.policy).toEqual({
      readOnly: true,
      allowedSpaces: ['MKT'],
      allowedOperations: ['pages.get', 'labels.add'],
      maxWritesPerRun: 3,
    });
  });

  it('policy: a client without a policy, or with an empty list, gets the server policy as is', () => {
    const config = load(
      'clients: [{ name: a, key: k1, role: user }, { name: b, key: k2, role: user, policy: { allowedSpaces: [] } }]',
      SERVER,
    );
    for (const client of config.clients!) {
      expect(client.tenant.policy).toEqual(config.policy);
    }
  });

  it('policy: a client whose spaces or operations share nothing with the server would be unrestricted, so it is refused', () => {
    expect(
      refusal(
        'clients: [{ name: a, key: k1, role: user, policy: { allowedSpaces: [HR] } }]',
        SERVER,
      ),
    ).toMatch(/clients\[0\] \(a\): policy\.allowedSpaces \[HR\] shares no space/);
    expect(
      refusal(
        'clients: [{ name: a, key: k1, role: user, policy: { allowedOperations: [spaces.*] } }]',
        SERVER,
      ),
    ).toMatch(/policy\.allowedOperations \[spaces\.\*\] shares no operation/);
  });
});

describe('README', () => {
  it('README: the clients file example under "Tenants" loads as it is', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## Tenants: a shared deployment'));
    const example = /```yaml\n([\s\S]*?)```/.exec(section)![1]!;
    const config = load(example);
    expect(config.clients?.map((client) => client.tenant.name)).toEqual(['ops', 'docs-agent']);
    const directory = createClientDirectory(config);
    expect(directory.authenticate('k-docs-0c1d2e3f4a5b6c7d')?.tenant.name).toBe('docs-agent');
    expect(directory.authenticate('k-ops-4f9c2a7e1b3d8c60')?.tenant.role).toBe('admin');
  });
});
