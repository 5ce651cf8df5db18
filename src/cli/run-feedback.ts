/**
 * What `run` and `replay` tell a person on stderr while a run goes and when it ends: the script's
 * console and progress as they happen, every wait on a retry or a rate-limit back-off ("waiting
 * 2.1 s: Confluence answered 503 to pages.get, retry 1 of 4", through the SDK's RetryNotice, not
 * by reading logs), then the envelope. `--quiet` keeps errors only; `--json` puts the envelope
 * alone on stdout.
 */
import type { RetryNotice } from '../confluence/types.ts';
import { renderLogLine } from '../runs/logs.ts';
import type { ExecuteOptions, RunEnvelope } from '../runs/types.ts';
import { EXIT_OK, EXIT_SCRIPT_FAILED } from './exit-codes.ts';
import { type CliIo, writeLine } from './io.ts';
import { renderEnvelope } from './render-envelope.ts';
import { exitCodeOfStop } from './stop-signals.ts';

export interface FeedbackOptions {
  /** The envelope goes to stdout as JSON: progress lines are left out (waits and logs stay). */
  json?: boolean;
  /** Errors only: no console, progress, waits, status line or writes unless the run failed. */
  quiet?: boolean;
}

/**
 * The run's observers: what is printed on stderr as it happens.
 *
 * @example
 * await workbench.runs.execute({ code }, streamTo(io, { quiet: false }));
 */
export function streamTo(io: CliIo, options: FeedbackOptions = {}): ExecuteOptions {
  if (options.quiet) return {};
  return {
    onLog: (entry) => writeLine(io.stderr, `  │ ${renderLogLine(entry)}`),
    onRetry: (notice) => writeLine(io.stderr, `  ${waitLine(notice)}`),
    ...(options.json
      ? {}
      : {
          onProgress: (event) => {
            const total = event.total === undefined ? '' : `/${event.total}`;
            writeLine(
              io.stderr,
              `  progress ${event.done}${total}${event.message ? ` ${event.message}` : ''}`,
            );
          },
        }),
  };
}

/**
 * One wait, in words.
 *
 * @example
 * waitLine({ operation: 'pages.get', retry: 1, maxRetries: 4, waitMs: 2100, status: 503, code: 'SERVICE_UNAVAILABLE' });
 * // 'waiting 2.1 s: Confluence answered 503 to pages.get, retry 1 of 4'
 * waitLine({ operation: 'pages.get', retry: 0, maxRetries: 0, waitMs: 12000, code: 'SITE_PAUSED', pausedBy: 'Retry-After' });
 * // 'waiting 12 s: the site is paused (Retry-After), pages.get goes after'
 */
export function waitLine(notice: RetryNotice): string {
  if (notice.pausedBy !== undefined)
    return `waiting ${seconds(notice.waitMs)}: the site is paused (${notice.pausedBy}), ${notice.operation} goes after`;
  return `waiting ${seconds(notice.waitMs)}: ${cause(notice)}, retry ${notice.retry} of ${notice.maxRetries}`;
}

function cause(notice: RetryNotice): string {
  if (notice.status === 429) return `Confluence answered 429 (rate limited) to ${notice.operation}`;
  if (notice.status !== undefined)
    return `Confluence answered ${notice.status} to ${notice.operation}`;
  if (notice.code === 'TIMEOUT') return `${notice.operation} got no answer in time`;
  return `${notice.operation} lost its connection (${notice.code})`;
}

/** `0.4 s`, `2.1 s`, `45 s`. */
function seconds(ms: number): string {
  const value = Math.max(0, ms) / 1_000;
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} s`;
}

/**
 * Prints the envelope (JSON or readable) and returns the exit code it means: 130/143/129 when a
 * signal stopped the run (after saying what it had applied), else 0 or 1.
 */
export function printEnvelope(
  envelope: RunEnvelope,
  io: CliIo,
  options: FeedbackOptions = {},
  interrupted?: AbortSignal,
): number {
  if (options.json) writeLine(io.stdout, JSON.stringify(envelope));
  else {
    const rendered = renderEnvelope(envelope);
    io.stdout.write(rendered.stdout);
    const failed = envelope.status !== 'ok' || envelope.divergence !== undefined;
    if (!options.quiet || failed) for (const line of rendered.stderr) writeLine(io.stderr, line);
  }
  const stoppedBy = exitCodeOfStop(interrupted);
  if (stoppedBy !== undefined) {
    const applied = envelope.writes.filter((write) => write.status === 'applied').length;
    writeLine(
      io.stderr,
      `stopped by ${String(interrupted!.reason)}: ${applied} write(s) had been applied (see writes); the run is stored as ${envelope.runId}`,
    );
    return stoppedBy;
  }
  return envelope.status === 'ok' && !envelope.divergence ? EXIT_OK : EXIT_SCRIPT_FAILED;
}
