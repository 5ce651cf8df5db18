/** The evaluation suite: writes first, then questions. */
import type { EvalTask } from './task.ts';
import { READ_TASKS } from './tasks-reads.ts';
import { WRITE_TASKS } from './tasks-writes.ts';

export const EVAL_TASKS: readonly EvalTask[] = [...WRITE_TASKS, ...READ_TASKS];
