/**
 * One timer for the CPU-time watchdogs of all the runs a worker hosts: every
 * CPU_POLL_INTERVAL_MS it calls each run's check (which reads its isolate's cpuTime and disposes
 * it past the limit). One wake-up per tick for the whole worker instead of one per run: a worker
 * hosts several runs at once, and on a loaded machine each lasts many ticks.
 */

/** How often the watchdog reads each isolate's CPU time. */
export const CPU_POLL_INTERVAL_MS = 25;

const checks = new Set<() => void>();
let timer: NodeJS.Timeout | undefined;

function tick(): void {
  for (const check of checks) check();
}

/**
 * Calls `check` every CPU_POLL_INTERVAL_MS until the returned function is called.
 *
 * @example
 * const stop = watchCpu(() => run.checkCpu());
 * try { await run.execute(); } finally { stop(); }
 */
export function watchCpu(check: () => void): () => void {
  checks.add(check);
  timer ??= setInterval(tick, CPU_POLL_INTERVAL_MS);
  return () => {
    checks.delete(check);
    if (checks.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}
