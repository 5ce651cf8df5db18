/**
 * One supervised sandbox worker process: forked with --no-node-snapshot (the supported
 * configuration for isolated-vm, shared/notes/isolated-vm.md §5), given the runtime and prelude
 * once, then handed runs. When it exits, every run in flight fails with a clear error, and the
 * run that brought it down (named on stderr by onCatastrophicError) is told so.
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

const WORKER_ENTRY = fileURLToPath(siblingModule('../worker/worker-main.ts', import.meta.url));
const STDERR_TAIL_CHARS = 4_096;

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
  private readonly exitPromise: Promise<void>;

  constructor(init: InitMessage, onExit: (worker: WorkerProcess, exit: WorkerExit) => void) {
    this.child = fork(WORKER_ENTRY, [], {
      execArgv: ['--no-node-snapshot'],
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

  get available(): boolean {
    return this.isReady && !this.exited && !this.stopping;
  }

  start(message: RunMessage, listener: WorkerRunListener): void {
    this.runs.set(message.runId, listener);
    this.updateRef();
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
    this.updateRef();
  }

  private failRuns(code: number | null, signal: NodeJS.Signals | null): void {
    const how = signal ? `signal ${signal}` : `exit code ${code}`;
    for (const [runId, listener] of this.runs) listener.onLost(this.lostError(runId, how));
    this.runs.clear();
  }

  private lostError(runId: string, how: string): RunError {
    if (this.stopping) {
      return {
        phase: 'runtime',
        code: 'WORKER_STOPPED',
        message: 'the sandbox was closed while the script was running',
      };
    }
    if (this.culprits.has(runId)) {
      return {
        phase: 'memory',
        code: 'WORKER_CRASHED',
        message: `the script exhausted V8's memory (a fatal out-of-memory error that isolated-vm cannot recover from); its sandbox worker (${how}) was restarted`,
        hint: 'Do not build huge Maps, Sets or objects (millions of entries): process items as they come.',
      };
    }
    const unresponsive = this.unresponsive.get(runId);
    if (unresponsive) return unresponsive;
    return {
      phase: 'runtime',
      code: 'WORKER_CRASHED',
      message: `the sandbox worker running this script crashed (${how}), most likely because a script in it ran out of memory; if this script was not at fault, run it again`,
    };
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
