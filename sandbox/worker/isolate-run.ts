/**
 * One run in a fresh isolate (prepared ahead by IsolateSupply, never used before), run under the
 * limits and disposed in `finally`, never reused (shared/notes/isolated-vm.md §0.1, §2.6).
 * The isolate's own `timeout` covers only the synchronous part; a wall-clock timer and a CPU-time
 * watchdog (cpu-watchdog.ts, one timer for the worker's runs) cover what runs after an `await`
 * (§2.1), both ending in `dispose()`.
 */
import type ivm from 'isolated-vm';
import { USER_SCRIPT_FILENAME } from '../protocol.ts';
import type { CallResultMessage, DoneMessage, RunMessage, WorkerMessage } from '../protocol.ts';
import type { RunError } from '../types.ts';
import type { RuntimeConfig } from '../isolate/runtime.ts';
import { HostBridge } from './host-bridge.ts';
import { LogSink } from './log-sink.ts';
import { type IsolateSupply, type PreparedIsolate, PreludeFailed } from './prepared-isolate.ts';
import { CANCELLED, classifyIsolateFailure, memoryError, timeoutError } from '../run-errors.ts';
import { fromEnvelope } from './envelope-outcome.ts';
import { watchCpu } from './cpu-watchdog.ts';
/** Unhandled rejections reported per run (as warnings), the first ones. */
const MAX_REPORTED_REJECTIONS = 5;

export interface IsolateRunOptions {
  supply: IsolateSupply;
  send: (message: WorkerMessage) => void;
}

export class IsolateRun {
  readonly runId: string;
  private readonly message: RunMessage;
  private readonly options: IsolateRunOptions;
  private readonly bridge: HostBridge;
  private readonly logs: LogSink;
  private readonly startedAt = performance.now();
  private isolate: ivm.Isolate | undefined;
  private killedBy: RunError | undefined;
  private progressPending: { done: number; total?: number; message?: string } | undefined;
  /** The outcome string the runtime reports, or undefined when the run is killed first. */
  private readonly outcome = Promise.withResolvers<unknown>();
  private readonly rejections: Array<{ message: string; stack?: string }> = [];

  constructor(message: RunMessage, options: IsolateRunOptions) {
    this.runId = message.runId;
    this.message = message;
    this.options = options;
    this.bridge = new HostBridge({
      runId: message.runId,
      limits: message.limits,
      hostNames: message.hostNames,
      send: options.send,
      fail: (error) => this.kill(error),
    });
    this.logs = new LogSink(message.limits.maxLogBytes, (level, text) =>
      options.send({ type: 'log', runId: this.runId, level, message: text, atMs: this.elapsed() }),
    );
  }

  deliver(result: CallResultMessage): void {
    this.bridge.deliver(result);
  }

  cancel(): void {
    this.kill(CANCELLED);
  }

  /** Ends the run with `error` (the first reason wins) by disposing the isolate. */
  kill(error: RunError): void {
    this.killedBy ??= error;
    this.outcome.resolve(undefined);
    this.bridge.close();
    if (this.isolate && !this.isolate.isDisposed) this.isolate.dispose();
  }

  async execute(): Promise<DoneMessage> {
    const { limits } = this.message;
    const wallTimer = setTimeout(
      () =>
        this.kill(
          timeoutError('wallTimeMs', limits.wallTimeMs, this.elapsed(), this.bridge.inFlightCount),
        ),
      limits.wallTimeMs,
    );
    const stopCpuWatch = watchCpu(() => this.checkCpu());
    let prepared: PreparedIsolate | undefined;
    try {
      prepared = await this.options.supply.take(limits.memoryMb);
      this.isolate = prepared.isolate;
      if (this.killedBy) return this.done(this.killedBy);
      prepared.bind({
        runId: this.runId,
        dispatch: this.bridge.dispatch,
        log: this.logs.add,
        progress: this.queueProgress,
        report: (outcome) => this.outcome.resolve(outcome),
      });
      const envelope = await this.runScript(prepared);
      return this.done(this.killedBy ?? fromEnvelope(envelope, this.message.limits));
    } catch (error) {
      if (this.killedBy) return this.done(this.killedBy);
      if (error instanceof PreludeFailed || error instanceof CompileRejected) {
        return this.done(error.runError);
      }
      return this.done(
        classifyIsolateFailure(
          error,
          prepared?.isolate.isDisposed ?? false,
          limits.memoryMb,
          limits.syncTimeoutMs,
          this.elapsed(),
        ),
      );
    } finally {
      clearTimeout(wallTimer);
      stopCpuWatch();
      this.bridge.close();
      if (prepared && !prepared.isolate.isDisposed) prepared.isolate.dispose();
    }
  }

