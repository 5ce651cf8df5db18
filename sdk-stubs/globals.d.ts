/**
 * Globals every script sees besides the SDK: `params`, `console` and `progress`.
 * The SDK itself (`confluence`) is declared in confluence.d.ts, generated from the registry.
 */

/** The JSON value passed as `params` with the run. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- scripts read params.x without narrowing first
declare const params: any;

/** Report progress to the caller (shown as MCP progress notifications). */
declare function progress(done: number, total?: number, message?: string): void;

interface Console {
  log(...data: unknown[]): void;
  info(...data: unknown[]): void;
  warn(...data: unknown[]): void;
  error(...data: unknown[]): void;
  debug(...data: unknown[]): void;
}
declare const console: Console;
