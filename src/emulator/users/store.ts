/**
 * Users of the emulated site: their accountId, email, display name and API token (accepted as the
 * password of basic auth and as a bearer token). The site admin always exists, whatever the seed,
 * so that a fresh emulator can be used at once.
 */
import type { DatabaseSync } from 'node:sqlite';

export const USERS_SCHEMA = `
CREATE TABLE IF NOT EXISTS users (
  account_id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name TEXT NOT NULL,
  api_token TEXT NOT NULL UNIQUE,
  is_admin INTEGER NOT NULL DEFAULT 0,
  account_type TEXT NOT NULL DEFAULT 'atlassian',
  time_zone TEXT NOT NULL DEFAULT 'UTC',
  created_at INTEGER NOT NULL
);
`;

export interface UserRow {
  /** Atlassian accountId, e.g. `557058:0f1b…`. */
  account_id: string;
  email: string;
  display_name: string;
  /** The API token; never returned by any route. */
  api_token: string;
  is_admin: number; // 0 | 1: site admin (may read the audit log)
  account_type: string; // 'atlassian' | 'app' | 'customer'
  time_zone: string; // IANA zone
  created_at: number; // ms since epoch
}

export interface NewUser {
  accountId: string;
  email: string;
  displayName: string;
  apiToken: string;
  isAdmin?: boolean;
  timeZone?: string;
}

/** The demo site admin (DESIGN.md: `emulator` command). */
export const DEMO_ADMIN: NewUser = {
  accountId: '557058:7d3c4a1e-0b6f-4c1a-9e57-2f6a1d0c0001',
  email: 'demo@example.com',
  displayName: 'Demo Admin',
  apiToken: 'demo-token',
  isAdmin: true,
  timeZone: 'Europe/London',
};

export type UserStore = ReturnType<typeof createUserStore>;

/**
 * @example const caller = users.byEmail('demo@example.com');
 */
export function createUserStore(db: DatabaseSync, now: () => number) {
  const sql = {
    insert: db.prepare(
      `INSERT INTO users (account_id, email, display_name, api_token, is_admin, time_zone, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (account_id) DO NOTHING`,
    ),
    byId: db.prepare('SELECT * FROM users WHERE account_id = ?'),
    byEmail: db.prepare('SELECT * FROM users WHERE email = ?'),
    byToken: db.prepare('SELECT * FROM users WHERE api_token = ?'),
    all: db.prepare('SELECT * FROM users ORDER BY created_at, account_id'),
  };
  return {
    /** Adds a user unless its accountId exists. */
    add(user: NewUser): UserRow {
      sql.insert.run(
        user.accountId,
        user.email,
        user.displayName,
        user.apiToken,
        user.isAdmin ? 1 : 0,
        user.timeZone ?? 'UTC',
        now(),
      );
      return sql.byId.get(user.accountId) as unknown as UserRow;
    },
    byId: (accountId: string) => sql.byId.get(accountId) as UserRow | undefined,
    byEmail: (email: string) => sql.byEmail.get(email) as UserRow | undefined,
    byToken: (token: string) => sql.byToken.get(token) as UserRow | undefined,
    all: () => sql.all.all() as unknown as UserRow[],
  };
}
