/**
 * Stored results as MCP resources, `workbench-result://{resultRef}`, for clients that read
 * resources (Claude Code's ReadMcpResourceTool, the Inspector). `read_result` stays the way every
 * client can page; this is the same data, first slice as JSON.
 */
import {
  ResourceNotFoundError,
  ResourceTemplate,
  type McpServer,
} from '@modelcontextprotocol/server';
import type { McpCallContext, McpToolContext } from './tool-context.ts';
import { MAX_READ_RESULT_LIMIT, readResultError } from './read-result-tool.ts';

export const RESULT_URI_TEMPLATE = 'workbench-result://{resultRef}';

/**
 * @example
 * registerResultResource(server, toolContext, call); // resources/read workbench-result://r_1
 */
export function registerResultResource(
  server: McpServer,
  tool: McpToolContext,
  call: Pick<McpCallContext, 'tenant'>,
): void {
  server.registerResource(
    'run-result',
    new ResourceTemplate(RESULT_URI_TEMPLATE, { list: undefined }),
    {
      title: 'Stored run result',
      description:
        'The full result of a run_code call whose inline result was truncated (first slice, as JSON).',
      mimeType: 'application/json',
    },
    async (uri, variables) => {
      const resultRef = String(variables['resultRef'] ?? '');
      try {
        const slice = await tool.runs.readResult(resultRef, {
          path: '$',
          offset: 0,
          limit: MAX_READ_RESULT_LIMIT,
          requester: call.tenant,
        });
        return {
          contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(slice) }],
        };
      } catch (error) {
        throw new ResourceNotFoundError(uri.href, readResultError(error, resultRef));
      }
    },
  );
}
