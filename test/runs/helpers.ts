/** Shared set-up of the runs suites: a real workbench (sandbox workers, in-memory emulator and store). */
import { loadConfig } from '../../src/config.ts';
import { createWorkbench, type Workbench, type WorkbenchOptions } from '../../src/workbench.ts';

/** A workbench on the embedded emulator, everything in memory, one worker process. */
export async function startTestWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  return createWorkbench(loadConfig({}), {
    runsDatabase: ':memory:',
    emulatorDatabase: ':memory:',
    sandbox: { workers: 1 },
    ...options,
  });
}
