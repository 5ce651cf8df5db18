/**
 * The environment through the real command: a `.env` in the working directory, unknown
 * `WORKBENCH_*` variables, and values that cannot mean what was written (errors, not clamps).
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunEnvelope } from '../../src/runs/types.ts';
import { createCliEnvironment, runCommand } from './cli-process.ts';

describe('confluence-workbench environment', { timeout: 120_000 }, () => {
  let environment: ReturnType<typeof createCliEnvironment>;
  beforeAll(() => {
    environment = createCliEnvironment();
  });
  afterAll(() => environment.remove());

  it('.env: read from the working directory; the real environment wins', async () => {
    writeFileSync(`${environment.dataDir}/.env`, 'WORKBENCH_LOG_LEVEL=loud\n');
    const fromFile = await runCommand(['runs'], { env: environment.env, cwd: environment.dataDir });
    expect(fromFile.code).toBe(2);
    expect(fromFile.stderr).toContain('WORKBENCH_LOG_LEVEL must be one of');
    expect(fromFile.stderr).toContain('"loud"');
    const real = await runCommand(['runs'], {
      env: { ...environment.env, WORKBENCH_LOG_LEVEL: 'warn' },
      cwd: environment.dataDir,
    });
    expect(real.code, real.stderr).toBe(0);
    writeFileSync(`${environment.dataDir}/.env`, '');
  });

  it('unknown WORKBENCH_* variable: a warning naming the nearest real one, once', async () => {
    const outcome = await runCommand(['runs'], {
      env: { ...environment.env, WORKBENCH_READONLY: '1', WORKBENCH_API_KEY: 'client-side' },
    });
    expect(outcome.code).toBe(0);
    expect(outcome.stderr).toContain(
      'warning: unknown variable WORKBENCH_READONLY is ignored (did you mean WORKBENCH_READ_ONLY?)',
    );
    expect(outcome.stderr.match(/unknown variable/g)).toHaveLength(1);
  });

  it('out of range: an error naming the variable, never a silent clamp', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ WORKBENCH_MAX_CONCURRENT_RUNS: '0' }, 'WORKBENCH_MAX_CONCURRENT_RUNS must be at least 1'],
      [{ WORKBENCH_API_KEYS: ',' }, 'WORKBENCH_API_KEYS is set but names no key'],
      [{ WORKBENCH_MAX_REQUEST_BYTES: '10' }, 'WORKBENCH_MAX_REQUEST_BYTES must be at least 1024'],
    ];
    for (const [variables, message] of cases) {
      const outcome = await runCommand(['runs'], { env: { ...environment.env, ...variables } });
      expect(outcome.code, message).toBe(2);
      expect(outcome.stderr).toContain(message);
    }
  });

  it('run --budget/--timeout above the limits: the envelope warns what the run got', async () => {
    const outcome = await runCommand(
      ['run', '-', '--json', '--budget', '1000000', '--timeout', '999999'],
      { env: environment.env, input: 'return 1;' },
    );
    expect(outcome.code, outcome.stderr).toBe(0);
    const envelope = JSON.parse(outcome.stdout) as RunEnvelope;
    expect(envelope.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^timeoutMs 999999 is above the longest allowed \(\d+ ms, WORKBENCH_MAX_RUN_TIMEOUT_MS\)/,
        ),
        expect.stringMatching(/^resultBudget 1000000 is above the largest allowed/),
      ]),
    );
  });
});
