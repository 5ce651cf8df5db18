/** The environment checks of src/config.ts beyond loadConfig. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  WORKBENCH_VARIABLES,
  assertSettingsInRange,
  unknownVariableWarnings,
} from '../src/config.ts';
import { ENVIRONMENT_SCHEMA } from '../src/config/variables.ts';
import { clampNotes, resolveRunLimits } from '../src/runs/limits.ts';

describe('environment checks', () => {
  it('WORKBENCH_VARIABLES: the WORKBENCH_* variables of the schema; src/config.ts reads none by hand', () => {
    expect(WORKBENCH_VARIABLES).toEqual(
      Object.keys(ENVIRONMENT_SCHEMA.shape)
        .filter((name) => name.startsWith('WORKBENCH_'))
        .sort(),
    );
    expect(WORKBENCH_VARIABLES).toContain('WORKBENCH_READ_ONLY');
    const source = readFileSync(new URL('../src/config.ts', import.meta.url), 'utf8');
    expect(source.match(/env\[\s*'(WORKBENCH|CONFLUENCE)_[A-Z0-9_]+'\s*\]/g)).toBeNull();
  });

  it('unknownVariableWarnings: typos get the nearest name; known and client names none', () => {
    expect(
      unknownVariableWarnings({
        WORKBENCH_READONLY: '1',
        WORKBENCH_MAX_CONCURENT_RUNS: '2',
        WORKBENCH_PORT: '1',
        WORKBENCH_API_KEY: 'k',
        OTHER: 'x',
      }),
    ).toEqual([
      'unknown variable WORKBENCH_MAX_CONCURENT_RUNS is ignored (did you mean WORKBENCH_MAX_CONCURRENT_RUNS?)',
      'unknown variable WORKBENCH_READONLY is ignored (did you mean WORKBENCH_READ_ONLY?)',
    ]);
  });

  it('assertSettingsInRange: 0 runs, no keys and tiny bodies are errors; sane values pass', () => {
    expect(() => assertSettingsInRange({ WORKBENCH_MAX_CONCURRENT_RUNS: '0' })).toThrow(
      ConfigError,
    );
    expect(() => assertSettingsInRange({ WORKBENCH_API_KEYS: ' , ,' })).toThrow(/names no key/);
    expect(() => assertSettingsInRange({ WORKBENCH_MAX_REQUEST_BYTES: '512' })).toThrow(/1024/);
    expect(() =>
      assertSettingsInRange({
        WORKBENCH_MAX_CONCURRENT_RUNS: '2',
        WORKBENCH_API_KEYS: 'a,b',
        WORKBENCH_MAX_REQUEST_BYTES: '2048',
      }),
    ).not.toThrow();
    expect(() => assertSettingsInRange({})).not.toThrow();
  });

  it('clampNotes: says what a clamped timeout or budget became; nothing when in range', () => {
    const limits = resolveRunLimits({ maxRunTimeoutMs: 60_000 });
    expect(clampNotes({ timeoutMs: 999_999, resultBudget: 10_000_000 }, limits)).toEqual([
      'timeoutMs 999999 is above the longest allowed (60000 ms, WORKBENCH_MAX_RUN_TIMEOUT_MS): the run had 60000 ms',
      expect.stringMatching(
        /^resultBudget 10000000 is above the largest allowed: the result was summarized to \d+ characters$/,
      ),
    ]);
    expect(clampNotes({ timeoutMs: 1, resultBudget: 1 }, limits)).toHaveLength(2);
    expect(clampNotes({ timeoutMs: 5_000, resultBudget: 4_000 }, limits)).toEqual([]);
    expect(clampNotes({}, limits)).toEqual([]);
  });
});
