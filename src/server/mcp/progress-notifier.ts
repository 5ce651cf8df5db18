/**
 * Turns a script's `progress(done, total?, message?)` calls into MCP `notifications/progress`,
 * only when the client asked for them (a `progressToken` in the request's `_meta`). The spec says
 * progress MUST increase and both sides SHOULD rate-limit: non-increasing values are dropped, and
 * so are updates closer together than {@link MIN_PROGRESS_INTERVAL_MS} unless they complete the
 * total. Claude Code resets its idle timeout on each notification (shared/notes/mcp.md §1.4).
 */
import type { ServerContext } from '@modelcontextprotocol/server';
import type { Logger } from 'pino';
import type { ProgressEvent } from '../../../sandbox/types.ts';

export const MIN_PROGRESS_INTERVAL_MS = 100;

export interface ProgressNotifier {
  /** Pass as the run's `onProgress`; undefined when the client sent no progress token. */
  onProgress: ((event: ProgressEvent) => void) | undefined;
  /**
   * Resolves once every notification sent so far is written. Await it before returning the result:
   * a notification that arrives after the response is dropped by the client.
   */
  flush(): Promise<void>;
}

/**
 * @example
 * const progress = progressNotifier(ctx, logger);
 * const envelope = await gateway.execute(input, { source: 'mcp', onProgress: progress.onProgress });
 * await progress.flush();
 */
export function progressNotifier(
  ctx: ServerContext,
  logger: Logger,
  now: () => number = Date.now,
): ProgressNotifier {
  const progressToken = ctx.mcpReq._meta?.progressToken;
  let pending: Promise<void> = Promise.resolve();
  const flush = () => pending;
  if (progressToken === undefined) return { onProgress: undefined, flush };
  let last = -Infinity;
  let lastSentAt = -Infinity;
  const onProgress = function notifyProgress(event: ProgressEvent) {
    if (!Number.isFinite(event.done) || event.done <= last) return;
    const completes = event.total !== undefined && event.done >= event.total;
    if (!completes && now() - lastSentAt < MIN_PROGRESS_INTERVAL_MS) return;
    last = event.done;
    lastSentAt = now();
    const params: Record<string, unknown> = { progressToken, progress: event.done };
    if (event.total !== undefined && Number.isFinite(event.total)) params['total'] = event.total;
    if (event.message) params['message'] = event.message;
    // After a disconnect the SDK rejects with "Not connected": the run is being aborted anyway.
    const sent = ctx.mcpReq
      .notify({ method: 'notifications/progress', params })
      .catch((error: unknown) => {
        logger.debug({ err: error }, 'progress notification not delivered');
      });
    pending = pending.then(() => sent);
  };
  return { onProgress, flush };
}
