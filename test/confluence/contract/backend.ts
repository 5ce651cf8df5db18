/**
 * What the contract suite runs against: the in-process emulator, or a real site. Either way the
 * suite calls the SDK the way the sandbox does, through a live run session's host functions
 * (validation, policy, ledger) over the real HTTP client; only `fetch` differs.
 */
import type { PolicyConfig } from '../../../src/config.ts';
import type { ConfluenceClient } from '../../../src/confluence/http/client.ts';
import { OPERATIONS } from '../../../src/confluence/operations/index.ts';
import { createRunSession } from '../../../src/confluence/session/run-session.ts';

export interface ContractBackend {
  /** `emulator` or `site`. */
  name: string;
  client: ConfluenceClient;
  /** The account may read the audit log (site admins only). */
  admin: boolean;
  /**
   * Operations this backend cannot serve yet, with the reason: their tests are skipped under a
   * name that says so, never silently passed.
   */
  pending: Readonly<Record<string, string>>;
}

const OPEN_POLICY: PolicyConfig = {
  readOnly: false,
  allowedOperations: [],
  allowedSpaces: [],
  maxWritesPerRun: 10_000,
};

export type Call = (<Result = unknown>(operation: string, args?: unknown) => Promise<Result>) & {
  /** Every operation called so far, whatever the outcome. */
  readonly called: ReadonlySet<string>;
};

/** Calls operations through one live run session, as a script in the sandbox would. */
export function sessionCaller(backend: ContractBackend): Call {
  const session = createRunSession({
    client: backend.client,
    operations: OPERATIONS,
    mode: 'live',
    policy: OPEN_POLICY,
  });
  let callIndex = 0;
  const called = new Set<string>();
  const call = async <Result>(operation: string, args: unknown = {}) => {
    const host = session.host[operation];
    if (!host) throw new Error(`no host function ${operation}`);
    called.add(operation);
    const context = { signal: new AbortController().signal, callIndex: callIndex++ };
    return (await host(args, context)) as Result;
  };
  return Object.assign(call, { called });
}

/** A space key no one else uses: `CW` and eight letters. */
export function uniqueSpaceKey(): string {
  const letters = crypto.getRandomValues(new Uint8Array(8));
  return `CW${[...letters].map((value) => String.fromCharCode(65 + (value % 26))).join('')}`;
}
