/**
 * The sandbox's public surface: `createSandbox`, the contract types, and the default limits.
 *
 * @example
 * import { createSandbox } from './sandbox/index.ts';
 * const sandbox = createSandbox({ surface });
 * const result = await sandbox.run({ code: 'return 1 + 1' }); // { ok: true, value: 2, … }
 */
export { createSandbox, DEFAULT_RUNS_PER_WORKER } from './create-sandbox.ts';
export * from './limits.ts';
export type * from './types.ts';
