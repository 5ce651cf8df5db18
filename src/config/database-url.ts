/**
 * The form of WORKBENCH_DATABASE_URL: a ConfigError (exit code 2) at start rather than a driver
 * error later. The URL holds a password: no message here repeats more than its scheme.
 */
import { ConfigError } from './config-error.ts';

const PROTOCOLS = new Set(['postgres:', 'postgresql:']);

/** What is wrong with a database URL, as "must …" (the setting's name goes in front), or undefined. */
export function databaseUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be a PostgreSQL URL such as postgres://user:password@host:5432/database';
  }
  if (!PROTOCOLS.has(url.protocol))
    return `must start with postgres:// or postgresql:// (got ${url.protocol}//…)`;
  if (url.pathname.length <= 1 && !url.searchParams.has('host'))
    return 'must name a database: postgres://…/<database>';
  return undefined;
}

/**
 * Checks the form of a database URL and parses it.
 *
 * @example
 * parseDatabaseUrl('postgres://wb:secret@db:5432/workbench'); // ok
 * parseDatabaseUrl('mysql://db/x'); // throws ConfigError
 */
export function parseDatabaseUrl(value: string, setting = 'WORKBENCH_DATABASE_URL'): URL {
  const problem = databaseUrlProblem(value);
  if (problem !== undefined) throw new ConfigError(`${setting} ${problem}`);
  return new URL(value);
}
