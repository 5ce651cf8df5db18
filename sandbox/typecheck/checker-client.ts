/**
 * The parent's handle on the type-checker thread. Measured choice (see README, "Sandbox"): one
 * warm LanguageService in a worker thread of the parent, not one per worker process: a single
 * warm checker (instead of one per worker, each cold after a crash), off the event loop, at a
 * message hop of well under a millisecond. Checks are queued and sent one at a time, so a check
 * that runs past TYPECHECK_TIMEOUT_MS (types crafted to stall the checker) is stopped by
 * restarting the thread; the run then goes on with a warning.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { siblingModule } from '../sibling-module.ts';
import type { Diagnostic, SandboxSurface } from '../types.ts';
import type { CheckRequest, CheckerThreadMessage } from './checker-thread.ts';
import type { CheckerSources } from './language-service.ts';
import type { CheckOutcome, TypeChecker } from './types.ts';

/** One check may take this long before the checker thread is restarted. */
export const TYPECHECK_TIMEOUT_MS = 10_000;
/**
 * Outcomes kept for scripts sent again verbatim (retries, replays, jobs running one script many
 * times): the surface is fixed for the sandbox's life, so the same code always checks the same.
 */
export const CHECK_CACHE_ENTRIES = 256;
const MAX_CACHED_CODE_CHARS = 64 * 1024;
/**
 * Every check builds a new Program and checker, mostly short-lived garbage: with V8's default
 * young generation, scavenges took about half of a warm check (CPU profile). A larger nursery
 * cut the p90 of a trivial check through the thread from 2.6 to 1.7 ms (median 0.8 ms either way).
 */
const CHECKER_YOUNG_GENERATION_MB = 96;

const THREAD_ENTRY = siblingModule('./checker-thread.ts', import.meta.url);
const GLOBALS_PATH = fileURLToPath(new URL('../../sdk-stubs/globals.d.ts', import.meta.url));

interface QueuedCheck {
  id: number;
  code: string;
  resolve: (outcome: CheckOutcome) => void;
}

/** @example const checker = createTypeChecker(surface); const { errors } = await checker.check(code); */
export function createTypeChecker(
  surface: SandboxSurface,
  timeoutMs = TYPECHECK_TIMEOUT_MS,
): TypeChecker {
  const sources: CheckerSources = {
    globals: readFileSync(GLOBALS_PATH, 'utf8'),
    declarations: surface.declarations,
    checkedGlobals: [...surface.checkedGlobals],
  };
  const queue: QueuedCheck[] = [];
  let thread: { worker: Worker; ready: Promise<void> } | undefined;
  let current: (QueuedCheck & { timer: NodeJS.Timeout }) | undefined;
  let nextId = 0;
  let closed = false;

  const start = () => {
    const worker = new Worker(THREAD_ENTRY, {
      workerData: sources,
      resourceLimits: { maxYoungGenerationSizeMb: CHECKER_YOUNG_GENERATION_MB },
    });
    const ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (message: CheckerThreadMessage) => {
        if (message.type === 'ready') resolve();
        else
          settle(
            message.id,
            message.type === 'result' ? message.outcome : unavailable(message.message),
          );
      });
      worker.once('error', reject);
      worker.once('exit', () => reject(new Error('the type-checker thread exited')));
    });
    ready.catch(() => {});
    const started = { worker, ready };
    worker.once('exit', () => {
      if (thread === started) thread = undefined;
      if (current) settle(current.id, unavailable('the type-checker thread stopped'));
    });
    worker.on('error', () => {}); // 'exit' follows and settles the check in flight
    thread = started;
    return started;
  };

  const settle = (id: number, outcome: CheckOutcome) => {
    if (!current || current.id !== id) return;
    clearTimeout(current.timer);
    current.resolve(outcome);
    current = undefined;
    pump();
  };

  const pump = () => {
    const active = thread ?? (closed ? undefined : start());
    if (current || !active) {
      if (!current) thread?.worker.unref();
      return;
    }
    const next = queue.shift();
    if (!next) {
      active.worker.unref();
      return;
    }
    active.worker.ref();
    const timer = setTimeout(() => {
      const stalled = current;
      void active.worker.terminate();
      if (stalled) settle(stalled.id, unavailable(`it took longer than ${timeoutMs} ms`));
    }, timeoutMs);
    current = { ...next, timer };
    active.worker.postMessage({ id: next.id, code: next.code } satisfies CheckRequest);
  };

  const cache = new Map<string, CheckOutcome>();
  const remember = (code: string, outcome: CheckOutcome) => {
    // A skipped check (timeout, thread stopped) is not an answer worth keeping.
    if (
      code.length > MAX_CACHED_CODE_CHARS ||
      outcome.warnings.some((warning) => warning.code === 0)
    )
      return;
    cache.set(code, outcome);
    if (cache.size > CHECK_CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
  };

  return {
    check(code) {
      if (closed) return Promise.resolve(unavailable('the sandbox is closed'));
      const cached = cache.get(code);
      if (cached) {
        cache.delete(code); // most recently used goes last
        cache.set(code, cached);
        return Promise.resolve(structuredClone(cached));
      }
      return new Promise((resolve) => {
        queue.push({
          id: nextId++,
          code,
          resolve: (outcome) => {
            remember(code, outcome);
            resolve(structuredClone(outcome));
          },
        });
        pump();
      });
    },
    async ready() {
      const active = thread ?? start();
      active.worker.ref();
      try {
        await active.ready;
      } finally {
        if (!current) active.worker.unref();
      }
    },
    async close() {
      closed = true;
      for (const queued of queue.splice(0)) queued.resolve(unavailable('the sandbox is closed'));
      if (current) settle(current.id, unavailable('the sandbox is closed'));
      await thread?.worker.terminate();
    },
  };
}

function unavailable(reason: string): CheckOutcome {
  const warning: Diagnostic = {
    line: 1,
    column: 1,
    code: 0,
    message: `the type-check was skipped: ${reason}`,
  };
  return { errors: [], warnings: [warning] };
}
