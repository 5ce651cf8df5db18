/**
 * Runs one task both ways against fresh sites and measures what the model reads and writes
 * (gpt-tokenizer's o200k encoding), round trips, Confluence calls and tool time. Both answers go
 * through the task's checker. A direct-tools turn carries at most {@link MAX_PARALLEL_CALLS}
 * calls; a `run_code` result that comes back cut is read whole with `read_result`, each call a
 * round trip, as a model must.
 */
import { performance } from 'node:perf_hooks';
import type { Client } from '@modelcontextprotocol/client';
import { countTokens } from 'gpt-tokenizer';
import { startEvalService, type EvalService, type EvalServiceOptions } from './site-service.ts';
import type { DirectClient, EvalTask } from './task.ts';

/**
 * Tool calls a model issues in one turn at most. Models do call tools in parallel, a handful at a
 * time, not hundreds: a bulk change over 400 pages takes turns of 10 calls.
 */
export const MAX_PARALLEL_CALLS = 10;

/** Runs of the same script a task may take (`rerunOn`) before the side counts as failed. */
const MAX_RERUNS = 5;

export interface SideFigures {
  /** Tokens of every result the model reads (structuredContent for run_code, else the text). */
  resultTokens: number;
  /** Tokens of the largest single result the model reads. */
  largestResult: number;
  /** Tokens of the arguments the model writes (scripts, tool arguments). */
  argumentTokens: number;
  roundTrips: number;
  /** Round trips if a turn could carry any number of parallel calls (dependent steps). */
  steps: number;
  toolCalls: number;
  confluenceCalls: number;
  /** Time the model waits on tools, ms: each turn's elapsed time (parallel calls overlap). */
  toolMs: number;
}

export interface TaskFigures {
  task: EvalTask;
  runCode: SideFigures;
  direct: SideFigures;
}

