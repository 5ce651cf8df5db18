/**
 * Runs one task both ways against fresh sites and measures what the model reads and writes
 * (gpt-tokenizer's o200k encoding), round trips, Confluence calls and tool time. Both answers go
 * through the task's checker.
 */
import { performance } from 'node:perf_hooks';
import type { Client } from '@modelcontextprotocol/client';
import { countTokens } from 'gpt-tokenizer';
import { startEvalService, type EvalService } from './site-service.ts';
import type { DirectClient, EvalTask } from './task.ts';

export interface SideFigures {
  /** Tokens of every result the model reads (structuredContent for run_code, else the text). */
  resultTokens: number;
  /** Tokens of the arguments the model writes (scripts, tool arguments). */
  argumentTokens: number;
  roundTrips: number;
  toolCalls: number;
  confluenceCalls: number;
  /** Time spent in tool calls (server side and transport), ms. */
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

/** Runs the task both ways; throws when either side fails or its checker does. */
export async function measureTask(task: EvalTask): Promise<TaskFigures> {
  const runCode = await onFreshSite(task, 'run_code', async (service, figures) => {
    const answer = await timedCall(service.client, 'run_code', task.script, figures);
    const envelope = answer.structuredContent ?? {};
    figures.resultTokens += countTokens(JSON.stringify(envelope));
    figures.roundTrips += 1;
    if (answer.isError) throw new Error(`run_code failed: ${textOf(answer)}`);
    return envelope['result'];
  });
  const direct = await onFreshSite(task, 'direct', async (service, figures) => {
    const one = async (tool: string, args: Record<string, unknown>) => {
      const answer = await timedCall(service.client, tool, args, figures);
      const text = textOf(answer);
      figures.resultTokens += countTokens(text);
      if (answer.isError) throw new Error(`${tool} failed: ${text}`);
      return JSON.parse(text) as unknown;
    };
    const client: DirectClient = {
      call: async (tool, args) => {
        figures.roundTrips += 1;
        return (await one(tool, args)) as never;
      },
      all: async (calls) => {
        figures.roundTrips += 1;
        return (await Promise.all(calls.map(([tool, args]) => one(tool, args)))) as never[];
      },
    };
    return task.direct(client);
  });
  return { task, runCode, direct };
}

async function onFreshSite(
  task: EvalTask,
  side: string,
  perform: (service: EvalService, figures: SideFigures) => Promise<unknown>,
): Promise<SideFigures> {
  const service = await startEvalService();
  try {
    // The first run on a fresh service warms the checker and an isolate: not part of the task.
    await service.client.callTool({ name: 'run_code', arguments: { code: 'return 1' } });
    await task.setup?.(service.site);
    const figures: SideFigures = {
      resultTokens: 0,
      argumentTokens: 0,
      roundTrips: 0,
      toolCalls: 0,
      confluenceCalls: 0,
      toolMs: 0,
    };
    const answer = await perform(service, figures);
    try {
      await task.check(service.site, answer);
    } catch (error) {
      throw new Error(`${task.id} (${side}): ${(error as Error).message}`, { cause: error });
    }
    const runs = await service.workbench.runs.listRuns({ limit: 1000 });
    figures.confluenceCalls = runs.reduce((sum, run) => sum + run.calls.total, 0);
    return figures;
  } finally {
    await service.close();
  }
}

async function timedCall(
  client: Client,
  name: string,
  args: Record<string, unknown>,
  figures: SideFigures,
): Promise<ToolAnswer> {
  figures.toolCalls += 1;
  figures.argumentTokens += countTokens(JSON.stringify({ name, arguments: args }));
  const started = performance.now();
  const answer = (await client.callTool({ name, arguments: args })) as ToolAnswer;
  figures.toolMs += performance.now() - started;
  return answer;
}

function textOf(answer: ToolAnswer): string {
  return (answer.content ?? []).map((block) => block.text ?? '').join('');
}
