/**
 * The cost of `run_code` in every request: its description (with the real SDK index) and input
 * schema, as tools/list sends them, measured in o200k tokens (gpt-tokenizer) as a proxy for the
 * model's own tokenizer.
 */
import { encode } from 'gpt-tokenizer';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { sdkIndex } from '../../src/confluence/describe-index.ts';
import {
  CLAUDE_CODE_DESCRIPTION_LIMIT,
  RUN_CODE_TOKEN_BUDGET,
  runCodeDescription,
} from '../../src/server/mcp/run-code-description.ts';
import { runCodeInputSchema } from '../../src/server/mcp/run-code-tool.ts';

const description = runCodeDescription(sdkIndex());

describe('run_code description', () => {
  it(`runCodeDescription: description + input schema stay under ${RUN_CODE_TOKEN_BUDGET} tokens`, () => {
    const schema = JSON.stringify(z.toJSONSchema(runCodeInputSchema));
    const tokens = encode(description).length + encode(schema).length;
    console.log(
      `run_code: ${encode(description).length} description + ${encode(schema).length} schema = ${tokens} tokens (${description.length} chars)`,
    );
    expect(tokens).toBeLessThanOrEqual(RUN_CODE_TOKEN_BUDGET);
  });

  it('runCodeDescription: names every namespace of the SDK index', () => {
    for (const line of sdkIndex().split('\n')) {
      const namespace = /^([\w.]+): /.exec(line)?.[1];
      if (namespace) expect(description).toContain(`\n${namespace}: `);
    }
  });

  it('runCodeDescription: the first 2 KB (what Claude Code keeps) teach the script shape and the common operations', () => {
    const kept = description.slice(0, CLAUDE_CODE_DESCRIPTION_LIMIT);
    for (const needed of [
      'return',
      'describe_sdk',
      'read_result',
      'dryRun',
      'pages: get(',
      'spaces: ',
      'labels: add(',
      'search: cql(',
      'blogposts: ',
      '* paged',
    ]) {
      expect(kept).toContain(needed);
    }
  });
});
