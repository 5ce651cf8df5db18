/**
 * The service's public surface: the Hono app (for tests and embedding), the HTTP server and the
 * stdio MCP server that the CLI's `serve` and `mcp` commands start, and the logger they share.
 */
export { createApp, type AppOptions, type FetchApp, type WorkbenchApp } from './app.ts';
export { createServiceLogger, type ServiceLoggerOptions } from './service-logger.ts';
export { createServerMetrics, type ServerMetrics } from './metrics.ts';
export {
  assertSafeBind,
  startServer,
  type RunningServer,
  type ServiceWorkbench,
  type StartServerOptions,
} from './start-server.ts';
export { runStdio, type RunStdioOptions, type StdioSession } from './stdio.ts';
export type { DescribeSdk, DescribeSdkRequest } from './mcp/tool-context.ts';
