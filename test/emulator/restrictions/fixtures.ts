/**
 * Shared by the labels, comments, attachments, tasks and restrictions suites: a demo-seeded
 * emulator, contract-checked clients for each demo user, and lookups of seeded content by title.
 */
import { createEmulator, type Emulator } from '../../../src/emulator/index.ts';
import type { ContentRow } from '../../../src/emulator/content/schema.ts';
import { type ContractClient, basicAuth, contractClient } from '../contract.ts';

export interface DemoFixture {
  emulator: Emulator;
  /** demo@example.com, the site admin. */
  admin: ContractClient;
  alice: ContractClient;
  bob: ContractClient;
  carol: ContractClient;
  /** accountIds by user name. */
  accounts: { admin: string; alice: string; bob: string; carol: string };
  /** The seeded content with this title (any type). */
  content(title: string): ContentRow;
  /** The id of the space with this key. */
  spaceId(key: string): number;
  close(): void;
}

/** A fixed clock so that dates in responses are stable. */
export const FIXED_NOW = Date.UTC(2026, 5, 1, 12, 0, 0);

export function demoFixture(options: { now?: () => number } = {}): DemoFixture {
  const emulator = createEmulator({ seed: 'demo', now: options.now ?? (() => FIXED_NOW) });
  const account = (email: string) => emulator.context.users.byEmail(email)!.account_id;
  return {
    emulator,
    admin: contractClient(emulator.app),
    alice: contractClient(emulator.app, { auth: basicAuth('alice@example.com', 'alice-token') }),
    bob: contractClient(emulator.app, { auth: basicAuth('bob@example.com', 'bob-token') }),
    carol: contractClient(emulator.app, { auth: basicAuth('carol@example.com', 'carol-token') }),
    accounts: {
      admin: account('demo@example.com'),
      alice: account('alice@example.com'),
      bob: account('bob@example.com'),
      carol: account('carol@example.com'),
    },
    content(title) {
      const row = emulator.db
        .prepare('SELECT * FROM content WHERE title = ? ORDER BY id LIMIT 1')
        .get(title) as ContentRow | undefined;
      if (!row) throw new Error(`No seeded content titled ${title}`);
      return row;
    },
    spaceId(key) {
      return emulator.context.spaces.byKey(key)!.id;
    },
    close: () => emulator.close(),
  };
}
