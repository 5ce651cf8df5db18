/** `describe` through the real command: what the MCP tool describe_sdk answers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SdkDescription } from '../../src/confluence/describe.ts';
import { createCliEnvironment, runCommand } from './cli-process.ts';

describe('confluence-workbench describe', () => {
  let environment: ReturnType<typeof createCliEnvironment>;
  const cli = (args: string[]) => runCommand(args, { env: environment.env });
  beforeAll(() => {
    environment = createCliEnvironment();
  });
  afterAll(() => environment.remove());

  it('describe <query>: the declarations and an example of the best matches', async () => {
    const outcome = await cli(['describe', 'add', 'label', 'to', 'page']);
    expect(outcome.code, outcome.stderr).toBe(0);
    expect(outcome.stdout).toContain('// confluence.labels.add');
    expect(outcome.stdout).toContain('@example');
  });

  it('describe --names --json: exactly the named operations, as JSON', async () => {
    const outcome = await cli(['describe', '--names', 'pages.get, labels.add', '--json']);
    expect(outcome.code, outcome.stderr).toBe(0);
    const described = JSON.parse(outcome.stdout) as SdkDescription;
    expect(described.operations.map((operation) => operation.name)).toEqual([
      'pages.get',
      'labels.add',
    ]);
    expect(described.unknown).toEqual([]);
  });

  it('describe: with nothing asked, the index of every namespace', async () => {
    const outcome = await cli(['describe']);
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toMatch(/^pages: get\(id\)/m);
    expect(outcome.stdout).toMatch(/^search: cql\(cql\)/m);
  });

  it('describe: names that match nothing exit 2 with close names; a hopeless query too', async () => {
    const typo = await cli(['describe', '--names', 'pages.gett']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('Did you mean pages.get');
    expect(typo.stdout).toBe('');
    const nothing = await cli(['describe', 'zzqqxx']);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('no SDK operation matches "zzqqxx"');
  });
});