interface ToolAnswer {
  content?: Array<{ type: string; text?: string }>;
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

/** The direct tools' names (direct-tools.ts); every other tool is the workbench's own. */
const isDirect = (name: string) => name.startsWith('confluence_');

/** Tokens of the tool definitions as `tools/list` sends them: the workbench's tools, the direct tools. */
export async function definitionTokens(): Promise<{ runCode: number; direct: number }> {
  const service = await startEvalService();
  try {
    const { tools } = await service.client.listTools();
    return {
      runCode: countTokens(JSON.stringify(tools.filter((tool) => !isDirect(tool.name)))),
      direct: countTokens(JSON.stringify(tools.filter((tool) => isDirect(tool.name)))),
    };
  } finally {
    await service.close();
  }
}

/**
 * Runs the task both ways; throws when either side fails or its checker does.
 *
 * @example
 * const figures = await measureTask(task, { siteFile }); // on copies of a prepared site
 */
export async function measureTask(
  task: EvalTask,
  site: EvalServiceOptions = {},
): Promise<TaskFigures> {
  const runCode = await onFreshSite(task, site, 'run_code', async (service, figures) => {
    const turn = async (tool: string, args: Record<string, unknown>) => {
      const answer = await timed(figures, () => callTool(service.client, tool, args, figures));
      read(figures, countTokens(JSON.stringify(answer.structuredContent ?? {})));
      figures.roundTrips += 1;
      figures.steps += 1;
      return answer;
    };
    const run = async (): Promise<Record<string, unknown>> => {
      for (let attempt = 1; ; attempt++) {
        const answer = await turn('run_code', task.script);
        const envelope = answer.structuredContent ?? {};
        if (!answer.isError) return envelope;
        const code = (envelope['error'] as { code?: string } | undefined)?.code ?? '';
        if (!task.rerunOn?.includes(code) || attempt === MAX_RERUNS)
          throw new Error(`run_code failed: ${textOf(answer)}`);
      }
    };
    const envelope = await run();
    if (!envelope['truncated']) return envelope['result'];
    return readWhole(String(envelope['resultRef']), turn);
  });
  const direct = await onFreshSite(task, site, 'direct', async (service, figures) => {
    const one = async (tool: string, args: Record<string, unknown>) => {
      const answer = await callTool(service.client, tool, args, figures);
      const text = textOf(answer);
      read(figures, countTokens(text));
      if (answer.isError) throw new Error(`${tool} failed: ${text}`);
      return JSON.parse(text) as unknown;
    };
    const client: DirectClient = {
      call: async (tool, args) => {
        figures.roundTrips += 1;
        figures.steps += 1;
        return (await timed(figures, () => one(tool, args))) as never;
      },
      all: async (calls) => {
        const answers: unknown[] = [];
        for (let start = 0; start < calls.length; start += MAX_PARALLEL_CALLS) {
          const turn = calls.slice(start, start + MAX_PARALLEL_CALLS);
          figures.roundTrips += 1;
          answers.push(
            ...(await timed(figures, () =>
              Promise.all(turn.map(([tool, args]) => one(tool, args))),
            )),
          );
        }
        if (calls.length > 0) figures.steps += 1;
        return answers as never[];
      },
    };
    return task.direct(client);
  });
  return { task, runCode, direct };
}

/** A cut `run_code` result read whole with `read_result`, one call per slice. */
async function readWhole(
  resultRef: string,
  turn: (tool: string, args: Record<string, unknown>) => Promise<ToolAnswer>,
): Promise<unknown> {
  const items: unknown[] = [];
  let offset = 0;
  for (;;) {
    const answer = await turn('read_result', { resultRef, offset });
    if (answer.isError) throw new Error(`read_result failed: ${textOf(answer)}`);
    const slice = answer.structuredContent ?? {};
    if (!Array.isArray(slice['value'])) return slice['value'];
    items.push(...(slice['value'] as unknown[]));
    if (!slice['hasMore']) return items;
    offset = Number(slice['nextOffset'] ?? offset + (slice['value'] as unknown[]).length);
  }
}

async function onFreshSite(
  task: EvalTask,
  site: EvalServiceOptions,
  side: string,
  perform: (service: EvalService, figures: SideFigures) => Promise<unknown>,
): Promise<SideFigures> {
  const service = await startEvalService(site);
  try {
    // The first run on a fresh service warms the checker and an isolate: not part of the task.
    await service.client.callTool({ name: 'run_code', arguments: { code: 'return 1' } });
    await task.setup?.(service.site);
    const callsBefore = service.confluenceCalls();
    const figures: SideFigures = {
      resultTokens: 0,
      largestResult: 0,
      argumentTokens: 0,
      roundTrips: 0,
      steps: 0,
      toolCalls: 0,
      confluenceCalls: 0,
      toolMs: 0,
    };
    const answer = await perform(service, figures);
    figures.confluenceCalls = service.confluenceCalls() - callsBefore;
    try {
      await task.check(service.site, answer);
    } catch (error) {
      throw new Error(`${task.id} (${side}): ${(error as Error).message}`, { cause: error });
    }
    return figures;
  } finally {
    await service.close();
  }
}

function read(figures: SideFigures, tokens: number): void {
  figures.resultTokens += tokens;
  figures.largestResult = Math.max(figures.largestResult, tokens);
}

/** One turn's time in tools: parallel calls overlap, so a turn counts once, as its model waits. */
async function timed<T>(figures: SideFigures, turn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await turn();
  } finally {
    figures.toolMs += performance.now() - started;
  }
}

async function callTool(
  client: Client,
  name: string,
  args: Record<string, unknown>,
  figures: SideFigures,
): Promise<ToolAnswer> {
  figures.toolCalls += 1;
  figures.argumentTokens += countTokens(JSON.stringify({ name, arguments: args }));
  return (await client.callTool({ name, arguments: args })) as ToolAnswer;
}

function textOf(answer: ToolAnswer): string {
  return (answer.content ?? []).map((block) => block.text ?? '').join('');
}
