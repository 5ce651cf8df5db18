/**
 * `run_code`'s description: the model reads it with every request, so it is short (a test keeps
 * description plus input schema under {@link RUN_CODE_TOKEN_BUDGET} tokens). It teaches the shape
 * of a script, then lists every SDK operation in the registry's compact index; `describe_sdk`
 * gives the full declarations on demand (progressive disclosure). The essentials come first
 * because Claude Code cuts tool descriptions at 2 KB (shared/notes/mcp.md §6).
 */

/** Tokens (o200k, as a proxy for the model's tokenizer) for description + input schema. */
export const RUN_CODE_TOKEN_BUDGET = 1_500;

const PREAMBLE = `Run a TypeScript script against Confluence on the server, in ONE call: chain as many SDK calls as the task needs (loops, Promise.all) and return only what the answer needs. Page bodies and long listings stay on the server.
Globals: confluence (the typed SDK below), params, console, progress(done, total?, message?). No fetch, require, process or timers.
Write statements with top-level await and end with return, e.g.:
const { results } = await confluence.spaces.list({ keys: ['MKT'] });
return results.map((s) => ({ id: s.id, name: s.name }));
The result comes back as a run envelope: status, result (summarized: shape kept, cuts marked; if truncated, page it with read_result), logs, calls, writes, and on failure error {phase, line, column, hint}: fix the script and call again. dryRun: true plans writes without sending them.
Call describe_sdk({ names }) or describe_sdk({ query }) for exact parameters and an example before using an operation you are unsure of.`;

/**
 * @example
 * runCodeDescription('pages: get(id), list(options), create(input) …');
 */
export function runCodeDescription(sdkIndex: string): string {
  const index = sdkIndex.trim();
  return index ? `${PREAMBLE}\nSDK operations (confluence.<group>.<method>):\n${index}` : PREAMBLE;
}
