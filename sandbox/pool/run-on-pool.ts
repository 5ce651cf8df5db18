/**
 * One run's life in the pool, seen from the parent: queued, started on a worker, its host calls
 * answered here (each with its own AbortSignal), its logs and progress passed on as they come,
 * and its end: `done`, a lost worker, or a cancellation. A run that ignores its deadline and a
 * cancellation gets its worker killed, so `run()` always settles.
 *
 * A run may start before its type-check is done (`gate`): host calls, logs and progress are held
 * until the gate opens, so a script that fails the check never reaches a host function.
 */
import type { ResolvedLimits } from '../limits.ts';
import type {
  CallMessage,
  CallResultMessage,
  DoneMessage,
  RunMessage,
  WorkerMessage,
} from '../protocol.ts';
import type { HostErrorShape, HostFunction, LogEntry, ProgressEvent, RunError } from '../types.ts';
import { CANCELLED } from '../run-errors.ts';
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
  /** Resolves true when host calls and events may go through; false drops them (default: open). */
  gate?: Promise<boolean> | undefined;
}

export interface PoolRunOutcome {
  done?: DoneMessage;
  error?: RunError;
  logs: LogEntry[];
  queueMs: number;
}

const GATE_CLOSED: HostErrorShape = { message: 'the script failed its type-check' };

/** @example const outcome = await runOnPool({ pool, message, host, limits }); */
export function runOnPool(options: PoolRunOptions): Promise<PoolRunOutcome> {
  return new Promise((resolve) => new PoolRun(options, resolve).start());
}

class PoolRun {
  private readonly logs: LogEntry[] = [];
  private readonly calls = new Map<number, AbortController>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly submittedAt = performance.now();
  private readonly gate: Promise<boolean>;
  private queueMs = 0;
  private worker: WorkerProcess | undefined;
  private settled = false;
  private readonly options: PoolRunOptions;
  private readonly resolve: (outcome: PoolRunOutcome) => void;

  constructor(options: PoolRunOptions, resolve: (outcome: PoolRunOutcome) => void) {
    this.options = options;
    this.resolve = resolve;
    this.gate = options.gate ?? Promise.resolve(true);
  }

  start(): void {
    const { pool, message, signal } = this.options;
    pool.submit(
      message,
      {
        onMessage: (event) => {
          if (!this.settled) this.handle(event);
        },
        onLost: (error) => this.finish({ error }),
      },
      (worker) => this.started(worker),
    );
    if (signal?.aborted) this.abort();
    else signal?.addEventListener('abort', this.abort, { once: true });
  }

  private handle(event: Exclude<WorkerMessage, { type: 'ready' }>): void {
    switch (event.type) {
      case 'call':
        this.call(event);
        return;
      case 'log': {
        const entry: LogEntry = {
          level: event.level,
          message: event.message,
          atMs: Math.round(event.atMs),
        };
        this.logs.push(entry);
        this.afterGate(() => notify(this.options.onLog, entry));
        return;
      }
      case 'progress': {
        const { done, total, message } = event;
        const progress: ProgressEvent = {
          done,
          ...(total === undefined ? {} : { total }),
          ...(message === undefined ? {} : { message }),
        };
        this.afterGate(() => notify(this.options.onProgress, progress));
        return;
      }
      case 'done':
        this.finish({ done: event });
        return;
    }
  }

  private call(event: CallMessage): void {
    const controller = new AbortController();
    this.calls.set(event.callId, controller);
    const { host, limits } = this.options;
    void this.gate
      .then((open): Promise<CallResultMessage> | CallResultMessage =>
        open
          ? invokeHostCall(event, { host, limits, signal: controller.signal })
          : {
              type: 'call-result',
              runId: event.runId,
              callId: event.callId,
              ok: false,
              error: GATE_CLOSED,
            },
      )
      .then((reply) => {
        this.calls.delete(event.callId);
        if (!this.settled) this.worker?.send(reply);
      });
  }

  // Events keep their order: each waits for the same gate, resolved once.
  private afterGate(deliver: () => void): void {
    void this.gate.then((open) => {
      if (open) deliver();
    });
  }

  private started(worker: WorkerProcess): void {
    const { limits, message } = this.options;
    this.worker = worker;
    this.queueMs = performance.now() - this.submittedAt;
    const deadline = limits.wallTimeMs + WORKER_GRACE_MS;
    const stuck: RunError = {
      phase: 'timeout',
      code: 'WALL_TIME_LIMIT',
      message: `the run did not stop at its ${limits.wallTimeMs} ms deadline, so its sandbox worker was restarted`,
      limit: { name: 'wallTimeMs', limit: limits.wallTimeMs, reached: deadline },
    };
    this.timers.push(setTimeout(() => worker.killFor(message.runId, stuck), deadline).unref());
  }

  private readonly abort = (): void => {
    const { pool, message } = this.options;
    const worker = this.worker;
    if (!worker) {
      if (pool.withdraw(message.runId)) this.finish({ error: CANCELLED });
      return;
    }
    for (const controller of this.calls.values()) controller.abort();
    worker.cancel(message.runId);
    const kill = () => worker.killFor(message.runId, CANCELLED);
    this.timers.push(setTimeout(kill, CANCEL_GRACE_MS).unref());
  };

  private finish(outcome: { done?: DoneMessage; error?: RunError }): void {
    if (this.settled) return;
    this.settled = true;
    for (const controller of this.calls.values()) controller.abort();
    for (const timer of this.timers) clearTimeout(timer);
    this.options.signal?.removeEventListener('abort', this.abort);
    // Events already delivered are in `logs`; wait for the gate so the caller's view is complete.
    void this.gate.then(() => this.resolve({ ...outcome, logs: this.logs, queueMs: this.queueMs }));
  }
}

/** A caller's callback that throws must not break the run. */
function notify<T>(callback: ((value: T) => void) | undefined, value: T): void {
  try {
    callback?.(value);
  } catch {
    // the caller's problem; the run goes on
  }
}
