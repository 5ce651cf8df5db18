/**
 * The cost of `run_code` in every request: its description (with the real SDK index) and input
 * schema, as tools/list sends them, measured in o200k tokens (gpt-tokenizer) as a proxy for the
 * model's own tokenizer.
 */
import { encode } from 'gpt-tokenizer';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { sdkIndex } from '../../src/confluence/describe-index.ts';
import { HELPERS } from '../../src/confluence/operations/helpers.ts';
import { OPERATIONS } from '../../src/confluence/operations/index.ts';
import {
  CLAUDE_CODE_DESCRIPTION_LIMIT,
  RUN_CODE_TOKEN_BUDGET,
  runCodeDescription,
} from '../../src/server/mcp/run-code-description.ts';
import { runCodeInputSchema } from '../../src/server/mcp/run-code-tool.ts';
import {
  DEFAULT_CPU_TIME_MS,
  DEFAULT_MAX_HOST_CALLS,
  DEFAULT_WALL_TIME_MS,
} from '../../sandbox/limits.ts';

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

  it('runCodeDescription: lists every operation and helper of the SDK, under its namespace', () => {
    const lines = description.split('\n');
    const names = [...OPERATIONS.map((spec) => spec.name), ...HELPERS.map((helper) => helper.name)];
    for (const name of names) {
      const namespace = name.split('.').slice(0, -1).join('.') || 'confluence';
      const method = name.split('.').pop();
      // Alike sub-namespaces are grouped: `{pages,spaces}.properties: list(id)* …`.
      const [owner, sub] = namespace.split('.');
      const line = lines.find((candidate) =>
        sub === undefined
          ? candidate.startsWith(`${owner}: `)
          : new RegExp(`^(${owner}|\\{[\\w,]*\\b${owner}\\b[\\w,]*\\})\\.${sub}: `).test(candidate),
      );
      expect(line, name).toBeDefined();
      expect(line, name).toMatch(new RegExp(`[ :]${method}\\(`));
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

  it("runCodeDescription: states a run's default limits and names the inputs that raise them", () => {
    const kept = description.slice(0, CLAUDE_CODE_DESCRIPTION_LIMIT);
    expect(kept).toContain(
      `Limits: ${DEFAULT_MAX_HOST_CALLS} calls, ${DEFAULT_CPU_TIME_MS / 1000}s CPU, ${DEFAULT_WALL_TIME_MS / 1000}s;`,
    );
    const inputs = Object.keys(runCodeInputSchema.shape);
    for (const input of ['maxHostCalls', 'cpuTimeMs', 'timeoutMs']) {
      expect(kept).toContain(input);
      expect(inputs).toContain(input);
    }
  });
});
