/**
 * The MCP server definition, in one place for every transport: `createMcpHandler` (HTTP, both
 * protocol eras) calls the factory once per request, `serveStdio` once per connection. Tools:
 * `run_code`, `describe_sdk`, `read_result`, and with jobs `start_job`, `job_status`, `cancel_job`;
 * resources: stored results.
 */
import { McpServer, type McpRequestContext } from '@modelcontextprotocol/server';
import { DEFAULT_TENANT } from '../../clients/directory.ts';
import type { Tenant } from '../../clients/types.ts';
import { registerDescribeSdkTool } from './describe-sdk-tool.ts';
import { registerDirectTools } from './direct-tools.ts';
import { registerJobTools } from './job-tools.ts';
import { registerReadResultTool } from './read-result-tool.ts';
import { registerResultResource } from './result-resource.ts';
import { registerRunCodeTool } from './run-code-tool.ts';
import type { McpToolContext } from './tool-context.ts';

export const SERVER_NAME = 'confluence-workbench';
export const SERVER_VERSION = '0.1.0';

/** Caps one call's argument tree (array items + object members): a cheap guard before validation. */
export const MAX_TOOL_INPUT_ELEMENTS = 50_000;

/** The tool list only changes with a new version of the service; let 2026-era clients cache it. */
const LIST_CACHE_TTL_MS = 300_000;

const INSTRUCTIONS = `Confluence workbench: do Confluence work by writing one TypeScript script per task and sending it to run_code; the script runs on the server against a typed SDK (the global \`confluence\`) and only its small result comes back. Use describe_sdk for exact operation signatures, and read_result to page through a result that came back truncated.`;

/**
 * @example
 * const handler = createMcpHandler(createMcpServerFactory(toolContext));
 */
export function createMcpServerFactory(
  tool: McpToolContext,
): (context: McpRequestContext) => McpServer {
  return function buildMcpServer(context) {
    const server = new McpServer(
      { name: SERVER_NAME, version: SERVER_VERSION, title: 'Confluence workbench' },
      {
        instructions: INSTRUCTIONS,
        maxToolInputElements: MAX_TOOL_INPUT_ELEMENTS,
        cacheHints: {
          'tools/list': { ttlMs: LIST_CACHE_TTL_MS, cacheScope: 'public' },
          'resources/templates/list': { ttlMs: LIST_CACHE_TTL_MS, cacheScope: 'public' },
          'server/discover': { ttlMs: LIST_CACHE_TTL_MS, cacheScope: 'public' },
        },
      },
    );
    const extra = context.authInfo?.extra as
      | {
          requestId?: string;
          runIds?: string[];
          tenant?: Tenant;
          sessionId?: string;
        }
      | undefined;
    const call = {
      era: context.era,
      clientId: context.authInfo?.clientId ?? 'stdio',
      // stdio has no keys: its one client is the single-tenant `default`.
      tenant: extra?.tenant ?? DEFAULT_TENANT,
      requestId: extra?.requestId,
      runIds: extra?.runIds,
      sessionId: extra?.sessionId,
      source: tool.source,
    };
    registerRunCodeTool(server, tool, call);
    registerDescribeSdkTool(server, tool);
    registerReadResultTool(server, tool, call);
    registerResultResource(server, tool, call);
    if (tool.jobs) registerJobTools(server, tool.jobs, call);
    if (tool.directTools) registerDirectTools(server, tool, call);
    return server;
  };
}
