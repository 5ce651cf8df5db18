/**
 * The type-checker's worker thread: one warm LanguageService, checks run one at a time, off the
 * server's event loop. Warmed with a check that touches the surface, so the first real check is
 * already warm.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createChecker, type CheckerSources } from './language-service.ts';
import type { CheckOutcome } from './types.ts';

export interface CheckRequest {
  id: number;
  code: string;
}

export type CheckerThreadMessage =
  | { type: 'ready' }
  | { type: 'result'; id: number; outcome: CheckOutcome }
  | { type: 'failed'; id: number; message: string };

const sources = workerData as CheckerSources;
const check = createChecker(sources);
const touched = sources.checkedGlobals.map((name) => `void ${name};`).join('\n');
check(`${touched}\nconst warm: number = 1;\nreturn warm;`);
parentPort!.postMessage({ type: 'ready' } satisfies CheckerThreadMessage);

parentPort!.on('message', (request: CheckRequest) => {
  let reply: CheckerThreadMessage;
  try {
    reply = { type: 'result', id: request.id, outcome: check(request.code) };
  } catch (error) {
    reply = { type: 'failed', id: request.id, message: String((error as Error)?.message ?? error) };
  }
  parentPort!.postMessage(reply);
});
