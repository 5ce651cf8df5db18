/**
 * The `run_code` tool: one call runs a whole TypeScript script against Confluence on the server.
 * Success and script failures alike return the run envelope (`structuredContent`, plus text for
 * the model, see render-envelope.ts); failures set `isError` with a text that says how to fix the
 * code. Overload is an `isError` result too, not a JSON-RPC error: the spec reserves protocol
 * errors for malformed requests, and a model reading "busy, retry in 3 s" can act on it.
 */
import type { CallToolResult, McpServer, ServerContext } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { RunEnvelope } from '../../runs/types.ts';
import { BusyError } from '../run-limiter.ts';
import { runEnvelopeSchema } from './envelope-schema.ts';
import { renderEnvelope } from './render-envelope.ts';
import { senderOf } from './legacy-cancellations.ts';
import { progressNotifier } from './progress-notifier.ts';
import { runCodeDescription } from './run-code-description.ts';
import type { McpCallContext, McpToolContext } from './tool-context.ts';

export const runCodeInputSchema = z.object({
  code: z
    .string()
    .min(1)
    .describe(
      'TypeScript: statements with top-level await ending in `return <JSON>`, or `export default async function (params) {…}`.',
    ),
  params: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('JSON object available to the script as the global `params`.'),
  dryRun: z
    .boolean()
    .optional()
    .describe('Reads run for real; writes are planned, not sent, and listed in the result.'),
  timeoutMs: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('Wall-clock limit for the run in ms (server default and maximum apply).'),
  resultBudget: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('Characters of result to return inline; the rest is kept for read_result.'),
  cpuTimeMs: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('CPU time for the script in ms (default 5000; the server maximum applies).'),
  maxHostCalls: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('Confluence calls the script may make (default 500; the server maximum applies).'),
});

/**
 * @example
 * registerRunCodeTool(server, toolContext, { era: 'modern', clientId: 'key-1', tenant });
 */
export function registerRunCodeTool(
  server: McpServer,
  tool: McpToolContext,
  call: McpCallContext,
): void {
  server.registerTool(
    'run_code',
    {
      title: 'Run TypeScript against Confluence',
      description: runCodeDescription(tool.sdkIndex),
      inputSchema: runCodeInputSchema,
      outputSchema: runEnvelopeSchema,
      annotations: {
        readOnlyHint: false,
        destructiveHint: true,
        idempotentHint: false,
        openWorldHint: true,
      },
    },
    (args, ctx) => runCode(args, ctx, tool, call),
  );
}

async function runCode(
  args: z.infer<typeof runCodeInputSchema>,
  ctx: ServerContext,
  tool: McpToolContext,
  call: McpCallContext,
): Promise<CallToolResult> {
  // Only a call with a session can be cancelled by another request: the notification must come
  // from the same key and the same connection's session (http-endpoint.ts, senderOf).
  const sender = senderOf(call.clientId, call.sessionId);
  const legacy =
    call.era === 'legacy' && tool.cancellations && sender
      ? tool.cancellations.register(sender, ctx.mcpReq.id)
      : undefined;
  const signal = legacy ? AbortSignal.any([ctx.mcpReq.signal, legacy.signal]) : ctx.mcpReq.signal;
  const progress = progressNotifier(ctx, tool.logger);
  try {
    const envelope = await tool.gateway.execute(
      { ...args, source: tool.source },
      {
        source: tool.source,
        signal,
        onProgress: progress.onProgress,
        requestId: call.requestId,
        clientId: call.clientId,
        client: call.tenant,
        onFinished: (runId) => call.runIds?.push(runId),
      },
    );
    await progress.flush();
    return envelopeResult(envelope);
  } catch (error) {
    if (error instanceof BusyError) return busyResult(error);
    if (signal.aborted) return textError('The run was cancelled by the client before it finished.');
    return textError(
      `The workbench failed to run the script (internal error${call.requestId ? `, request ${call.requestId}` : ''}). Nothing in the script caused this; try again.`,
    );
  } finally {
    legacy?.done();
  }
}

/**
 * The tool result for a finished run, successful or not (see render-envelope.ts for the shape).
 *
 * @example
 * return envelopeResult(await gateway.execute(input, options));
 */
export function envelopeResult(envelope: RunEnvelope): CallToolResult {
  return {
    content: [
      { type: 'text', text: renderEnvelope(envelope) },
      { type: 'text', text: JSON.stringify(envelope) },
    ],
    structuredContent: envelope as unknown as Record<string, unknown>,
    isError: envelope.status === 'error',
  };
}

function busyResult(error: BusyError): CallToolResult {
  const wait = `${error.retryAfterSeconds} second${error.retryAfterSeconds === 1 ? '' : 's'}`;
  return textError(
    `Not run: ${error.message}. Nothing was executed and no Confluence call was made. Call run_code again with the same arguments in about ${wait}.`,
  );
}

function textError(text: string): CallToolResult {
  return { content: [{ type: 'text', text }], isError: true };
}
