/**
 * One supervised sandbox worker process: forked with --no-node-snapshot (the supported
 * configuration for isolated-vm, shared/notes/isolated-vm.md §5) and an empty environment (the
 * worker needs none; credentials and keys stay in the parent), given the runtime and prelude
 * once, then handed runs. When it exits, every run in flight fails with an error that says what
 * happened: the run that brought it down (named on stderr by onCatastrophicError), a kill from
 * outside, or a worker that stopped answering its heartbeat.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CATASTROPHIC_MARKER } from '../protocol.ts';
import type {
  DoneMessage,
  InitMessage,
  ParentMessage,
  RunMessage,
  WorkerMessage,
} from '../protocol.ts';
import { siblingModule } from '../sibling-module.ts';
import type { RunError } from '../types.ts';
import { lostRunError } from './lost-run-error.ts';

const WORKER_ENTRY = fileURLToPath(siblingModule('../worker/worker-main.ts', import.meta.url));
const STDERR_TAIL_CHARS = 4_096;
/** While runs are in flight, the parent pings the worker this often. */
export const DEFAULT_HEARTBEAT_MS = 1_000;
/**
 * A worker silent this long while it has runs is unresponsive (stopped, or wedged): its main
 * thread only routes messages (isolates run on isolated-vm's threads), so even a busy one answers
 * within milliseconds; 10 s leaves room for a machine under heavy load.
 */
export const DEFAULT_UNRESPONSIVE_AFTER_MS = 10_000;

/** How the parent watches a worker's liveness. */
export interface HeartbeatOptions {
  intervalMs?: number | undefined;
  unresponsiveAfterMs?: number | undefined;
}

/** What a worker reports about one run. */
export interface WorkerRunListener {
  onMessage(message: Exclude<WorkerMessage, { type: 'ready' }>): void;
  /** The worker died or was stopped before the run was done. */
  onLost(error: RunError): void;
}

export interface WorkerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Whether it ever became ready (a worker that cannot start is not respawned in a loop). */
  wasReady: boolean;
  stderrTail: string;
}

export class WorkerProcess {
  readonly ready: Promise<void>;
  private readonly child: ChildProcess;
  private readonly runs = new Map<string, WorkerRunListener>();
  private readonly culprits = new Set<string>();
  private readonly unresponsive = new Map<string, RunError>();
  private stderrTail = '';
  private isReady = false;
  private exited = false;
  private stopping = false;
  /** Set when the parent itself kills the worker (a stuck run, an unresponsive worker). */
  private killedByParent = false;
  private lastPongAt = 0;
  private heartbeat: NodeJS.Timeout | undefined;
  private readonly heartbeatOptions: Required<{ [K in keyof HeartbeatOptions]: number }>;
  private readonly exitPromise: Promise<void>;

  constructor(
    init: InitMessage,
    onExit: (worker: WorkerProcess, exit: WorkerExit) => void,
    heartbeat: HeartbeatOptions = {},
  ) {
    this.heartbeatOptions = {
      intervalMs: heartbeat.intervalMs ?? DEFAULT_HEARTBEAT_MS,
      unresponsiveAfterMs: heartbeat.unresponsiveAfterMs ?? DEFAULT_UNRESPONSIVE_AFTER_MS,
    };
    this.child = fork(WORKER_ENTRY, [], {
      execArgv: ['--no-node-snapshot'],
      // Nothing of the parent's environment (Confluence tokens, API keys) reaches the worker.
      env: {},
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'json',
    });
    this.child.stderr?.setEncoding('utf8');
    this.child.stderr?.on('data', (chunk: string) => this.readStderr(chunk));
    this.ready = new Promise((resolve, reject) => {
      this.child.on('message', (message: WorkerMessage) => {
        if (message.type === 'ready') {
          this.isReady = true;
          this.updateRef();
          resolve();
        } else if (message.type === 'pong') {
          this.lastPongAt = performance.now();
        } else if ('runId' in message) {
          this.runs.get(message.runId)?.onMessage(message);
          if (message.type === 'done') this.finish(message);
        }
      });
      this.child.once('exit', () =>
        reject(new Error('the sandbox worker exited before it was ready')),
      );
    });
    this.ready.catch(() => {});
    this.exitPromise = new Promise((resolve) => {
      // 'close', not 'exit': stderr is drained by then, so the catastrophic-OOM marker is read.
      this.child.once('close', (code, signal) => {
        this.exited = true;
        this.stopHeartbeat();
        this.failRuns(code, signal);
        onExit(this, { code, signal, wasReady: this.isReady, stderrTail: this.stderrTail });
        resolve();
      });
    });
    this.child.on('error', () => {}); // 'exit' follows; a send on a dead channel lands here
    this.send(init);
    this.updateRef();
  }

