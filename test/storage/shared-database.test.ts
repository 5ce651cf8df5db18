import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { openSharedDatabase } from '../../src/storage/shared-database.ts';
import { usePostgresDatabase } from '../support/postgres.ts';

const db = usePostgresDatabase();

describe('the shared database', () => {
  it('is absent without WORKBENCH_DATABASE_URL', async () => {
    expect(await openSharedDatabase(loadConfig({}))).toBeNull();
  });

  it('reports its health without the password', async () => {
    const shared = await openSharedDatabase(loadConfig({ WORKBENCH_DATABASE_URL: db.url }));
    try {
      const health = await shared!.health();
      expect(health.ok).toBe(true);
      expect(health.latencyMs).toBeGreaterThanOrEqual(0);
      const password = new URL(db.url).password;
      expect(password.length).toBeGreaterThan(0);
      expect(JSON.stringify(health)).not.toContain(password);
      expect(shared!.description).not.toContain(password);
    } finally {
      await shared!.close();
    }
  });

  it('answers not ok, with the reason, when the database cannot be reached', async () => {
    const url = new URL(db.url);
    url.port = '1'; // nothing listens on port 1
    const shared = await openSharedDatabase(loadConfig({ WORKBENCH_DATABASE_URL: url.toString() }));
    try {
      const health = await shared!.health();
      expect(health.ok).toBe(false);
      expect(health.error).toMatch(/ECONNREFUSED|connect/);
      expect(JSON.stringify(health)).not.toContain(url.password);
    } finally {
      await shared!.close();
    }
  });

  it('refuses a malformed URL at load time', () => {
    expect(() => loadConfig({ WORKBENCH_DATABASE_URL: 'mysql://db/x' })).toThrow(
      /WORKBENCH_DATABASE_URL must start with postgres:\/\//,
    );
  });
});