  private async runScript({ isolate, context, execute }: PreparedIsolate): Promise<unknown> {
    const { limits, paramsJson } = this.message;
    const config: RuntimeConfig = {
      maxReturnBytes: limits.maxReturnBytes,
      maxLogBytes: limits.maxLogBytes,
      ...(paramsJson === undefined ? {} : { paramsJson }),
    };
    const script = await isolate
      .compileScript(this.message.js, { filename: USER_SCRIPT_FILENAME })
      .catch((error: unknown) => {
        throw new CompileRejected({
          phase: 'compile',
          code: 'SYNTAX_ERROR',
          message: String((error as Error)?.message ?? error),
        });
      });
    const main = await script.run(context, { reference: true, timeout: limits.syncTimeoutMs });
    // The synchronous part runs (and is timed) inside this call; the outcome comes by `report`.
    await execute
      .apply(undefined, [main.derefInto(), JSON.stringify(config)], {
        timeout: limits.syncTimeoutMs,
      })
      .catch((error: unknown) => {
        // A rejection the script left unhandled is thrown out of the call that is running
        // (notes §1.4): note it, and let the script go on. Anything else ends the run.
        if (this.killedBy || isolate.isDisposed || /timed out/.test(String(error))) throw error;
        this.noteRejection(error);
      });
    const outcome = await this.outcome.promise;
    // Rejections left after the first await surface on the next call into the isolate.
    if (!this.killedBy && !isolate.isDisposed) {
      await context.eval('0').catch((error: unknown) => this.noteRejection(error));
    }
    return outcome;
  }

  /**
   * An unhandled rejection, reported as a warning. isolated-vm's copy keeps the message and the
   * stack (with the user's frames) but not a name set after construction (ConfluenceError).
   */
  private noteRejection(error: unknown): void {
    if (this.rejections.length >= MAX_REPORTED_REJECTIONS) return;
    const { name, message, stack } = (error ?? {}) as Record<string, unknown>;
    const label = typeof name === 'string' ? name : 'Error';
    this.rejections.push({
      message: `${label}: ${String(message ?? error).slice(0, 1_000)}`,
      ...(typeof stack === 'string' ? { stack: stack.slice(0, 4_000) } : {}),
    });
  }

  private done(outcome: RunError | { json: string }): DoneMessage {
    this.flushProgress();
    const base = {
      type: 'done' as const,
      runId: this.runId,
      logsTruncated: this.logs.truncated,
      elidedLogs: this.logs.elided,
      calls: { total: this.bridge.total, failed: this.bridge.failed },
      runMs: this.elapsed(),
      ...(this.rejections.length > 0 ? { unhandledRejections: this.rejections } : {}),
    };
    if ('json' in outcome) {
      return { ...base, ok: true, ...(outcome.json === '' ? {} : { json: outcome.json }) };
    }
    return { ...base, ok: false, error: outcome };
  }

  private checkCpu(): void {
    const isolate = this.isolate;
    if (!isolate) return;
    // Nobody awaits the isolate after the synchronous part: its own memory-limit disposal is
    // noticed here (the isolate is disposed, and not by us).
    if (isolate.isDisposed) {
      if (!this.killedBy) this.kill(memoryError(this.message.limits.memoryMb));
      return;
    }
    const cpuMs = Number(isolate.cpuTime) / 1e6;
    if (cpuMs > this.message.limits.cpuTimeMs) {
      this.kill(timeoutError('cpuTimeMs', this.message.limits.cpuTimeMs, cpuMs));
    }
  }

  // Progress floods (a call per item in a tight loop) are coalesced to one message per turn.
  private readonly queueProgress = (done: number, total?: number, message?: string): void => {
    const first = this.progressPending === undefined;
    this.progressPending = {
      done,
      ...(typeof total === 'number' ? { total } : {}),
      ...(typeof message === 'string' ? { message } : {}),
    };
    if (first) setImmediate(() => this.flushProgress());
  };

  private flushProgress(): void {
    const event = this.progressPending;
    this.progressPending = undefined;
    if (event && !this.killedBy)
      this.options.send({ type: 'progress', runId: this.runId, ...event });
  }

  private elapsed(): number {
    return performance.now() - this.startedAt;
  }
}

/** A failure decided while preparing the isolate, reported as is. */
class CompileRejected extends Error {
  readonly runError: RunError;
  constructor(runError: RunError) {
    super(runError.message);
    this.runError = runError;
  }
}
