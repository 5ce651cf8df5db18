/**
 * Admission control for runs: at most `maxConcurrent` execute at once, at most `maxQueued` wait
 * (first come, first served, for at most `maxQueueWaitMs`), and everything past that is refused
 * at once with a {@link BusyError} carrying a Retry-After estimate. Refusing early keeps a burst
 * from turning into timeouts for everyone: a client told "retry in 3 s" does better than one whose
 * run starts after its own deadline.
 *
 * Not p-queue (a dependency, checked at 10.0): of the three rules it has only the concurrency.
 * Its `timeout` counts from when a task starts, not how long it waited; it has no bound on
 * waiting tasks (a caller checks `size` itself); and it frees a slot a microtask after the task
 * ends, so an admission decided at once after a release (run now, queue, or refuse with
 * QUEUE_FULL) would still see the slot taken. What would be left to it, a FIFO list whose
 * entries leave on abort, is the few lines of `#enqueue` below.
 */

/**
 * Why a run was not admitted: `QUEUE_FULL` (refused at once), `QUEUE_TIMEOUT` (waited too long) or
 * `SHUTTING_DOWN`. Nothing ran.
 *
 * @example
 * if (error instanceof BusyError) response.headers.set('Retry-After', String(error.retryAfterSeconds));
 */
export class BusyError extends Error {
  override name = 'BusyError';
  readonly code: 'QUEUE_FULL' | 'QUEUE_TIMEOUT' | 'SHUTTING_DOWN';
  /** Whole seconds a client should wait before retrying (always >= 1). */
  readonly retryAfterSeconds: number;

  constructor(code: BusyError['code'], message: string, retryAfterSeconds: number) {
    super(message);
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export interface RunLimiterOptions {
  maxConcurrent: number;
  maxQueued: number;
  maxQueueWaitMs: number;
  /** Clock in milliseconds (injected for tests). */
  now?: () => number;
}

/** Releases the slot; idempotent. */
export type ReleaseSlot = () => void;

interface Waiter {
  grant: (release: ReleaseSlot) => void;
  refuse: (error: Error) => void;
}

/** Until a run has finished, assume a run holds its slot this long (for Retry-After). */
const INITIAL_RUN_ESTIMATE_MS = 2_000;
const MAX_RETRY_AFTER_SECONDS = 60;
/** Weight of the newest run in the moving average of run durations. */
const ESTIMATE_SMOOTHING = 0.2;

/**
 * @example
 * const limiter = new RunLimiter({ maxConcurrent: 8, maxQueued: 64, maxQueueWaitMs: 20_000 });
 */
export class RunLimiter {
  readonly maxConcurrent: number;
  readonly maxQueued: number;
  readonly maxQueueWaitMs: number;
  #running = 0;
  #queue: Waiter[] = [];
  #averageRunMs = INITIAL_RUN_ESTIMATE_MS;
  #closed = false;
  readonly #now: () => number;

  constructor(options: RunLimiterOptions) {
    this.maxConcurrent = options.maxConcurrent;
    this.maxQueued = options.maxQueued;
    this.maxQueueWaitMs = options.maxQueueWaitMs;
    this.#now = options.now ?? Date.now;
  }

  get running(): number {
    return this.#running;
  }

  get queued(): number {
    return this.#queue.length;
  }

  /**
   * Waits for a slot. Rejects with {@link BusyError} when the queue is full or the wait exceeds
   * `maxQueueWaitMs`, or with the signal's reason when the caller gives up while queued.
   *
   * @example
   * const release = await limiter.acquire(signal);
   * try { return await runs.execute(input); } finally { release(); }
   */
  acquire(signal?: AbortSignal): Promise<ReleaseSlot> {
    signal?.throwIfAborted();
    if (this.#closed) {
      return Promise.reject(new BusyError('SHUTTING_DOWN', 'the workbench is shutting down', 5));
    }
    if (this.#running < this.maxConcurrent) return Promise.resolve(this.#take());
    if (this.#queue.length >= this.maxQueued) {
      return Promise.reject(
        new BusyError(
          'QUEUE_FULL',
          `the workbench is busy: ${this.#running} runs executing (limit ${this.maxConcurrent}) and ${this.#queue.length} queued (limit ${this.maxQueued})`,
          this.retryAfterSeconds(),
        ),
      );
    }
    return this.#enqueue(signal);
  }

  /** Seconds until a slot is likely free: the queue ahead, drained at the observed run rate. */
  retryAfterSeconds(): number {
    const waves = (this.#queue.length + 1) / this.maxConcurrent;
    const seconds = Math.ceil((waves * this.#averageRunMs) / 1000);
    return Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, seconds));
  }

  /** Refuses queued and future runs (graceful shutdown); runs executing are left to finish. */
  close(): void {
    this.#closed = true;
    for (const waiter of this.#queue.splice(0)) {
      waiter.refuse(new BusyError('SHUTTING_DOWN', 'the workbench is shutting down', 5));
    }
  }

  #enqueue(signal: AbortSignal | undefined): Promise<ReleaseSlot> {
    return new Promise<ReleaseSlot>((resolve, reject) => {
      const waiter: Waiter = {
        grant: (release) => settle(() => resolve(release)),
        refuse: (error) => settle(() => reject(error)),
      };
      const onAbort = () => {
        this.#remove(waiter);
        waiter.refuse(signal!.reason as Error);
      };
      const timer = setTimeout(() => {
        this.#remove(waiter);
        waiter.refuse(
          new BusyError(
            'QUEUE_TIMEOUT',
            `the workbench is busy: no run slot became free within ${this.maxQueueWaitMs} ms (limit ${this.maxConcurrent} concurrent runs)`,
            this.retryAfterSeconds(),
          ),
        );
      }, this.maxQueueWaitMs);
      const settle = (finish: () => void) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        finish();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#queue.push(waiter);
    });
  }

  #take(): ReleaseSlot {
    this.#running += 1;
    const startedAt = this.#now();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#running -= 1;
      const heldMs = this.#now() - startedAt;
      this.#averageRunMs += ESTIMATE_SMOOTHING * (heldMs - this.#averageRunMs);
      const next = this.#queue.shift();
      if (next) next.grant(this.#take());
    };
  }

  #remove(waiter: Waiter): void {
    const index = this.#queue.indexOf(waiter);
    if (index !== -1) this.#queue.splice(index, 1);
  }
}
