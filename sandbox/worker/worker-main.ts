/**
 * Entry point of a sandbox worker process (forked by sandbox/pool with --no-node-snapshot). It
 * hosts isolates for the parent: it receives `init` once, then `run` messages, and answers with
 * host calls, logs, progress and `done`. Confluence, credentials and the host functions stay in
 * the parent; only JSON crosses.
 */
import ivm from 'isolated-vm';
import type { ParentMessage, WorkerMessage } from '../protocol.ts';
import { IsolateRun } from './isolate-run.ts';
import { IsolateSupply } from './prepared-isolate.ts';

let supply: IsolateSupply | undefined;
const runs = new Map<string, IsolateRun>();

function send(message: WorkerMessage): void {
  if (process.connected) process.send?.(message);
}

function handle(message: ParentMessage): void {
  switch (message.type) {
    case 'init':
      // Probe the native addon once, the way TanStack's driver does (notes §4, #542).
      new ivm.Isolate({ memoryLimit: 8 }).dispose();
      supply = new IsolateSupply(message);
      supply.refill();
      send({ type: 'ready' });
      return;
    case 'run': {
      if (!supply) throw new Error('run before init');
      const run = new IsolateRun(message, { supply, send });
      runs.set(message.runId, run);
      void run.execute().then((done) => {
        runs.delete(message.runId);
        send(done);
        supply!.refill();
      });
      return;
    }
    case 'call-result':
      runs.get(message.runId)?.deliver(message);
      return;
    case 'cancel':
      runs.get(message.runId)?.cancel();
      return;
    case 'ping':
      send({ type: 'pong', seq: message.seq });
      return;
  }
}

process.on('message', (message) => handle(message as ParentMessage));
// The parent is gone: nobody can receive results any more.
process.on('disconnect', () => process.exit(0));
// Ctrl-C in a terminal signals the whole process group. The parent decides when runs stop (a
// job pauses cleanly, letting the runs in flight finish); the worker leaves when it disconnects.
process.on('SIGINT', () => {});
