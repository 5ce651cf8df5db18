/** docs/benchmarks.md from the measured figures: one table per site, then both sites together. */
import { MAX_PARALLEL_CALLS, type SideFigures, type TaskFigures } from './measure.ts';
import type { LargeSiteSummary } from './large-site.ts';

/** The model's own time per turn (reading, thinking, writing the call), as stated in the report. */
export const MODEL_LATENCY_MS = 1_500;

/** The issue's targets across the suite. */
const TOKEN_TARGET = 10;
const ROUND_TRIP_TARGET = 5;

export interface Definitions {
  runCode: number;
  direct: number;
  directToolCount: number;
}

export interface SuiteFigures {
  name: 'demo' | 'large';
  figures: TaskFigures[];
  /** How long the suite took to run, both sides of every task. */
  seconds: number;
  /** The generated site (large suite only). */
  site?: LargeSiteSummary & { generateSeconds: number };
}

/** Tokens a side costs for one task: the definitions once, every result read, every argument written. */
export function tokensOf(side: SideFigures, definitions: number): number {
  return definitions + side.resultTokens + side.argumentTokens;
}

/** Wall time with the stated model latency: one turn per round trip plus the final answer. */
export function wallMsOf(side: SideFigures): number {
  return side.toolMs + (side.roundTrips + 1) * MODEL_LATENCY_MS;
}

/** Claude Code refuses a tool result past about this many tokens (shared/notes/mcp.md). */
const CLIENT_RESULT_CAP_TOKENS = 25_000;
/** A large model context window, in tokens. */
const CONTEXT_TOKENS = 200_000;

/** An answer small enough that reading it whole costs the model little. */
const SMALL_ANSWER_TOKENS = 500;

