/**
 * What to tell a run whose worker process went away: the error says what happened, as far as the
 * parent can tell, rather than guessing. A run that brought the worker down with a fatal
 * out-of-memory error is named on stderr (CATASTROPHIC_MARKER); V8's own fatal OOM aborts with
 * SIGABRT/SIGTRAP and says so on stderr; a SIGKILL the parent did not send came from outside (an
 * operator, a supervisor, or the kernel's OOM killer), and is not the script's doing.
 */
import type { RunError } from '../types.ts';

export interface WorkerLoss {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The sandbox is closing: the worker was stopped on purpose. */
  stopping: boolean;
  /** This run was named as the one that exhausted memory. */
  culprit: boolean;
  /** The parent killed the worker itself (a stuck run, or a worker that stopped answering). */
  killedByParent: boolean;
  /** When the parent killed it on this run's account, the error it decided on. */
  parentReason?: RunError | undefined;
  stderrTail: string;
}

const V8_OOM = /out of memory|heap limit|Allocation failed/i;
const RUN_AGAIN = 'Run the script again: it is not known to be at fault.';

/**
 * @example
 * lostRunError({ code: null, signal: 'SIGKILL', stopping: false, culprit: false, killedByParent: false, stderrTail: '' }).code; // 'WORKER_KILLED'
 */
export function lostRunError(loss: WorkerLoss): RunError {
  const how = loss.signal ? `signal ${loss.signal}` : `exit code ${loss.code}`;
  if (loss.stopping) {
    return {
      phase: 'runtime',
      code: 'WORKER_STOPPED',
      message: 'the sandbox was closed while the script was running',
      hint: 'The workbench was shutting down; run the script again once it is back.',
    };
  }
  if (loss.culprit) {
    return {
      phase: 'memory',
      code: 'WORKER_CRASHED',
      message: `the script exhausted V8's memory (a fatal out-of-memory error that isolated-vm cannot recover from); its sandbox worker (${how}) was restarted`,
      hint: 'Do not build huge Maps, Sets or objects (millions of entries): process items as they come.',
    };
  }
  if (loss.parentReason) return loss.parentReason;
  if (loss.signal === 'SIGKILL' && !loss.killedByParent) {
    return {
      phase: 'runtime',
      code: 'WORKER_KILLED',
      message:
        'the sandbox worker running this script was killed from outside the workbench (SIGKILL: an operator, a process supervisor, or the system running out of memory); it was replaced',
      hint: RUN_AGAIN,
    };
  }
  if (loss.signal === 'SIGABRT' || loss.signal === 'SIGTRAP' || V8_OOM.test(loss.stderrTail)) {
    return {
      phase: 'runtime',
      code: 'WORKER_CRASHED',
      message: `the sandbox worker running this script aborted (${how}), most likely because a script in it ran out of memory; it was replaced. If this script was not at fault, run it again`,
      hint: 'If this script builds very large values, process items as they come; otherwise run it again.',
    };
  }
  return {
    phase: 'runtime',
    code: 'WORKER_CRASHED',
    message: `the sandbox worker running this script ended unexpectedly (${how}); it was replaced`,
    hint: RUN_AGAIN,
  };
}
