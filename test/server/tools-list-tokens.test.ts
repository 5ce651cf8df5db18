/**
 * What every request costs the model: `tools/list` as a real client receives it over HTTP (names,
 * titles, descriptions, input and output schemas of run_code, describe_sdk and read_result, with
 * the real SDK index), serialized as JSON and counted in o200k tokens (gpt-tokenizer) as a proxy
 * for the model's own tokenizer. The run bench prints the same figure (`npm run bench -- mcp`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sdkIndex } from '../../src/confluence/describe-index.ts';
import {
  MODEL_TOOLS,
  TOOLS_LIST_TOKEN_BUDGET,
  toolsListTokens,
} from '../../src/server/mcp/tools-list-cost.ts';
import { ScriptedRuns } from './helpers/scripted-runs.ts';
import { connectModern, startTestService, type TestService } from './helpers/test-service.ts';

let service: TestService;
let tools: Array<Record<string, unknown>>;

beforeAll(async () => {
  service = await startTestService({
    runs: new ScriptedRuns(() => ({ result: null })),
    sdkIndex: sdkIndex(),
  });
  const client = await connectModern(service.mcpUrl);
  tools = (await client.listTools()).tools as Array<Record<string, unknown>>;
  await client.close();
});
afterAll(() => service.close());

describe('tools/list as the model reads it', () => {
  it(`run_code + describe_sdk + read_result stay under ${TOOLS_LIST_TOKEN_BUDGET} tokens in all`, () => {
    const cost = toolsListTokens(tools);
    console.log(`tools/list: ${JSON.stringify(cost)}`);
    expect(Object.keys(cost.perTool).sort()).toEqual([...MODEL_TOOLS].sort());
    expect(cost.total).toBeLessThanOrEqual(TOOLS_LIST_TOKEN_BUDGET);
  });
});
