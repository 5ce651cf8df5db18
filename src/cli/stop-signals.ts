/**
 * How the command learns it must stop: SIGINT (Ctrl-C), SIGTERM, or, when started by `npm start`,
 * its parent process going away (npm forwards SIGTERM to `sh -c`, which dies without passing it
 * on, and the orphaned service kept listening). A command that can stop cleanly claims the stop
 * (`serve` closes its socket, `run` cancels its run and reports what was applied); a command that
 * did not claim it, or a second signal, ends the process at once with the conventional
 * 128 + signal number. SIGHUP keeps its default action (the process ends) and is not listened
 * to: a listener would undo the `SIG_IGN` that `nohup` sets.
 */

/** Exit codes for a command ended by a signal: 128 + the signal's number. */
export const SIGNAL_EXIT_CODES = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;

/** Why the command stops; a parent that went away counts as a hangup (SIGHUP). */
export type StopReason = keyof typeof SIGNAL_EXIT_CODES;

/** The signals listened to. */
const LISTENED: ReadonlyArray<'SIGINT' | 'SIGTERM'> = ['SIGINT', 'SIGTERM'];

/** How often the parent process is looked at (its death is not signalled to us). */
export const PARENT_CHECK_MS = 1_000;

export interface StopSignals {
  /** Claims the stop: from now on the first signal aborts this instead of ending the process. */
  claim(): AbortSignal;
  /** Stops watching (the command is done). */
  dispose(): void;
}

export interface StopSignalOptions {
  /** Where signals come from (process). */
  on(signal: 'SIGINT' | 'SIGTERM', listener: () => void): void;
  off(signal: 'SIGINT' | 'SIGTERM', listener: () => void): void;
  /**
   * The current parent pid (process.ppid), read at start and then every PARENT_CHECK_MS; absent:
   * the parent is not watched.
   */
  parentPid?: (() => number) | undefined;
  exit(code: number): void;
}

/**
 * @example
 * const stops = watchStopSignals({ on: (s, l) => process.on(s, l), off: (s, l) => process.off(s, l), parentPid: () => process.ppid, exit: (c) => process.exit(c) });
 * const signal = stops.claim(); // a first Ctrl-C aborts it, with reason 'SIGINT'
 */
export function watchStopSignals(options: StopSignalOptions): StopSignals {
  const controller = new AbortController();
  let claimed = false;
  const stop = (reason: StopReason) => {
    if (!claimed || controller.signal.aborted) options.exit(SIGNAL_EXIT_CODES[reason]);
    else controller.abort(reason);
  };
  const listeners = LISTENED.map((reason) => {
    const listener = () => stop(reason);
    options.on(reason, listener);
    return [reason, listener] as const;
  });
  const orphanCheck = options.parentPid
    ? watchParent(options.parentPid, () => stop('SIGHUP'))
    : undefined;
  return {
    claim() {
      claimed = true;
      return controller.signal;
    },
    dispose() {
      clearInterval(orphanCheck);
      for (const [reason, listener] of listeners) options.off(reason, listener);
    },
  };
}

/** Calls `gone` once the parent pid changes (reparented to init or a subreaper: our starter is gone). */
function watchParent(parentPid: () => number, gone: () => void): NodeJS.Timeout {
  const parent = parentPid();
  const timer = setInterval(() => {
    if (parentPid() === parent) return;
    clearInterval(timer);
    gone();
  }, PARENT_CHECK_MS);
  return timer.unref();
}

/** The exit code of a stop (130 for Ctrl-C), or undefined when the signal was not a stop. */
export function exitCodeOfStop(signal: AbortSignal | undefined): number | undefined {
  if (!signal?.aborted) return undefined;
  const reason = signal.reason as unknown;
  return typeof reason === 'string' && reason in SIGNAL_EXIT_CODES
    ? SIGNAL_EXIT_CODES[reason as StopReason]
    : undefined;
}
