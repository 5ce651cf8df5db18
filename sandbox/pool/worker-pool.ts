/**
 * The pool of supervised worker processes: runs wait in a FIFO queue for a free slot (each worker
 * takes `runsPerWorker` at once), a worker that dies is replaced, and a worker that cannot even
 * start fails the queue instead of respawning in a loop.
 */
import type { InitMessage, RunMessage } from '../protocol.ts';
import type { RunError, SandboxLogger } from '../types.ts';
import {
  type HeartbeatOptions,
  WorkerProcess,
  type WorkerExit,
  type WorkerRunListener,
} from './worker-process.ts';

/** Workers that die before becoming ready this many times in a row stop the respawning. */
const MAX_CONSECUTIVE_START_FAILURES = 3;

export interface WorkerPoolOptions {
  size: number;
  runsPerWorker: number;
  init: InitMessage;
  logger?: SandboxLogger | undefined;
  heartbeat?: HeartbeatOptions | undefined;
}

interface QueuedRun {
  message: RunMessage;
  listener: WorkerRunListener;
  /** Called with the worker once the run has started on it. */
  started: (worker: WorkerProcess) => void;
}

export class WorkerPool {
  private readonly workers: WorkerProcess[] = [];
  private readonly queue: QueuedRun[] = [];
  private readonly options: WorkerPoolOptions;
  private startFailures = 0;
  private closed = false;
  private brokenReason: string | undefined;

  constructor(options: WorkerPoolOptions) {
    this.options = options;
    for (let index = 0; index < options.size; index++) this.spawn();
  }

  /** Resolves when every worker is up (rejects if none can start). */
  async ready(): Promise<void> {
    const results = await Promise.allSettled(this.workers.map((worker) => worker.ready));
    if (!results.some((result) => result.status === 'fulfilled')) {
      throw new Error(
        `no sandbox worker could start${this.brokenReason ? `: ${this.brokenReason}` : ''}`,
      );
    }
  }

  /** Queues a run; `started` tells which worker took it (for cancellation). */
  submit(
    message: RunMessage,
    listener: WorkerRunListener,
    started: (worker: WorkerProcess) => void,
  ): void {
    if (this.closed || this.brokenReason) {
      listener.onLost(this.unavailableError());
      return;
    }
    this.queue.push({ message, listener, started });
    this.drain();
  }

  /** Removes a run that has not started yet; false if it already has. */
  withdraw(runId: string): boolean {
    const index = this.queue.findIndex((queued) => queued.message.runId === runId);
    if (index === -1) return false;
    this.queue.splice(index, 1);
    return true;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const queued of this.queue.splice(0)) queued.listener.onLost(this.unavailableError());
    await Promise.all(this.workers.map((worker) => worker.stop()));
  }

  private drain(): void {
    while (this.queue.length > 0) {
      const worker = this.leastLoaded();
      if (!worker) return;
      const queued = this.queue.shift()!;
      const listener: WorkerRunListener = {
        onMessage: (message) => {
          queued.listener.onMessage(message);
          if (message.type === 'done') queueMicrotask(() => this.drain());
        },
        onLost: (error) => {
          queued.listener.onLost(error);
          queueMicrotask(() => this.drain());
        },
      };
      worker.start(queued.message, listener);
      queued.started(worker);
    }
  }

  private leastLoaded(): WorkerProcess | undefined {
    let best: WorkerProcess | undefined;
    for (const worker of this.workers) {
      if (!worker.available || worker.load >= this.options.runsPerWorker) continue;
      if (!best || worker.load < best.load) best = worker;
    }
    return best;
  }

  private spawn(): void {
    const worker = new WorkerProcess(
      this.options.init,
      (dead, exit) => this.onExit(dead, exit),
      this.options.heartbeat,
    );
    this.workers.push(worker);
    worker.ready.then(
      () => {
        this.startFailures = 0;
        this.drain();
      },
      () => {},
    );
  }

  private onExit(worker: WorkerProcess, exit: WorkerExit): void {
    this.workers.splice(this.workers.indexOf(worker), 1);
    if (this.closed) return;
    const how = exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`;
    this.options.logger?.warn(
      { how, wasReady: exit.wasReady, stderr: exit.stderrTail.slice(-1_000) },
      'sandbox worker exited; replacing it',
    );
    if (!exit.wasReady && ++this.startFailures >= MAX_CONSECUTIVE_START_FAILURES) {
      this.brokenReason = `workers keep exiting at start (${how}): ${exit.stderrTail.slice(-500)}`;
      this.options.logger?.error({ how }, 'sandbox workers cannot start; giving up');
      for (const queued of this.queue.splice(0)) queued.listener.onLost(this.unavailableError());
      return;
    }
    this.spawn();
  }

  private unavailableError(): RunError {
    if (this.brokenReason) {
      return {
        phase: 'runtime',
        code: 'WORKER_START_FAILED',
        message: `the sandbox cannot start its workers: ${this.brokenReason}`,
      };
    }
    return { phase: 'runtime', code: 'WORKER_STOPPED', message: 'the sandbox is closed' };
  }
}