  get load(): number {
    return this.runs.size;
  }

  /** The worker's process id (tests read its environment and signal it). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  get available(): boolean {
    return this.isReady && !this.exited && !this.stopping;
  }

  start(message: RunMessage, listener: WorkerRunListener): void {
    this.runs.set(message.runId, listener);
    this.updateRef();
    this.startHeartbeat();
    this.send(message);
  }

  send(message: ParentMessage): void {
    if (!this.exited && this.child.connected) this.child.send(message);
  }

  cancel(runId: string): void {
    this.send({ type: 'cancel', runId });
  }

  /**
   * A run ignored its deadline or its cancellation: the only way out is to kill the worker. The
   * run then ends with `error`; the others in flight with WORKER_CRASHED.
   */
  killFor(runId: string, error: RunError): void {
    this.unresponsive.set(runId, error);
    this.killedByParent = true;
    this.child.kill('SIGKILL');
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.exited) return;
    this.setRef(true); // keep the parent alive until the worker is really gone
    this.child.kill('SIGKILL');
    await this.exitPromise;
  }

  private finish(message: DoneMessage): void {
    this.runs.delete(message.runId);
    if (this.runs.size === 0) this.stopHeartbeat();
    this.updateRef();
  }

  private startHeartbeat(): void {
    if (this.heartbeat) return;
    this.lastPongAt = performance.now();
    let seq = 0;
    let lastTickAt = this.lastPongAt;
    this.heartbeat = setInterval(() => {
      const now = performance.now();
      // This tick came very late: the parent itself was stopped (SIGSTOP, a suspended VM, a long
      // GC pause), and the worker's answers wait unread behind this timer. Its silence counts
      // from now, not from before the parent's own.
      if (now - lastTickAt > this.heartbeatOptions.unresponsiveAfterMs / 2) this.lastPongAt = now;
      lastTickAt = now;
      const silentMs = now - this.lastPongAt;
      if (silentMs <= this.heartbeatOptions.unresponsiveAfterMs) {
        this.send({ type: 'ping', seq: ++seq });
        return;
      }
      this.stopHeartbeat();
      const error = unresponsiveError(Math.round(silentMs));
      for (const runId of this.runs.keys()) this.unresponsive.set(runId, error);
      this.killedByParent = true;
      this.child.kill('SIGKILL');
    }, this.heartbeatOptions.intervalMs);
    this.heartbeat.unref();
  }

  private stopHeartbeat(): void {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }

  private failRuns(code: number | null, signal: NodeJS.Signals | null): void {
    for (const [runId, listener] of this.runs) {
      listener.onLost(
        lostRunError({
          code,
          signal,
          stopping: this.stopping,
          culprit: this.culprits.has(runId),
          killedByParent: this.killedByParent,
          parentReason: this.unresponsive.get(runId),
          stderrTail: this.stderrTail,
        }),
      );
    }
    this.runs.clear();
  }

  private readStderr(chunk: string): void {
    this.stderrTail = (this.stderrTail + chunk).slice(-STDERR_TAIL_CHARS);
    for (const match of this.stderrTail.matchAll(new RegExp(`${CATASTROPHIC_MARKER}(\\S+)`, 'g'))) {
      this.culprits.add(match[1]!);
    }
  }

  // An idle worker must not keep the parent alive (a CLI run exits when its work is done).
  private updateRef(): void {
    this.setRef(this.runs.size > 0 || !this.isReady || this.stopping);
  }

  private setRef(busy: boolean): void {
    const handles = [this.child, this.child.channel, this.child.stderr] as Array<
      { ref?: () => void; unref?: () => void } | null | undefined
    >;
    for (const handle of handles) {
      if (busy) handle?.ref?.();
      else handle?.unref?.();
    }
  }
}

function unresponsiveError(silentMs: number): RunError {
  return {
    phase: 'runtime',
    code: 'WORKER_UNRESPONSIVE',
    message: `the sandbox worker running this script stopped responding (no answer for ${silentMs} ms; it may have been stopped with SIGSTOP or be starved of CPU), so it was killed and replaced; the script is not known to be at fault`,
    hint: 'Run the script again; if this repeats, check the machine the workbench runs on (stopped processes, CPU starvation).',
  };
}
