/**
 * One run's life in the pool, seen from the parent: queued, started on a worker, its host calls
 * answered here (each with its own AbortSignal), its logs and progress passed on as they come,
 * and its end: `done`, a lost worker, or a cancellation. A run that ignores its deadline and a
 * cancellation gets its worker killed, so `run()` always settles.
 */
import type { ResolvedLimits } from '../limits.ts';
import type { DoneMessage, RunMessage } from '../protocol.ts';
import type { HostFunction, LogEntry, ProgressEvent, RunError } from '../types.ts';
import { invokeHostCall } from './host-calls.ts';
import type { WorkerPool } from './worker-pool.ts';
import type { WorkerProcess } from './worker-process.ts';

/** Past its wall-clock deadline, a run gets this long to end before its worker is killed. */
export const WORKER_GRACE_MS = 5_000;
/** After a cancellation, a run gets this long to end before its worker is killed. */
export const CANCEL_GRACE_MS = 2_000;

export interface PoolRunOptions {
  pool: WorkerPool;
  message: RunMessage;
  host: Record<string, HostFunction>;
  limits: ResolvedLimits;
  signal?: AbortSignal | undefined;
  onLog?: ((entry: LogEntry) => void) | undefined;
  onProgress?: ((event: ProgressEvent) => void) | undefined;
}

export interface PoolRunOutcome {
  done?: DoneMessage;
  error?: RunError;
  logs: LogEntry[];
  queueMs: number;
}

const CANCELLED: RunError = {
  phase: 'runtime',
  code: 'CANCELLED',
  message: 'the run was cancelled',
};

/** @example const outcome = await runOnPool({ pool, message, host, limits }); */
export function runOnPool(options: PoolRunOptions): Promise<PoolRunOutcome> {
  const { pool, message, signal } = options;
  return new Promise((resolve) => {
    const logs: LogEntry[] = [];
    const calls = new Map<number, AbortController>();
    const submittedAt = performance.now();
    let queueMs = 0;
    let worker: WorkerProcess | undefined;
    let settled = false;
    const timers: NodeJS.Timeout[] = [];

    const finish = (outcome: { done?: DoneMessage; error?: RunError }) => {
      if (settled) return;
      settled = true;
      for (const controller of calls.values()) controller.abort();
      for (const timer of timers) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve({ ...outcome, logs, queueMs });
    };
    const onAbort = () => {
      if (!worker) {
        if (pool.withdraw(message.runId)) finish({ error: CANCELLED });
        return;
      }
      for (const controller of calls.values()) controller.abort();
      worker.cancel(message.runId);
      const running = worker;
      timers.push(
        setTimeout(() => running.killFor(message.runId, CANCELLED), CANCEL_GRACE_MS).unref(),
      );
    };

    pool.submit(
      message,
      {
        onMessage: (event) => {
          if (settled) return;
          switch (event.type) {
            case 'call': {
              const controller = new AbortController();
              calls.set(event.callId, controller);
              void invokeHostCall(event, {
                host: options.host,
                limits: options.limits,
                signal: controller.signal,
              }).then((reply) => {
                calls.delete(event.callId);
                if (!settled) worker?.send(reply);
              });
              return;
            }
            case 'log': {
              const entry: LogEntry = {
                level: event.level,
                message: event.message,
                atMs: Math.round(event.atMs),
              };
              logs.push(entry);
              notify(options.onLog, entry);
              return;
            }
            case 'progress': {
              const { done, total, message: text } = event;
              notify(options.onProgress, {
                done,
                ...(total === undefined ? {} : { total }),
                ...(text === undefined ? {} : { message: text }),
              });
              return;
            }
            case 'done':
              finish({ done: event });
              return;
          }
        },
        onLost: (error) => finish({ error }),
      },
      (started) => {
        worker = started;
        queueMs = performance.now() - submittedAt;
        const deadline = options.limits.wallTimeMs + WORKER_GRACE_MS;
        const stuck: RunError = {
          phase: 'timeout',
          code: 'WALL_TIME_LIMIT',
          message: `the run did not stop at its ${options.limits.wallTimeMs} ms deadline, so its sandbox worker was restarted`,
          limit: { name: 'wallTimeMs', limit: options.limits.wallTimeMs, reached: deadline },
        };
        timers.push(setTimeout(() => started.killFor(message.runId, stuck), deadline).unref());
      },
    );
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A caller's callback that throws must not break the run. */
function notify<T>(callback: ((value: T) => void) | undefined, value: T): void {
  try {
    callback?.(value);
  } catch {
    // the caller's problem; the run goes on
  }
}
