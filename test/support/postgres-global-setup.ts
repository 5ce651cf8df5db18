/**
 * Vitest global setup: one real PostgreSQL for the whole run (about 1 s to initialise and start),
 * handed to test files as `inject('postgresUrl')`. Each file makes its own database on it
 * (./postgres.ts, `testDatabase()`), so files running at once never see each other's rows.
 */
import type { TestProject } from 'vitest/node';
import { startPostgres } from './postgres-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The admin URL of the run's PostgreSQL server. */
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPostgres();
  project.provide('postgresUrl', server.url);
  return () => server.stop();
}
