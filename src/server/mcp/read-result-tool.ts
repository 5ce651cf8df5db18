/**
 * `read_result`: pages through a stored full result by `resultRef`. Clients that cannot read MCP
 * resources (Kimi Code drops resource links; shared/notes/mcp.md §5.3) get everything here.
 */
import type { CallToolResult, McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { ResultSlice } from '../../runs/types.ts';
import { resultSliceOutputSchema } from './envelope-schema.ts';
import type { McpCallContext, McpToolContext } from './tool-context.ts';

/** Items (array) or characters (string) one call returns at most. */
export const MAX_READ_RESULT_LIMIT = 10_000;

export const readResultInputSchema = z.object({
  resultRef: z.string().min(1),
  path: z.string().optional().describe('e.g. "$.pages[3]" (default "$").'),
  offset: z.number().int().min(0).optional(),
  limit: z.number().int().min(1).max(MAX_READ_RESULT_LIMIT).optional(),
});

/**
 * @example
 * registerReadResultTool(server, toolContext, call);
 */
export function registerReadResultTool(
  server: McpServer,
  tool: McpToolContext,
  call: Pick<McpCallContext, 'tenant'>,
): void {
  server.registerTool(
    'read_result',
    {
      title: 'Read a stored run result',
      description:
        "Read a cut run_code result by its resultRef: a JSON path, then offset/limit in the array's items or the string's characters.",
      inputSchema: readResultInputSchema,
      outputSchema: resultSliceOutputSchema,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async (args): Promise<CallToolResult> => {
      try {
        const slice = await tool.runs.readResult(args.resultRef, {
          path: args.path,
          offset: args.offset,
          limit: args.limit,
          // Another user-role client's result reads as not found (src/clients/visibility.ts).
          requester: call.tenant,
        });
        return sliceResult(slice);
      } catch (error) {
        return {
          content: [{ type: 'text', text: readResultError(error, args.resultRef) }],
          isError: true,
        };
      }
    },
  );
}

function sliceResult(slice: ResultSlice): CallToolResult {
  const count = slice.total === undefined ? '' : ` of ${slice.total}`;
  const next = slice.hasMore
    ? ` More remains: call read_result again with the same path and offset ${slice.nextOffset ?? nextOffset(slice)}.`
    : ' Nothing more at this path.';
  const cut = slice.truncated
    ? ' The value is summarized (markers inside): read deeper by path to see it whole.'
    : '';
  // The guidance rides in `next` too: Claude Code shows only the structured result on success.
  const structured = { ...slice, next: `${next}${cut}`.trim() };
  return {
    content: [
      {
        type: 'text',
        text: `Result ${slice.resultRef} at ${slice.path} (${slice.type}), from offset ${slice.offset}${count}.\n`,
      },
      { type: 'text', text: JSON.stringify(structured) },
    ],
    structuredContent: structured as unknown as Record<string, unknown>,
  };
}

function nextOffset(slice: ResultSlice): number {
  if (Array.isArray(slice.value)) return slice.offset + slice.value.length;
  if (typeof slice.value === 'string') return slice.offset + slice.value.length;
  return slice.offset + 1;
}

/**
 * The runs layer's typed errors (src/runs/errors.ts) carry a stable `code`; say what to do next.
 *
 * @example
 * readResultError(new RunsError('RESULT_NOT_FOUND', 'gone'), 'res_1'); // '… run the script again …'
 */
export function readResultError(error: unknown, resultRef: string): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : String(error);
  switch (code) {
    case 'RESULT_NOT_FOUND':
      return `No stored result for resultRef "${resultRef}": ${text}. Results are kept for a limited time; run the script again to get a fresh resultRef.`;
    case 'RESULT_PATH_INVALID':
      return `The path does not parse: ${text}. Use JSONPath like "$", "$.pages", "$.pages[3].title".`;
    case 'RESULT_PATH_NOT_FOUND':
      return `Nothing at that path: ${text}. Call read_result with path "$" and a small limit to see the top level.`;
    default:
      return `read_result failed${typeof code === 'string' ? ` (${code})` : ''}: ${text}`;
  }
}
