/**
 * Shared state of one contract run: the session caller, a scratch space created for the run (and
 * deleted after it), unique titles, and `contract()`, which names a test `<operation>: <behaviour>`
 * and skips it, saying why, when the backend lists one of its operations as pending.
 */
import { it } from 'vitest';
import type { Call, ContractBackend } from './backend.ts';

/** Generous: a real site can be slow, and CI machines are shared. */
export const CONTRACT_TIMEOUT_MS = 60_000;

export interface ContractFixture {
  backend: ContractBackend;
  call: Call;
  /** Set in the suite's beforeAll. */
  spaceKey: string;
  spaceId: string;
  /** The account the run acts as. */
  accountId: string;
  displayName: string;
  /** `prefix` plus a suffix unique to this run: page titles must be unique in a space. */
  unique(prefix: string): string;
  /** Operations whose tests were skipped because they, or an operation they use, are pending. */
  skipped: Set<string>;
}

export function createFixture(backend: ContractBackend, call: Call): ContractFixture {
  const run = crypto.randomUUID().slice(0, 8);
  let counter = 0;
  return {
    backend,
    call,
    spaceKey: '',
    spaceId: '',
    accountId: '',
    displayName: '',
    unique: (prefix) => `${prefix} ${run}-${++counter}`,
    skipped: new Set(),
  };
}

/**
 * Declares one contract test. `uses` lists the other operations the test needs, so a pending
 * operation skips every test that depends on it.
 */
export function contract(
  fixture: ContractFixture,
  operation: string,
  behaviour: string,
  body: () => Promise<void>,
  uses: readonly string[] = [],
): void {
  const pending = [operation, ...uses].find((name) => fixture.backend.pending[name] !== undefined);
  const title = `${operation}: ${behaviour}`;
  if (pending) {
    fixture.skipped.add(operation);
    it.skip(
      `${title} (pending on ${fixture.backend.name}: ${pending}, ${fixture.backend.pending[pending]})`,
      body,
    );
  } else {
    it(title, body, CONTRACT_TIMEOUT_MS);
  }
}

/** A page body with a heading, a list and a code macro: what a round trip must keep. */
export const RICH_STORAGE =
  '<h1>Plan</h1><ul><li>one</li><li>two</li></ul>' +
  '<ac:structured-macro ac:name="code"><ac:parameter ac:name="language">ts</ac:parameter>' +
  '<ac:plain-text-body><![CDATA[const x = 1;]]></ac:plain-text-body></ac:structured-macro>';