const ratioOf = (a: number, b: number) => (b === 0 ? 0 : a / b);
const ratio = (a: number, b: number) => (b === 0 ? '–' : `${(a / b).toFixed(1)}x`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const count = (value: number) => value.toLocaleString('en');

/** Sums of one set of tasks (a suite, or every suite). */
function totalsOf(figures: readonly TaskFigures[], definitions: Definitions) {
  const sum = (pick: (figure: TaskFigures) => number) =>
    figures.reduce((total, figure) => total + pick(figure), 0);
  return {
    codeTokens: sum((f) => tokensOf(f.runCode, definitions.runCode)),
    directTokens: sum((f) => tokensOf(f.direct, definitions.direct)),
    codeResults: sum((f) => f.runCode.resultTokens),
    directResults: sum((f) => f.direct.resultTokens),
    codeTrips: sum((f) => f.runCode.roundTrips),
    directTrips: sum((f) => f.direct.roundTrips),
    directSteps: sum((f) => f.direct.steps),
    codeCalls: sum((f) => f.runCode.confluenceCalls),
    directCalls: sum((f) => f.direct.confluenceCalls),
    codeWall: sum((f) => wallMsOf(f.runCode)),
    directWall: sum((f) => wallMsOf(f.direct)),
  };
}

function table(figures: readonly TaskFigures[], definitions: Definitions): string {
  const rows = figures.map(({ task, runCode, direct }) => {
    const code = tokensOf(runCode, definitions.runCode);
    const tools = tokensOf(direct, definitions.direct);
    return `| ${task.id} | ${code} / ${tools} | ${runCode.resultTokens} / ${direct.resultTokens} | ${runCode.roundTrips} / ${direct.roundTrips} (${direct.steps}) | ${runCode.confluenceCalls} / ${direct.confluenceCalls} | ${seconds(wallMsOf(runCode))} / ${seconds(wallMsOf(direct))} | ${ratio(tools, code)} |`;
  });
  const t = totalsOf(figures, definitions);
  return `| task | tokens (run_code / direct) | results read | round trips (direct unbounded) | Confluence calls | wall time | token ratio |
| ---- | -------------------------- | ------------ | ------------------------------ | ---------------- | --------- | ----------- |
${rows.join('\n')}
| **total** | **${t.codeTokens} / ${t.directTokens}** | **${t.codeResults} / ${t.directResults}** | **${t.codeTrips} / ${t.directTrips} (${t.directSteps})** | **${t.codeCalls} / ${t.directCalls}** | **${seconds(t.codeWall)} / ${seconds(t.directWall)}** | **${ratio(t.directTokens, t.codeTokens)}** |`;
}

function summaryLine(figures: readonly TaskFigures[], definitions: Definitions): string {
  const t = totalsOf(figures, definitions);
  return `\`run_code\` reads **${ratio(t.directTokens, t.codeTokens)} fewer tokens** (definitions included; **${ratio(t.directResults, t.codeResults)}** on results alone), takes **${ratio(t.directTrips, t.codeTrips)} fewer round trips** (${t.codeTrips} against ${t.directTrips}; ${ratio(t.directSteps, t.codeTrips)} if a turn could carry any number of parallel calls) and **${ratio(t.directWall, t.codeWall)} less wall time**, with ${count(t.codeCalls)} Confluence calls against ${count(t.directCalls)}.`;
}

function suiteSection(suite: SuiteFigures, definitions: Definitions): string {
  const site = suite.site;
  const heading =
    suite.name === 'demo'
      ? `## The demo site (${suite.figures.length} tasks)

The embedded emulator's demo seed: three spaces, about twenty pages, comments, tasks and labels.
The suite ran in ${suite.seconds.toFixed(0)} s (both sides of every task, each on a fresh service).`
      : `## The 5,000-page site (${suite.figures.length} bulk tasks)

The demo seed plus ${count(site?.pages ?? 0)} generated pages (bench/eval/large-site.ts, deterministic seed)
in ${site?.spaces.length ?? 0} spaces (${site?.spaces.join(', ') ?? ''}): trees up to ${site?.maxDepth ?? 0} levels deep, ${count(site?.versions ?? 0)} versions
dated over the last 400 days by ten users (one page in eight edited in the last 30 days), labels,
task lists assigned to users, ${count(site?.comments ?? 0)} comments with replies (one page carries 40 threads).
Generated once in ${site?.generateSeconds ?? 0} s, in memory, then written to a file that each fresh service opens a
copy of. The suite ran in ${suite.seconds.toFixed(0)} s: it is not part of \`npm test\`.`;
  return `${heading}

${table(suite.figures, definitions)}

On this site, ${summaryLine(suite.figures, definitions)}`;
}

/**
 * @example
 * writeFileSync('docs/benchmarks.md', renderReport(suites, definitions, 'npm run eval -- --large'));
 */
export function renderReport(
  suites: readonly SuiteFigures[],
  definitions: Definitions,
  command: string,
): string {
  const all = suites.flatMap((suite) => suite.figures);
  const t = totalsOf(all, definitions);
  // One call with a small answer: the case where direct tools can hold their own.
  const singleCall = all.filter(
    (f) => f.direct.roundTrips === 1 && f.direct.resultTokens <= SMALL_ANSWER_TOKENS,
  );
  const directFaster = singleCall.filter((f) => wallMsOf(f.direct) < wallMsOf(f.runCode));
  const directCheaper = all.filter(
    (f) =>
      f.direct.resultTokens + f.direct.argumentTokens <
      f.runCode.resultTokens + f.runCode.argumentTokens,
  );
  const fewTurns = all.filter((f) => f.direct.roundTrips <= 3).length;
  const manyTurns = all
    .filter((f) => f.direct.roundTrips >= 2 * ROUND_TRIP_TARGET)
    .map((f) => `${f.task.id} (${suiteOf(suites, f)}: ${f.direct.roundTrips} round trips)`);
  // The task the round-trip total leans on most, and the total without it.
  const heaviest = [...all].sort((a, b) => b.direct.roundTrips - a.direct.roundTrips)[0];
  const withoutHeaviest = heaviest
    ? ratio(t.directTrips - heaviest.direct.roundTrips, t.codeTrips - heaviest.runCode.roundTrips)
    : '–';
  // Past these a model cannot read the direct tools' answers at all (shared/notes/mcp.md).
  const unreadable = all.filter(
    (f) =>
      f.direct.largestResult > CLIENT_RESULT_CAP_TOKENS || f.direct.resultTokens > CONTEXT_TOKENS,
  );
  const tripRatio = ratioOf(t.directTrips, t.codeTrips);
  const tokenRatio = ratioOf(t.directTokens, t.codeTokens);
  const large = suites.some((suite) => suite.name === 'large');
  return `# Benchmarks: run_code against direct tools

Generated by \`${command}\` (bench/eval/); do not edit by hand.${large ? '' : ' The 5,000-page part: `npm run eval -- --large`.'}

Each task runs twice, each time on a fresh workbench (real service on loopback, the embedded
emulator, a real MCP client over Streamable HTTP): once as one \`run_code\` script, once as the
call sequence a capable model makes with the direct tools (\`serve --direct-tools\`: one MCP tool
per SDK operation, answering with Confluence's JSON, as a typical Confluence MCP server does),
each call built only from what earlier answers showed. Listings are paged as the tools page them
(\`limit\` up to 250, then \`cursor\` from \`nextCursor\`); where the API has no bulk form (a label
on a page, the replies to a comment) it is one call per item. Both sides use the best query the
API offers (CQL \`ancestor\` and \`label !=\`, a CQL count through \`totalSize\`, a listing sorted
by modification date read only until it leaves the 30 days), and both pass the same checker (the
site's state, or the answer against what the emulator says).

How it is measured:
- Tokens: gpt-tokenizer (o200k). **Tool definitions**: \`tools/list\` as sent (names, descriptions,
  input and output schemas): **${definitions.runCode}** tokens for the workbench's own tools (\`run_code\`, \`describe_sdk\`, \`read_result\` and, when jobs are on, the job tools), **${definitions.direct}**
  for the ${definitions.directToolCount} direct tools. **Results read**: for \`run_code\` its
  \`structuredContent\` (what Claude Code shows; a result cut to its budget is read whole with
  \`read_result\`, each call a round trip), for direct tools the text. **Arguments**: the calls
  the model writes (tool name and arguments, scripts included).
- Tokens per task = the definitions once + results read + arguments written. (The definitions are
  sent with every turn; counting them once favours the side with more turns, the direct tools.)
- Round trips: model turns that call tools. A turn carries up to ${MAX_PARALLEL_CALLS} parallel calls (models call
  tools in parallel a handful at a time, not by the hundred); in brackets, the round trips if a
  turn could carry any number (the dependent steps): the most favourable count for direct tools.
- Confluence calls: the requests the emulator answered for the runs.
- Wall time: the time each turn waited on its tools + ${MODEL_LATENCY_MS / 1000} s of model latency per turn (round trips + the final answer).
  A warm-up run on each fresh service is excluded.

${suites.map((suite) => suiteSection(suite, definitions)).join('\n\n')}

## ${large ? 'Both sites together' : 'Across the suite'}

Across ${all.length} tasks${large ? ' (demo and 5,000-page site)' : ''}, ${summaryLine(all, definitions)}
Targets: at least ${TOKEN_TARGET}x fewer tokens (**${tokenRatio >= TOKEN_TARGET ? 'met' : 'missed'}**, ${tokenRatio.toFixed(1)}x) and at least ${ROUND_TRIP_TARGET}x fewer
round trips (**${tripRatio >= ROUND_TRIP_TARGET ? 'met' : 'missed'}**, ${tripRatio.toFixed(1)}x)${
    heaviest
      ? `. The round-trip figure leans on ${heaviest.task.id} (${suiteOf(suites, heaviest)}: ${heaviest.direct.roundTrips} of the ${t.directTrips} direct round trips; without it ${withoutHeaviest}) and on ${MAX_PARALLEL_CALLS} parallel calls a turn: if a turn could carry any number, it is ${ratio(t.directSteps, t.codeTrips)}`
      : ''
  }.

Where the round trips go: a capable model with direct tools needs few turns wherever one query
or one paged listing answers the question, because a listing page carries up to 250 items and
CQL does the filtering: ${fewTurns} of the ${all.length} tasks take three direct turns or fewer. The turns pile up
where the API has no bulk form and every item is its own call${manyTurns.length > 0 ? ` (${manyTurns.join(', ')})` : ''}:
there \`run_code\`'s savings in round trips are real, and grow with the number of items. Elsewhere
the saving is in what the model reads: every listing page, every body and every JSON field
reaches it with direct tools.${
    unreadable.length > 0
      ? ` On ${unreadable.map((f) => `${f.task.id} (${suiteOf(suites, f)}: ${count(f.direct.resultTokens)} tokens, ${count(f.direct.largestResult)} in one answer)`).join(', ')} the direct tools' answers pass what a client takes in one tool result (Claude Code: about ${count(CLIENT_RESULT_CAP_TOKENS)} tokens) or a ${count(CONTEXT_TOKENS)}-token context: in practice a model could not do these tasks this way at all, and the figures above are a lower bound of their cost.`
      : ''
  }

Tasks better done with direct tools: where one call with a small answer does the task (${singleCall.map((f) => f.task.id).join(', ') || 'none'}),
both sides take one round trip and about the same wall time${directFaster.length > 0 ? ` (the direct tool was faster on ${directFaster.map((f) => f.task.id).join(', ')})` : ''}; ${
    directCheaper.length > 0
      ? `on ${directCheaper.map((f) => f.task.id).join(', ')} the direct tool's answer and arguments also cost fewer tokens than the script and its envelope`
      : "the direct tool's answer (Confluence's whole JSON) still costs more tokens than the script and its envelope"
  }, and a client that already has the direct tools loaded loses little by using them there. On
every task that needs several calls, or reads many items to answer, \`run_code\` is clearly better.

Tasks: ${uniquePrompts(all)}
`;
}

function suiteOf(suites: readonly SuiteFigures[], figure: TaskFigures): string {
  return suites.find((suite) => suite.figures.includes(figure))?.name ?? '';
}

function uniquePrompts(figures: readonly TaskFigures[]): string {
  const seen = new Map<string, string[]>();
  for (const { task } of figures) {
    const prompts = seen.get(task.id) ?? [];
    if (!prompts.includes(task.prompt)) prompts.push(task.prompt);
    seen.set(task.id, prompts);
  }
  return [...seen].map(([id, prompts]) => `**${id}**: ${prompts.join(' / ')}`).join(' ');
}
