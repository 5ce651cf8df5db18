/**
 * The bytes of Confluence answers being read at once, across every client that shares the
 * budget (the service shares one: a 300 MB answer read by eight runs at once must not hold
 * 2.4 GB). An answer that declares its length (`Content-Length`) waits, first come first served,
 * until that many bytes are free: it holds nothing while it waits, so waiting cannot deadlock.
 * An answer of unknown length (chunked, or decompressing past its declared length) grows its
 * share as bytes arrive and fails at once when the budget has no room: growing by waiting could
 * deadlock two half-read answers that each wait for the other.
 *
 * A weighted semaphore with per-waiter cancellation is ~60 lines; the maintained queues in the
 * tree (p-queue, p-limit) count tasks, not bytes, and async-mutex's semaphore cannot drop one
 * waiter on its AbortSignal.
 */

/**
 * The largest answer read, in bytes (WORKBENCH_MAX_RESPONSE_BYTES); past it the connection is
 * dropped. Confluence's largest JSON pages (250 items with bodies) stay well under it.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
/** Bytes of answers read at once across the service (WORKBENCH_MAX_RESPONSE_BYTES_IN_FLIGHT). */
export const DEFAULT_MAX_RESPONSE_BYTES_IN_FLIGHT = 256 * 1024 * 1024;

export interface ResponseBudgetStats {
  /** Bytes held by answers being read now. */
  heldBytes: number;
  /** The most ever held at once. */
  peakHeldBytes: number;
  /** Answers waiting for room. */
  waiting: number;
  limitBytes: number;
}

export interface ResponseBudget {
  readonly limitBytes: number;
  /** Waits until `bytes` are free and holds them; rejects with the signal's reason if it aborts first. */
  acquire(bytes: number, signal?: AbortSignal): Promise<void>;
  /** Holds `bytes` more if they are free now, without waiting; `false` when they are not. */
  tryAcquire(bytes: number): boolean;
  /** Gives `bytes` back (an answer read, or failed). */
  release(bytes: number): void;
  stats(): ResponseBudgetStats;
}

interface Waiter {
  bytes: number;
  grant: () => void;
}

/**
 * @example
 * const budget = createResponseBudget(64 * 1024 * 1024);
 * const clientA = createConfluenceClient({ baseUrl, auth, responseBudget: budget });
 */
export function createResponseBudget(
  limitBytes: number = DEFAULT_MAX_RESPONSE_BYTES_IN_FLIGHT,
): ResponseBudget {
  if (!Number.isSafeInteger(limitBytes) || limitBytes < 1)
    throw new RangeError(`a response budget must be a positive number of bytes; got ${limitBytes}`);
  let held = 0;
  let peak = 0;
  const queue: Waiter[] = [];

  function take(bytes: number): void {
    held += bytes;
    peak = Math.max(peak, held);
  }

  function drain(): void {
    // First come, first served: a large answer at the head is not starved by small ones behind it.
    while (queue.length > 0 && held + queue[0]!.bytes <= limitBytes) {
      const waiter = queue.shift()!;
      take(waiter.bytes);
      waiter.grant();
    }
  }

  return {
    limitBytes,
    acquire(bytes, signal) {
      // More than the whole budget could never be granted: hold all of it rather than wait forever.
      const wanted = Math.min(bytes, limitBytes);
      if (signal?.aborted) return Promise.reject(signal.reason as Error);
      if (queue.length === 0 && held + wanted <= limitBytes) {
        take(wanted);
        return Promise.resolve();
      }
      return new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          const index = queue.indexOf(waiter);
          if (index >= 0) queue.splice(index, 1);
          drain();
          reject(signal!.reason as Error);
        };
        const waiter: Waiter = {
          bytes: wanted,
          grant: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
        };
        queue.push(waiter);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
    tryAcquire(bytes) {
      if (held + bytes > limitBytes) return false;
      take(bytes);
      return true;
    },
    release(bytes) {
      held = Math.max(0, held - bytes);
      drain();
    },
    stats: () => ({ heldBytes: held, peakHeldBytes: peak, waiting: queue.length, limitBytes }),
  };
}
