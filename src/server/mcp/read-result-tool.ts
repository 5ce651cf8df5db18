/**
 * `read_result`: pages through a stored full result by `resultRef`. Clients that cannot read MCP
 * resources (Kimi Code drops resource links; shared/notes/mcp.md §5.3) get everything here.
 */
import type { CallToolResult, McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { ResultSlice } from '../../runs/types.ts';
import { resultSliceSchema } from './envelope-schema.ts';
import type { McpCallContext, McpToolContext } from './tool-context.ts';

/** Items (array) or characters (string) one call returns at most. */
export const MAX_READ_RESULT_LIMIT = 10_000;

export const readResultInputSchema = z.object({
  resultRef: z
    .string()
    .min(1)
    .describe('The resultRef from a run_code result whose result was truncated.'),
  path: z
    .string()
    .optional()
    .describe(
      'JSON path into the result, e.g. "$.pages" or "$.pages[3].title" (default "$", the whole value).',
    ),
  offset: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe('First array item or string character to return (default 0).'),
  limit: z
    .number()
    .int()
    .min(1)
    .max(MAX_READ_RESULT_LIMIT)
    .optional()
    .describe('How many array items or characters to return.'),
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
        'Returns a slice of the full result of an earlier run_code call, by the resultRef its envelope gave when the result was truncated: pick a JSON path, then page arrays (items) or strings (characters) with offset and limit.',
      inputSchema: readResultInputSchema,
      outputSchema: resultSliceSchema,
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
    ? ` More remains: call read_result again with offset ${slice.nextOffset ?? nextOffset(slice)}.`
    : ' Nothing more at this path.';
  const cut = slice.truncated
    ? ' The value is summarized (markers inside): read deeper by path to see it whole.'
    : '';
  return {
    content: [
      {
        type: 'text',
        text: `Result ${slice.resultRef} at ${slice.path} (${slice.type}), from offset ${slice.offset}${count}.${next}${cut}`,
      },
      { type: 'text', text: JSON.stringify(slice) },
    ],
    structuredContent: slice as unknown as Record<string, unknown>,
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
