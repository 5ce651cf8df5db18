/**
 * The opt-in direct-tools mode (`serve --direct-tools`, `mcp --direct-tools`): every operation of
 * the SDK registry as its own MCP tool, the way a typical Confluence MCP server exposes the API.
 * It is the fair baseline the evaluation (`npm run eval`) measures `run_code` against, and serves
 * clients that cannot write code. Each call still goes through a run (policy, ledger, limits,
 * the run store): a one-line script that calls the operation, whose answer comes back whole as
 * Confluence's JSON.
 */
import type { CallToolResult, McpServer } from '@modelcontextprotocol/server';
import type { AnyOperationSpec } from '../../confluence/operations/index.ts';
import { OPERATIONS } from '../../confluence/operations/index.ts';
import { MAX_RESULT_BUDGET_CHARS } from '../../runs/limits.ts';
import type { RunEnvelope } from '../../runs/types.ts';
import { BusyError } from '../run-limiter.ts';
import type { McpCallContext, McpToolContext } from './tool-context.ts';

/** Calls one operation by its registry name with the arguments the stubs expect. */
const CALL_SCRIPT = `const { operation, args } = params as { operation: string; args: unknown[] };
const path = operation.split('.');
const method = path.pop() as string;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let owner: any = confluence;
for (const part of path) owner = owner[part];
return await owner[method](...args);`;

/**
 * `pages.properties.list` → `confluence_pages_properties_list`.
 *
 * @example
 * directToolName(getPage); // 'confluence_pages_get'
 */
export function directToolName(spec: AnyOperationSpec): string {
  return `confluence_${spec.name.replaceAll('.', '_')}`;
}

/**
 * Registers one tool per registry operation.
 *
 * @example
 * if (tool.directTools) registerDirectTools(server, tool, call);
 */
export function registerDirectTools(
  server: McpServer,
  tool: McpToolContext,
  call: McpCallContext,
  operations: readonly AnyOperationSpec[] = OPERATIONS,
): void {
  for (const spec of operations) {
    const read = spec.kind === 'read';
    server.registerTool(
      directToolName(spec),
      {
        description: spec.summary,
        inputSchema: spec.input,
        annotations: {
          readOnlyHint: read,
          destructiveHint: !read,
          idempotentHint: read,
          openWorldHint: true,
        },
      },
      (input: unknown, ctx) =>
        callOperation(
          spec,
          (input ?? {}) as Record<string, unknown>,
          tool,
          call,
          ctx.mcpReq.signal,
        ),
    );
  }
}

/** The stub's arguments: positional fields in order, then the other fields as one object. */
export function stubArguments(spec: AnyOperationSpec, input: Record<string, unknown>): unknown[] {
  const positional = spec.positional ?? [];
  const rest = Object.fromEntries(
    Object.entries(input).filter(([key]) => !positional.includes(key)),
  );
  const args: unknown[] = positional.map((key) => input[key]);
  if (Object.keys(rest).length > 0) args.push(rest);
  return args;
}

async function callOperation(
  spec: AnyOperationSpec,
  input: Record<string, unknown>,
  tool: McpToolContext,
  call: McpCallContext,
  signal: AbortSignal,
): Promise<CallToolResult> {
  let envelope: RunEnvelope;
  try {
    envelope = await tool.gateway.execute(
      {
        code: CALL_SCRIPT,
        params: { operation: spec.name, args: stubArguments(spec, input) },
        resultBudget: MAX_RESULT_BUDGET_CHARS,
        source: tool.source,
      },
      {
        source: tool.source,
        signal,
        requestId: call.requestId,
        clientId: call.clientId,
        // The caller's tenant: its policy and visibility, exactly as for run_code.
        client: call.tenant,
        onFinished: (runId) => call.runIds?.push(runId),
      },
    );
  } catch (error) {
    if (error instanceof BusyError)
      return textResult(`Busy: ${error.message}. Retry in ${error.retryAfterSeconds} s.`, true);
    return textResult(signal.aborted ? 'Cancelled.' : 'Internal error; try again.', true);
  }
  if (envelope.status === 'error') {
    const failed = envelope.error;
    return textResult(
      JSON.stringify({ error: failed?.code, status: failed?.status, message: failed?.message }),
      true,
    );
  }
  return textResult(JSON.stringify(await fullAnswer(envelope, tool, call)), false);
}

/** The operation's whole answer: from the run's trace, or the result when it came back whole. */
async function fullAnswer(
  envelope: RunEnvelope,
  tool: McpToolContext,
  call: McpCallContext,
): Promise<unknown> {
  if (!envelope.truncated) return envelope.result ?? null;
  const run = await tool.runs.getRun(envelope.runId, { requester: call.tenant });
  const answered = run.trace.findLast((record) => record.status === 'ok');
  return answered && 'response' in answered ? answered.response : envelope.result;
}

function textResult(text: string, isError: boolean): CallToolResult {
  return { content: [{ type: 'text', text }], isError };
}
