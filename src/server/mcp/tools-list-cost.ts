/**
 * The token cost of the tool definitions a client sends to the model with every request: each
 * tool's name, description and input/output schemas as JSON (titles are for people: neither the
 * Anthropic nor the OpenAI tool format carries them), counted in o200k tokens
 * (gpt-tokenizer) as a proxy for the model's own tokenizer. Used by a test and the run bench.
 */
import { encode } from 'gpt-tokenizer';

/** The tools a model sees for one task (the job tools are measured if present, not budgeted). */
export const MODEL_TOOLS = ['run_code', 'describe_sdk', 'read_result'] as const;

/** Budget for {@link MODEL_TOOLS} together, in o200k tokens. */
export const TOOLS_LIST_TOKEN_BUDGET = 1_200;

export interface ToolsListCost {
  /** Tokens of {@link MODEL_TOOLS} together. */
  total: number;
  perTool: Record<string, number>;
}

/**
 * @example
 * toolsListTokens((await client.listTools()).tools); // { total: 1150, perTool: { run_code: 900, … } }
 */
export function toolsListTokens(tools: ReadonlyArray<Record<string, unknown>>): ToolsListCost {
  const perTool: Record<string, number> = {};
  for (const tool of tools) {
    if (!(MODEL_TOOLS as readonly unknown[]).includes(tool.name)) continue;
    // What a client forwards: the definition minus fields for people and the protocol (title,
    // annotations, _meta, icons).
    const { name, description, inputSchema, outputSchema } = tool;
    const sent = JSON.stringify({ name, description, inputSchema, outputSchema });
    perTool[String(name)] = encode(sent).length;
  }
  const total = Object.values(perTool).reduce((sum, tokens) => sum + tokens, 0);
  return { total, perTool };
}
