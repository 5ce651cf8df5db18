/**
 * Isolates made ready before their run arrives: created, given a context, the SDK prelude and the
 * in-isolate runtime (measured: ~1.7 ms of a ~1.9 ms cold start). Each is still used for exactly
 * one run and then disposed: DESIGN.md allows "a warm pool of unused isolates", and notes §3.4
 * measured this warm single-use pool at 0.5 ms against 2.3 ms cold. The bridge, console and
 * progress callbacks delegate to the run bound later; no user code can run before that.
 * The prelude and the runtime compile from V8 cached data after the worker's first isolate
 * (code-cache.ts): a new isolate per run then costs less CPU, and is just as fresh.
 */
import { writeSync } from 'node:fs';
import ivm from 'isolated-vm';
import { CATASTROPHIC_MARKER, RUNTIME_GLOBAL_NAME, type InitMessage } from '../protocol.ts';
import type { RunError } from '../types.ts';
import { CodeCache } from './code-cache.ts';
import type { BridgeEnvelope } from './host-bridge.ts';

const PRELUDE_FILENAME = 'file:///sandbox/prelude.js';
const RUNTIME_FILENAME = 'file:///sandbox/runtime.js';

/** The run an isolate serves: where its host calls, console and progress go. */
export interface RunBindings {
  runId: string;
  dispatch: (name: unknown, argsJson: unknown) => Promise<BridgeEnvelope>;
  log: (level: unknown, message: unknown) => void;
  progress: (done: number, total?: number, message?: string) => void;
  /** The script settled: its outcome string (sandbox/isolate/envelope.ts). */
  report: (outcome: unknown) => void;
}

export interface PreparedIsolate {
  isolate: ivm.Isolate;
  context: ivm.Context;
  /** The runtime's `start(main, configJson)`. */
  execute: ivm.Reference;
  memoryMb: number;
  bind(bindings: RunBindings): void;
}

/** The SDK prelude threw while installing: every run on this surface would fail the same way. */
export class PreludeFailed extends Error {
  readonly runError: RunError;
  constructor(cause: unknown) {
    const reason = String((cause as Error)?.message ?? cause).slice(0, 500);
    super(reason);
    this.runError = {
      phase: 'runtime',
      code: 'PRELUDE_FAILED',
      message: `the SDK prelude failed to start: ${reason}`,
    };
  }
}

/** The runtime's installer, a function of the five values `install` takes (never a global). */
function installerSource(runtimeSource: string): string {
  return `(function ($0, $1, $2, $3, $4) {\n${runtimeSource}\nreturn ${RUNTIME_GLOBAL_NAME}.install($0, $1, $2, $3, $4);\n})`;
}

export async function prepareIsolate(
  init: InitMessage,
  memoryMb: number,
  cache: CodeCache = new CodeCache(),
): Promise<PreparedIsolate> {
  let bindings: RunBindings | undefined;
  const isolate = new ivm.Isolate({
    memoryLimit: memoryMb,
    // A V8 fatal OOM leaves the isolate's thread asleep for ever (notes §2.2): name the run on
    // stderr, synchronously, then abort so the parent fails this worker's runs and respawns it.
    onCatastrophicError: (reason) => {
      writeSync(2, `${CATASTROPHIC_MARKER}${bindings?.runId ?? 'none'} ${reason}\n`);
      process.abort();
    },
  });
  try {
    const context = await isolate.createContext();
    const prelude = await cache.compile(isolate, `(${init.prelude})`, PRELUDE_FILENAME);
    const preludeFactory = await prelude.run(context, { reference: true });
    const installer = await cache.compile(
      isolate,
      installerSource(init.runtimeSource),
      RUNTIME_FILENAME,
    );
    const install = await installer.run(context, { reference: true });
    const execute = await install
      .apply(
        undefined,
        [
          new ivm.Reference((name: unknown, argsJson: unknown) =>
            bindings!.dispatch(name, argsJson),
          ),
          new ivm.Callback((level: unknown, message: unknown) => bindings?.log(level, message), {
            ignored: true,
          }),
          new ivm.Callback(
            (done: number, total?: number, message?: string) =>
              bindings?.progress(done, total, message),
            {
              ignored: true,
            },
          ),
          new ivm.Callback((outcome: unknown) => bindings?.report(outcome), { ignored: true }),
          preludeFactory.derefInto(),
        ],
        { result: { reference: true } },
      )
      .catch((error: unknown) => {
        throw new PreludeFailed(error);
      });
    return { isolate, context, execute, memoryMb, bind: (run) => (bindings = run) };
  } catch (error) {
    if (!isolate.isDisposed) isolate.dispose();
    throw error;
  }
}

/** Keeps one prepared isolate in reserve and hands each out once. */
export class IsolateSupply {
  private spare: { memoryMb: number; prepared: Promise<PreparedIsolate> } | undefined;
  private readonly init: InitMessage;
  private readonly cache = new CodeCache();

  constructor(init: InitMessage) {
    this.init = init;
  }

  /** A ready isolate with this memory limit: the spare if it fits, else a new one. */
  take(memoryMb: number): Promise<PreparedIsolate> {
    const spare = this.spare;
    this.spare = undefined;
    let prepared: Promise<PreparedIsolate>;
    if (spare && spare.memoryMb === memoryMb) {
      prepared = spare.prepared;
    } else {
      spare?.prepared.then(
        (unused) => unused.isolate.dispose(),
        () => {},
      );
      prepared = prepareIsolate(this.init, memoryMb, this.cache);
    }
    return prepared;
  }

  /**
   * Prepares the next spare, with the sandbox's default memory limit unless told otherwise.
   * Called once a run is done, not while it runs: on a busy 2-core machine the preparation would
   * compete with the run for CPU.
   */
  refill(memoryMb = this.init.defaultMemoryMb): void {
    if (this.spare) return;
    const prepared = prepareIsolate(this.init, memoryMb, this.cache);
    prepared.catch(() => {}); // reported to the run that takes it
    this.spare = { memoryMb, prepared };
  }
}
