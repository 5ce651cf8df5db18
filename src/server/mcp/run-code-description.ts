/**
 * `run_code`'s description: the model reads it with every request, so it is short (a test keeps
 * description plus input schema under {@link RUN_CODE_TOKEN_BUDGET} tokens). It teaches the shape
 * of a script, then lists every SDK operation in the registry's compact index
 * (src/confluence/describe-index.ts); `describe_sdk` gives the full declarations on demand.
 *
 * Claude Code cuts tool descriptions at 2 KB (shared/notes/mcp.md §6), so the order matters: the
 * essentials first (with a run's default limits and the inputs that raise them, so a script
 * that needs more asks for it), then the index's legend, then the namespaces most tasks need, and last the
 * rarely used ones (whose declarations `describe_sdk` still lists if the cut drops them).
 */

import {
  DEFAULT_CPU_TIME_MS,
  DEFAULT_MAX_HOST_CALLS,
  DEFAULT_WALL_TIME_MS,
} from '../../../sandbox/limits.ts';

/** Tokens (o200k, as a proxy for the model's tokenizer) for description + input schema. */
export const RUN_CODE_TOKEN_BUDGET = 900;

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

const PREAMBLE = `Do the whole task in ONE script, run on the server (loops, Promise.all); return only what the answer needs.
Globals: confluence (SDK below), params, console, progress(done, total?). No fetch/require/process/timers.
Top-level await; end with return <small JSON>, e.g.
const { results } = await confluence.spaces.list({ keys: ['MKT'] });
return results.map((s) => ({ id: s.id, name: s.name }));
Result: status, result, next (what to do next, e.g. read_result), writes, error {phase, line, hint}: fix, call again. dryRun plans writes (ids planned-N).
Limits: ${DEFAULT_MAX_HOST_CALLS} calls, ${DEFAULT_CPU_TIME_MS / 1000}s CPU, ${DEFAULT_WALL_TIME_MS / 1000}s; raise: maxHostCalls, cpuTimeMs, timeoutMs.
describe_sdk({ names }) gives exact signatures.`;

/**
 * @example
 * runCodeDescription('pages: get(id,{…}) list({…})*\n* paged …');
 */
export function runCodeDescription(sdkIndex: string): string {
  const lines = sdkIndex.split('\n').filter((line) => line.trim() !== '');
  if (lines.length === 0) return PREAMBLE;
  const isNamespace = (line: string) => /^[\w.]+: /.test(line);
  const notes = lines.filter((line) => !isNamespace(line));
  const namespaces = groupAlike(lines.filter(isNamespace)).sort((a, b) => rank(a) - rank(b));
  return [PREAMBLE, 'SDK (confluence.<namespace>.<method>):', ...notes, ...namespaces].join('\n');
}

/**
 * Sub-namespaces with the same members (pages.properties, spaces.properties, …) differ only in
 * the name of their owner's id: said once as `{pages,spaces}.properties: list(id)* …`, they cost
 * a quarter of the tokens and lose nothing.
 */
function groupAlike(lines: string[]): string[] {
  const groups = new Map<string, string[]>();
  const rest: string[] = [];
  for (const line of lines) {
    const match = /^(\w+)\.(\w+): (.*)$/.exec(line);
    if (!match) {
      rest.push(line);
      continue;
    }
    const [, owner = '', sub = '', members = ''] = match;
    const key = `${sub}: ${members.replace(/\((\w+Id)\b/g, '(id')}`;
    groups.set(key, [...(groups.get(key) ?? []), owner]);
  }
  const grouped = [...groups].map(([key, owners]) =>
    owners.length === 1 ? `${owners[0]}.${key}` : `{${owners.join(',')}}.${key}`,
  );
  return [...rest, ...grouped];
}

function rank(line: string): number {
  const namespace = line.slice(0, line.indexOf(':'));
  const index = NAMESPACE_PRIORITY.indexOf(namespace);
  // Sub-namespaces (pages.properties) follow the top-level ones; the sort is stable otherwise.
  return index === -1 ? NAMESPACE_PRIORITY.length + (namespace.includes('.') ? 1 : 0) : index;
}
