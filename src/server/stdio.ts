/**
 * `confluence-workbench mcp`: the same MCP server over stdio (one client, the parent process).
 * The tools are the same definitions as over HTTP (server-factory.ts); cancellation arrives as
 * `notifications/cancelled` on the connection, which the SDK turns into the handler's signal.
 * stdout carries the protocol only: the logger given here must write to stderr
 * (`createServiceLogger({ destination: 'stderr' })`).
 */
import type { Readable, Writable } from 'node:stream';
import { serveStdio, StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import type { Logger } from 'pino';
import { describeSdk } from '../confluence/describe.ts';
import {
  DEFAULT_MAX_CONCURRENT_RUNS,
  DEFAULT_MAX_QUEUE_WAIT_MS,
  DEFAULT_MAX_QUEUED_RUNS,
  type WorkbenchConfig,
} from '../config.ts';
import { createServerMetrics } from './metrics.ts';
import { createMcpServerFactory } from './mcp/server-factory.ts';
import { checkedLines } from './mcp/stdio-line-check.ts';
import { createRunGateway } from './run-gateway.ts';
import { RunLimiter } from './run-limiter.ts';
import type { ServiceWorkbench } from './start-server.ts';

export interface RunStdioOptions {
  config: WorkbenchConfig;
  workbench: ServiceWorkbench;
  logger: Logger;
  /** Defaults to the process's stdin/stdout; tests pass streams. */
  stdin?: Readable;
  stdout?: Writable;
  /** Also expose every SDK operation as its own MCP tool (`mcp --direct-tools`). */
  directTools?: boolean;
}

export interface StdioSession {
  /** Resolves when the client closes stdin (or `close` is called). */
  closed: Promise<void>;
  close(): Promise<void>;
}

/**
 * @example
 * const session = runStdio({ config, workbench, logger: createServiceLogger({ destination: 'stderr' }) });
 * await session.closed;
 */
export function runStdio(options: RunStdioOptions): StdioSession {
  const { config, workbench, logger } = options;
  const service = config.service;
  const limiter = new RunLimiter({
    maxConcurrent: service?.maxConcurrentRuns ?? DEFAULT_MAX_CONCURRENT_RUNS,
    maxQueued: service?.maxQueuedRuns ?? DEFAULT_MAX_QUEUED_RUNS,
    maxQueueWaitMs: service?.maxQueueWaitMs ?? DEFAULT_MAX_QUEUE_WAIT_MS,
  });
  const metrics = createServerMetrics({ processMetrics: false });
  const gateway = createRunGateway({ runs: workbench.runs, limiter, metrics, logger });
  const factory = createMcpServerFactory({
    gateway,
    runs: workbench.runs,
    describeSdk: workbench.describeSdk ?? describeSdk,
    sdkIndex: workbench.sdkIndex,
    logger,
    source: 'mcp-stdio',
    directTools: options.directTools,
    ...(workbench.jobs ? { jobs: workbench.jobs } : {}),
  });
  const stdout = options.stdout ?? process.stdout;
  const transport = new StdioServerTransport(
    checkedLines(options.stdin ?? process.stdin, stdout),
    stdout,
  );
  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));
  const handle = serveStdio(factory, {
    transport,
    onerror: (error) => logger.warn({ err: error }, 'mcp stdio error'),
  });
  // serveStdio installs the transport's callbacks synchronously; wrap its close one to learn of EOF.
  const installed = transport.onclose;
  transport.onclose = () => {
    installed?.();
    limiter.close();
    resolveClosed();
  };
  logger.info({ confluence: config.confluence ? 'site' : 'emulator' }, 'mcp stdio server ready');
  return {
    closed,
    async close() {
      limiter.close();
      await handle.close();
      // Jobs started over this connection run in this process: pause them cleanly (job resume).
      await workbench.jobs?.close();
      resolveClosed();
    },
  };
}
