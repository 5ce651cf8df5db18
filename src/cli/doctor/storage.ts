/**
 * The doctor's line about where data is kept: the data directory (it must be writable, or
 * creatable), or the PostgreSQL of WORKBENCH_DATABASE_URL (it must answer), shown without its
 * password.
 */
import { access, constants, mkdir } from 'node:fs/promises';
import type { WorkbenchConfig } from '../../config.ts';
import type { DoctorCheck } from './checks.ts';

/** How long the database may take to answer `SELECT 1`. */
const DATABASE_TIMEOUT_MS = 5_000;

export async function checkStorage(config: WorkbenchConfig): Promise<DoctorCheck> {
  return config.databaseUrl ? checkDatabase(config.databaseUrl) : checkDataDir(config.dataDir);
}

async function checkDataDir(dataDir: string): Promise<DoctorCheck> {
  try {
    await mkdir(dataDir, { recursive: true });
    await access(dataDir, constants.W_OK);
    return { name: 'storage', ok: true, message: `data dir ${dataDir} (SQLite) is writable` };
  } catch (error) {
    return {
      name: 'storage',
      ok: false,
      message: `data dir ${dataDir} cannot be written: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      fix: 'set WORKBENCH_DATA_DIR (or --data-dir) to a directory this user may write',
    };
  }
}

async function checkDatabase(url: string): Promise<DoctorCheck> {
  const { createPostgresPool, describeDatabaseUrl } =
    await import('../../storage/postgres/pool.ts');
  const shown = describeDatabaseUrl(url);
  const pool = createPostgresPool(url, {
    max: 1,
    connectionTimeoutMs: DATABASE_TIMEOUT_MS,
    applicationName: 'confluence-workbench doctor',
  });
  try {
    await pool.query('SELECT 1');
    return { name: 'storage', ok: true, message: `database ${shown} answers` };
  } catch (error) {
    return {
      name: 'storage',
      ok: false,
      message: `database ${shown} does not answer: ${(error as Error).message}`,
      fix: 'check WORKBENCH_DATABASE_URL and that the server is up',
    };
  } finally {
    await pool.end().catch(() => undefined);
  }
}
