/** `confluence-workbench serve` and `confluence-workbench mcp`: the service, over HTTP or stdio. */
import type { Command } from 'commander';
import { type CommandContext, resolveConfig, stderrLogger } from '../context.ts';
import { UsageError } from '../exit-codes.ts';
import { integerIn } from '../options.ts';

const DIRECT_TOOLS_HELP =
  'also expose every SDK operation as its own MCP tool (confluence_pages_get, ...), returning Confluence JSON';

export function registerServeCommand(program: Command, context: CommandContext): void {
  program
    .command('serve')
    .summary('start the service: MCP at /mcp, REST at /v1')
    .description(
      'Start the HTTP service: MCP (Streamable HTTP) at /mcp, REST at /v1, /healthz and /metrics. With no Confluence site configured it uses the embedded emulator with demo data, also served at /emulator. Stops on SIGINT/SIGTERM.',
    )
    .option('--port <port>', 'TCP port (default 8787, or WORKBENCH_PORT)', integerIn(0, 65_535))
    .option(
      '--host <host>',
      'address to listen on (default 127.0.0.1); beyond loopback WORKBENCH_API_KEYS is required',
    )
    .option('--direct-tools', DIRECT_TOOLS_HELP)
    .addHelpText('after', '\nExample:\n  $ confluence-workbench serve --port 8787')
    .action(async (flags: { port?: number; host?: string; directTools?: boolean }) => {
      // The clients file is checked first: a bad one is exit 2 before anything starts.
      const { withClients } = await import('../../clients/load-clients.ts');
      const config = withClients(
        resolveConfig(context, {
          ...(flags.port === undefined ? {} : { port: flags.port }),
          ...(flags.host === undefined ? {} : { host: flags.host }),
        }),
      );
      const { assertSafeBind, createServiceLogger, startServer } =
        await import('../../server/index.ts');
      // Refuse an unsafe bind before sandbox workers and the emulator are started for nothing.
      assertSafeBind(config);
      const { createWorkbench } = await import('../../workbench.ts');
      const logger = createServiceLogger({ level: config.logLevel });
      const workbench = await createWorkbench(config, { logger });
      try {
        const server = await startServer({
          config,
          workbench,
          logger,
          directTools: flags.directTools === true,
        }).catch((error: NodeJS.ErrnoException) => {
          if (
            error.code === 'EADDRINUSE' ||
            error.code === 'EACCES' ||
            error.code === 'EADDRNOTAVAIL'
          ) {
            throw new UsageError(
              `cannot listen on ${config.host}:${config.port}: ${error.message}`,
            );
          }
          throw error;
        });
        await context.io.untilStopped();
        await server.close();
      } finally {
        await workbench.close();
      }
    });

  program
    .command('mcp')
    .summary('serve the MCP tools over stdio (for a client that starts this command)')
    .description(
      'Serve the same MCP tools over stdio: stdout carries the protocol only, logs go to stderr. Ends when the client closes stdin.',
    )
    .option('--direct-tools', DIRECT_TOOLS_HELP)
    .addHelpText(
      'after',
      '\nExample (a client configuration, with the command installed):\n  { "command": "confluence-workbench", "args": ["mcp"] }',
    )
    .action(async (flags: { directTools?: boolean }) => {
      const config = resolveConfig(context);
      const logger = await stderrLogger(config);
      const { runStdio } = await import('../../server/index.ts');
      const { createWorkbench } = await import('../../workbench.ts');
      const workbench = await createWorkbench(config, { logger });
      try {
        // Serve only once warm: the client's first run_code is then as fast as the rest.
        await workbench.warmUp();
        const session = runStdio({
          config,
          workbench,
          logger,
          stdin: context.io.stdin,
          stdout: context.io.stdout,
          directTools: flags.directTools === true,
        });
        await Promise.race([session.closed, context.io.untilStopped()]);
        await session.close();
      } finally {
        await workbench.close();
      }
    });
}
