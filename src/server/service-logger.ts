/**
 * The service's structured logger (pino, JSON lines). Credentials are redacted by path as a second
 * line of defence; the first is never handing them to the logger. Script bodies are logged only
 * at `trace`.
 */
import { isatty } from 'node:tty';
import { pino, type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { WorkbenchConfig } from '../config.ts';

export interface ServiceLoggerOptions {
  level?: WorkbenchConfig['logLevel'];
  /**
   * Where lines go: `stdout` for `serve`; `stderr` for the stdio MCP server, whose stdout is the
   * protocol stream and must carry nothing else.
   */
  destination?: 'stdout' | 'stderr';
  /**
   * Readable, colored lines (pino-pretty) instead of JSON. Default: when the destination is a
   * terminal, where a person reads it; a pipe or a file (a log collector) gets JSON lines.
   */
  pretty?: boolean;
}

/** Paths pino blanks out wherever they appear in a log object. */
export const REDACTED_PATHS = [
  'authorization',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  'apiKey',
  'apiKeys',
  'apiToken',
  'accessToken',
  '*.apiToken',
  '*.accessToken',
  'config.apiKeys',
  'config.confluence.auth',
];

/**
 * @example
 * const logger = createServiceLogger({ level: config.logLevel, destination: 'stderr' });
 * logger.info({ runId }, 'run finished');
 */
export function createServiceLogger(options: ServiceLoggerOptions = {}): Logger {
  const fd = options.destination === 'stderr' ? 2 : 1;
  // stderr (stdio mode) is written synchronously: that process may exit right after its last line.
  const sync = fd === 2;
  const destination: DestinationStream =
    (options.pretty ?? isatty(fd))
      ? pretty({ destination: fd, sync, colorize: true, ignore: 'pid,hostname,name' })
      : pino.destination({ fd, sync });
  return pino(
    {
      name: 'confluence-workbench',
      level: options.level ?? 'info',
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      base: { pid: process.pid },
    },
    destination,
  );
}
