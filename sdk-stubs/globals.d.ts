/**
 * Globals every script sees besides the SDK: `params`, `console` and `progress`.
 * The SDK itself (`confluence`) is declared in confluence.d.ts, generated from the registry.
 *
 * Nothing else comes from the host: no `process`, `require`, `fetch`, `setTimeout` or other
 * timers, `WebAssembly`, `SharedArrayBuffer` or `Atomics`, and no imports. A script is either
 * statements with top-level `await` and a final `return`, or a module with
 * `export default async function (params) { … }`. The returned value comes back as JSON.
 */

/** The JSON value passed as `params` with the run. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- scripts read params.x without narrowing first
declare const params: any;

/** Report progress to the caller (shown as MCP progress notifications). */
declare function progress(done: number, total?: number, message?: string): void;

/**
 * Captured with its level and returned with the result; objects are printed as JSON. Output past
 * the run's log limit (32 KB by default) is elided, not an error.
 */
interface Console {
  log(...data: unknown[]): void;
  info(...data: unknown[]): void;
  warn(...data: unknown[]): void;
  error(...data: unknown[]): void;
  debug(...data: unknown[]): void;
}
declare const console: Console;
