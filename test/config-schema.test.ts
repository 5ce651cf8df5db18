/**
 * The environment's schema (src/config/variables.ts): what it accepts and refuses, how its errors
 * read, and that the README's configuration table is true to it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import {
  ENVIRONMENT_SCHEMA,
  ENVIRONMENT_VARIABLES,
  readEnvironment,
} from '../src/config/variables.ts';

const shape = ENVIRONMENT_SCHEMA.shape as Record<
  string,
  { description?: string; parse(value: unknown): unknown }
>;

/** The rows of the README's configuration table, by the variables each names. */
function readmeConfigurationRows(): string[] {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Configuration'));
  const table = section.slice(0, section.indexOf('\n### '));
  return table.split('\n').filter((line) => line.startsWith('| `'));
}

describe('environment schema', () => {
  it('schema: every variable says what it means', () => {
    for (const name of ENVIRONMENT_VARIABLES)
      expect(shape[name]!.description, name).toMatch(/\w{3,}/);
  });

  it('README: the configuration table names every variable, with the default the schema applies', () => {
    const rows = readmeConfigurationRows();
    for (const name of ENVIRONMENT_VARIABLES) {
      const row = rows.find((line) => line.split('|')[1]!.includes(`\`${name}\``));
      expect(row, `README row for ${name}`).toBeDefined();
      const fallback = shape[name]!.parse(undefined);
      if (['string', 'number', 'boolean'].includes(typeof fallback))
        expect(row!.split('|').at(-2), name).toContain(String(fallback));
    }
    const named = rows.flatMap((line) => [...line.split('|')[1]!.matchAll(/`([A-Z_]+)`/g)]);
    expect(named.map((match) => match[1]).sort()).toEqual([...ENVIRONMENT_VARIABLES].sort());
  });

  it('readEnvironment: blank means unset; values converted; defaults filled in', () => {
    const values = readEnvironment({
      WORKBENCH_PORT: '  ',
      WORKBENCH_READ_ONLY: 'Yes',
      WORKBENCH_LOG_LEVEL: 'DEBUG',
      WORKBENCH_ALLOWED_SPACES: ' ENG, ,DOCS ',
      CONFLUENCE_MAX_CONCURRENCY: '4',
    });
    expect(values).toMatchObject({
      WORKBENCH_READ_ONLY: true,
      WORKBENCH_LOG_LEVEL: 'debug',
      WORKBENCH_ALLOWED_SPACES: ['ENG', 'DOCS'],
      CONFLUENCE_MAX_CONCURRENCY: 4,
      WORKBENCH_MAX_CONCURRENT_RUNS: 8,
      WORKBENCH_HOST: '127.0.0.1',
    });
    expect(values.WORKBENCH_PORT).toBeUndefined();
  });

  it.each([
    [
      { WORKBENCH_MAX_QUEUED_RUNS: '1.5' },
      'WORKBENCH_MAX_QUEUED_RUNS must be an integer of at least 0; got 1.5',
    ],
    [{ WORKBENCH_PORT: '70000' }, 'WORKBENCH_PORT must be at most 65535 (a TCP port); got 70000'],
    [{ PORT: 'eighty' }, 'PORT must be an integer from 0 to 65535 (a TCP port); got "eighty"'],
    [{ CONFLUENCE_MAX_CONCURRENCY: '0' }, 'CONFLUENCE_MAX_CONCURRENCY must be at least 1; got 0'],
    [
      { WORKBENCH_EMULATOR_FAULTS: 'sure' },
      'WORKBENCH_EMULATOR_FAULTS must be true or false (1/0, yes/no, on/off); got "sure"',
    ],
    [
      { WORKBENCH_LOG_LEVEL: 'loud' },
      'WORKBENCH_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent; got "loud"',
    ],
    [
      { CONFLUENCE_BASE_URL: 'ftp://x', CONFLUENCE_ACCESS_TOKEN: 't' },
      'CONFLUENCE_BASE_URL must be an http(s) URL; got "ftp:"',
    ],
  ])(
    'readEnvironment: a value that cannot work names the variable, the value and the rule (%o)',
    (env, message) => {
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(message);
    },
  );

  it('readEnvironment: every bad variable is named at once, one line each', () => {
    let error: unknown;
    try {
      readEnvironment({ WORKBENCH_RUNS_KEEP: '0', WORKBENCH_MAX_HOST_CALLS: 'many' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message.split('\n')).toEqual([
      'WORKBENCH_MAX_HOST_CALLS must be an integer of at least 1; got "many"',
      'WORKBENCH_RUNS_KEEP must be at least 1; got 0',
    ]);
  });

  it('readEnvironment: a secret is never repeated in an error', () => {
    const attempt = () =>
      readEnvironment({ WORKBENCH_DATABASE_URL: 'mysql://wb:s3cret-pass@db/x' });
    expect(attempt).toThrow('WORKBENCH_DATABASE_URL must start with postgres://');
    expect(attempt).not.toThrow(/s3cret/);
  });
});
