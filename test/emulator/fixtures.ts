/**
 * Shared fixtures for emulator tests: a demo emulator with a controllable clock and a contract
 * client (every response checked against the OpenAPI documents).
 *
 * @example
 * const site = demoSite();
 * afterEach(() => site.close());
 * const page = await site.pageByTitle('Q3 planning');
 */
import { type Emulator, type EmulatorOptions, createEmulator } from '../../src/emulator/index.ts';
import { type ContractClient, basicAuth, contractClient } from './contract.ts';

/** 1 March 2026, 12:00 UTC: the tests' "now". */
export const TEST_EPOCH_MS = Date.UTC(2026, 2, 1, 12, 0, 0);

export interface TestClock {
  now: () => number;
  advance(ms: number): void;
}

export function testClock(start = TEST_EPOCH_MS): TestClock {
  let current = start;
  return { now: () => current, advance: (ms) => void (current += ms) };
}

/** A JSON object read from a response (already schema-checked by the contract client). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

export interface DemoSiteFixture {
  emulator: Emulator;
  clock: TestClock;
  /** As demo@example.com (site admin). */
  client: ContractClient;
  /** As alice@example.com (not an admin). */
  alice: ContractClient;
  /** The v2 JSON of a demo page, found by exact title. */
  pageByTitle(title: string): Promise<Json>;
  spaceByKey(key: string): Promise<Json>;
  close(): void;
}

export function demoSite(options: EmulatorOptions = {}): DemoSiteFixture {
  const clock = testClock();
  const emulator = createEmulator({ now: clock.now, ...options });
  const client = contractClient(emulator.app);
  return {
    emulator,
    clock,
    client,
    alice: contractClient(emulator.app, { auth: basicAuth('alice@example.com', 'alice-token') }),
    async pageByTitle(title) {
      const response = await client.get(`/wiki/api/v2/pages?title=${encodeURIComponent(title)}`);
      const page = response.body.results[0];
      if (!page) throw new Error(`no demo page titled ${title}`);
      return page;
    },
    async spaceByKey(key) {
      const response = await client.get(`/wiki/api/v2/spaces?keys=${key}`);
      const space = response.body.results[0];
      if (!space) throw new Error(`no demo space ${key}`);
      return space;
    },
    close: () => emulator.close(),
  };
}

/** A storage body in the flat write form. */
export function storage(value: string) {
  return { representation: 'storage', value };
}
