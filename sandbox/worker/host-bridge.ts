/**
 * The worker's end of the isolate's one bridge. The isolate calls `dispatch(name, argsJson)`
 * through an ivm.Reference; this checks the call count, argument size and host-function name,
 * waits for a concurrency slot (p-limit), forwards the call to the parent over IPC and resolves the
 * parent's answer. It never rejects (isolated-vm #314/#417: a host promise that rejects at once
 * becomes a Node unhandledRejection and kills the process).
 */
import pLimit, { type LimitFunction } from 'p-limit';
import type { ResolvedLimits } from '../limits.ts';
import type { CallResultMessage, WorkerMessage } from '../protocol.ts';
import type { HostErrorShape, RunError } from '../types.ts';
import { ANSWER_ERROR, ANSWER_OK } from '../isolate/envelope.ts';
import { limitError } from '../run-errors.ts';

/** What the isolate's `call` receives: a tagged string (sandbox/isolate/envelope.ts). */
export type BridgeEnvelope = string;

export interface HostBridgeOptions {
  runId: string;
  limits: ResolvedLimits;
  hostNames: readonly string[];
  send: (message: WorkerMessage) => void;
  /** Ends the run with a limit error (the isolate is disposed). */
  fail: (error: RunError) => void;
}

export class HostBridge {
  /** Calls attempted, and those that failed (host errors, unknown names, limits). */
  total = 0;
  failed = 0;
  /** The concurrent-call cap (p-limit: tiny, well kept, FIFO). */
  private readonly slots: LimitFunction;
  private readonly pending = new Map<number, (envelope: BridgeEnvelope) => void>();
  private readonly hostNames: Set<string>;
  private closed = false;
  private readonly options: HostBridgeOptions;

  constructor(options: HostBridgeOptions) {
    this.options = options;
    this.hostNames = new Set(options.hostNames);
    this.slots = pLimit(options.limits.maxConcurrentHostCalls);
  }

  readonly dispatch = async (name: unknown, argsJson: unknown): Promise<BridgeEnvelope> => {
    try {
      return await this.forward(String(name), typeof argsJson === 'string' ? argsJson : undefined);
    } catch (error) {
      this.failed++;
      return failure({ name: 'Error', message: `host call failed: ${(error as Error).message}` });
    }
  };

  /** Host calls sent to the parent and not answered yet. */
  get inFlightCount(): number {
    return this.pending.size;
  }

  /** An answer from the parent. */
  deliver(message: CallResultMessage): void {
    const resolve = this.pending.get(message.callId);
    if (!resolve) return;
    this.pending.delete(message.callId);
    if (message.limitError) {
      this.failed++;
      this.options.fail(message.limitError);
      resolve(failure({ name: 'Error', message: message.limitError.message }));
    } else if (message.ok) {
      resolve(ANSWER_OK + (message.value ?? ''));
    } else {
      this.failed++;
      resolve(failure(message.error ?? { message: 'host call failed' }));
    }
  }

  /**
   * The run is over: answer every call sent, so nothing in the worker stays pending; calls still
   * waiting for a slot then start, see `closed` and answer at once.
   */
  close(): void {
    this.closed = true;
    for (const resolve of this.pending.values()) resolve(failure({ message: 'the run has ended' }));
    this.pending.clear();
  }

  private async forward(name: string, argsJson: string | undefined): Promise<BridgeEnvelope> {
    const { limits } = this.options;
    const callIndex = this.total++;
    if (this.closed) return failure({ message: 'the run has ended' });
    if (this.total > limits.maxHostCalls) {
      return this.refuse(
        limitError('maxHostCalls', limits.maxHostCalls, this.total, 'HOST_CALL_LIMIT'),
      );
    }
    const argBytes = argsJson === undefined ? 0 : Buffer.byteLength(argsJson);
    if (argBytes > limits.maxArgBytes) {
      return this.refuse(
        limitError('maxArgBytes', limits.maxArgBytes, argBytes, 'ARG_SIZE_LIMIT', name),
      );
    }
    if (!this.hostNames.has(name)) {
      this.failed++;
      return failure({
        name: 'Error',
        code: 'UNKNOWN_HOST_FUNCTION',
        message: `unknown host function "${name.slice(0, 100)}"`,
      });
    }
    return this.slots(() => this.send(name, callIndex, argsJson));
  }

  private async send(
    name: string,
    callIndex: number,
    argsJson: string | undefined,
  ): Promise<BridgeEnvelope> {
    if (this.closed) return failure({ message: 'the run has ended' });
    const answer = new Promise<BridgeEnvelope>((resolve) => this.pending.set(callIndex, resolve));
    this.options.send({
      type: 'call',
      runId: this.options.runId,
      callId: callIndex,
      callIndex,
      name,
      ...(argsJson === undefined ? {} : { args: argsJson }),
    });
    return answer;
  }

  private refuse(error: RunError): BridgeEnvelope {
    this.failed++;
    this.options.fail(error);
    return failure({ name: 'Error', message: error.message });
  }
}

function failure(error: HostErrorShape): BridgeEnvelope {
  return ANSWER_ERROR + JSON.stringify(error);
}
