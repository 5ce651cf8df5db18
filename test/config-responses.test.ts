import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_MAX_RESPONSE_BYTES_IN_FLIGHT,
} from '../src/confluence/http/response-budget.ts';

describe('loadConfig: response limits', () => {
  it('config: response limits default to 32 MiB per answer and 256 MiB in flight', () => {
    expect(loadConfig({}).responses).toEqual({
      maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
      maxResponseBytesInFlight: DEFAULT_MAX_RESPONSE_BYTES_IN_FLIGHT,
    });
  });

  it('config: WORKBENCH_MAX_RESPONSE_BYTES and _IN_FLIGHT are read; in flight follows a larger cap', () => {
    expect(
      loadConfig({
        WORKBENCH_MAX_RESPONSE_BYTES: '1048576',
        WORKBENCH_MAX_RESPONSE_BYTES_IN_FLIGHT: '4194304',
      }).responses,
    ).toEqual({ maxResponseBytes: 1_048_576, maxResponseBytesInFlight: 4_194_304 });
    const big = 512 * 1024 * 1024;
    expect(loadConfig({ WORKBENCH_MAX_RESPONSE_BYTES: String(big) }).responses).toEqual({
      maxResponseBytes: big,
      maxResponseBytesInFlight: big,
    });
  });

  it.each([
    [{ WORKBENCH_MAX_RESPONSE_BYTES: 'lots' }, /WORKBENCH_MAX_RESPONSE_BYTES must be/],
    [{ WORKBENCH_MAX_RESPONSE_BYTES: '1000' }, /at least 65536 bytes; got 1000/],
    [
      {
        WORKBENCH_MAX_RESPONSE_BYTES: '2097152',
        WORKBENCH_MAX_RESPONSE_BYTES_IN_FLIGHT: '1048576',
      },
      /IN_FLIGHT \(1048576\) must be at least WORKBENCH_MAX_RESPONSE_BYTES \(2097152\)/,
    ],
  ])('config: a response limit that cannot work is a clear error (%o)', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
