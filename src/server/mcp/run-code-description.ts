/**
 * `run_code`'s description: the model reads it with every request, so it is short (a test keeps
 * description plus input schema under {@link RUN_CODE_TOKEN_BUDGET} tokens). It teaches the shape
 * of a script, then lists every SDK operation in the registry's compact index
 * (src/confluence/describe-index.ts); `describe_sdk` gives the full declarations on demand.
 *
 * Claude Code cuts tool descriptions at 2 KB (shared/notes/mcp.md §6), so the order matters: the
 * essentials first, then the index's legend, then the namespaces most tasks need, and last the
 * rarely used ones (whose declarations `describe_sdk` still lists if the cut drops them).
 */

/** Tokens (o200k, as a proxy for the model's tokenizer) for description + input schema. */
export const RUN_CODE_TOKEN_BUDGET = 1_500;

/** Claude Code's cut, in characters of description. */
export const CLAUDE_CODE_DESCRIPTION_LIMIT = 2_048;

/** Namespaces in the order a task is likely to need them; any other comes after, as given. */
const NAMESPACE_PRIORITY = [
  'pages',
  'spaces',
  'labels',
  'search',
  'blogposts',
  'comments',
  'attachments',
  'users',
  'confluence',
];

const PREAMBLE = `Run TypeScript against Confluence on the server in ONE call: chain as many SDK calls as the task needs (loops, Promise.all) and return only what the answer needs; page bodies stay on the server.
Globals: confluence (the SDK below), params, console, progress(done, total?, message?). No fetch, require, process or timers.
Use top-level await and end with return <small JSON>, e.g.
const { results } = await confluence.spaces.list({ keys: ['MKT'] });
return results.map((s) => ({ id: s.id, name: s.name }));
You get a run envelope: status, result (summarized; if truncated, page it with read_result), logs, writes, and on failure error {phase, line, column, hint}: fix the script and call again. dryRun: true plans writes without sending them.
describe_sdk({ names }) or describe_sdk({ query }) gives exact parameters and an example: use it before an operation you are unsure of.`;

/**
 * @example
 * runCodeDescription('pages: get(id,{…}) list({…})*\n* paged …');
 */
export function runCodeDescription(sdkIndex: string): string {
  const lines = sdkIndex.split('\n').filter((line) => line.trim() !== '');
  if (lines.length === 0) return PREAMBLE;
  const isNamespace = (line: string) => /^[\w.]+: /.test(line);
  const notes = lines.filter((line) => !isNamespace(line));
  const namespaces = lines.filter(isNamespace).sort((a, b) => rank(a) - rank(b));
  return [PREAMBLE, 'SDK (confluence.<namespace>.<method>):', ...notes, ...namespaces].join('\n');
}

function rank(line: string): number {
  const namespace = line.slice(0, line.indexOf(':'));
  const index = NAMESPACE_PRIORITY.indexOf(namespace);
  // Sub-namespaces (pages.properties) follow the top-level ones; the sort is stable otherwise.
  return index === -1 ? NAMESPACE_PRIORITY.length + (namespace.includes('.') ? 1 : 0) : index;
}
